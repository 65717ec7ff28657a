"""The weights view's controls: the layer selector, the title and pager row, and the scale toggles.

``title_row(view)`` and ``scale_toggles(view)`` build the rows above the tiles of
a ``weights_view.WeightsView``, give the view its widgets as attributes (the
view and the tests reach them there) and connect them to the view: choosing a
layer (``_on_layer_chosen``), paging (``set_page``) and toggling "Δ since
start" or the colour scale (``_on_toggle``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QButtonGroup, QCheckBox, QComboBox, QHBoxLayout, QLabel, QRadioButton, QToolButton

from ..i18n import tr
from .livelabel import LiveLabel


def title_row(view) -> QHBoxLayout:
    """The layer selector, the title (what is shown, at which step) and the pager of wide layers:
    ``view.layer_box``, ``view.title``, ``view.prev_button``, ``view.page_label``, ``view.next_button``."""
    # texts that change with every snapshot: LiveLabels repaint without re-laying out the window
    view.title = LiveLabel(tr("Layer 1 weights"), lines=1, alignment=Qt.AlignmentFlag.AlignVCenter)
    bold = QFont(view.title.font())
    bold.setWeight(QFont.Weight.DemiBold)
    view.title.setFont(bold)
    view.title.setMinimumWidth(60)
    view.prev_button = QToolButton(text="\u25C0")
    view.next_button = QToolButton(text="\u25B6")
    view.prev_button.setToolTip(tr("Previous page of units"))
    view.next_button.setToolTip(tr("Next page of units"))
    view.page_label = QLabel()
    view.prev_button.clicked.connect(lambda: view.set_page(view._page - 1))
    view.next_button.clicked.connect(lambda: view.set_page(view._page + 1))
    view.layer_box = QComboBox()
    view.layer_box.setToolTip(tr("Which layer's weights to show: the first as one 28\u00d728 tile "
                                 "per unit, the deeper ones as a matrix of units (rows) by "
                                 "inputs (columns)"))
    view.layer_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    view.layer_box.currentIndexChanged.connect(view._on_layer_chosen)
    top = QHBoxLayout()
    top.addWidget(view.layer_box)
    top.addWidget(view.title, 1)
    top.addWidget(view.prev_button)
    top.addWidget(view.page_label)
    top.addWidget(view.next_button)
    return top


def scale_toggles(view) -> QHBoxLayout:
    """"Δ since start" (``view.delta_box``) and the colour scale (``view.shared_button``,
    ``view.per_tile_button``: shared or per tile)."""
    view.shared_button = QRadioButton(tr("Shared"))
    view.shared_button.setToolTip(tr("One colour means the same weight value in every tile: "
                                     "compare the strength of units."))
    view.per_tile_button = QRadioButton(tr("Per tile"))
    view.per_tile_button.setToolTip(tr("Each tile (each row of a matrix) uses its own largest "
                                       "weight: see the shape every unit has learned, even when "
                                       "its weights are small."))
    view.shared_button.setChecked(True)
    group = QButtonGroup(view)
    group.addButton(view.shared_button)
    group.addButton(view.per_tile_button)
    view.per_tile_button.toggled.connect(view._on_toggle)
    view.delta_box = QCheckBox(tr("\u0394 since start"))
    view.delta_box.setToolTip(tr("Show W \u2212 W\u2080: how far each weight has moved from its random "
                                 "initial value. The learned part of every pattern stands out from "
                                 "the initial noise."))
    view.delta_box.toggled.connect(view._on_toggle)
    toggles = QHBoxLayout()
    toggles.addWidget(view.delta_box)
    toggles.addStretch(1)
    toggles.addWidget(QLabel(tr("Colour scale:")))
    toggles.addWidget(view.shared_button)
    toggles.addWidget(view.per_tile_button)
    return toggles
