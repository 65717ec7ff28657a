"""The evaluation view's right-hand side: the gallery with its title and "All mistakes" button.

``GalleryPanel`` shows one ``EvalResult``'s images: every mistake, most
confident first (``show_mistakes``), or those of one confusion-matrix cell
(``show_cell``), titled with what they are and how many. Its thumbnails
(``gallery.Gallery``) scroll; the button returns from a cell to the mistakes.

Signals (of its widgets, connected by the evaluation view):
    gallery.image_clicked(int)      index into the result's images
    show_all_button.clicked()       "All mistakes" was pressed
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from ..i18n import tr
from .eval_result import EvalResult
from .gallery import Gallery


def rich_label() -> QLabel:
    """A rich-text label that wraps and takes whatever width its layout gives it (a title, a summary)."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setWordWrap(True)
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    return label


class GalleryPanel(QWidget):
    """Title, "All mistakes" button and scrolling thumbnails (see the module doc)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gallery = Gallery()
        self.title = rich_label()
        self.show_all_button = QPushButton(tr("All mistakes"))
        self.show_all_button.setToolTip(tr("Show every misclassified image, most confident first"))
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.gallery)
        self.scroll.setMinimumWidth(90)
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.show_all_button)
        rl = QVBoxLayout(self)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addLayout(head)
        rl.addWidget(self.scroll, 1)

    def clear(self) -> None:
        """No result: an empty gallery that says what will appear in it."""
        self.gallery.set_items(None, np.zeros(0), tr("Misclassified images appear here."))
        self.title.setText("")

    def show_mistakes(self, r: EvalResult) -> None:
        """Every misclassified image of ``r``, most confident first."""
        idx = r.mistakes()
        self.title.setText(tr("<b>{mistakes}</b>, most confident first").format(
            mistakes=tr("%n mistake(s)", None, len(idx))))
        self.gallery.set_items(r, idx, tr("No mistakes: every image is classified right."))
        self.show_all_button.setEnabled(False)

    def show_cell(self, r: EvalResult, true: int, pred: int) -> None:
        """The images of ``r`` of class ``true`` predicted as ``pred``."""
        idx = r.cell(true, pred)
        names = r.class_names
        what = (tr("{name} classified right").format(name=names[true]) if true == pred else
                tr("true {true}, predicted {pred}").format(true=names[true], pred=names[pred]))
        self.title.setText(tr("<b>{what}</b>: {images}").format(what=what, images=tr("%n image(s)", None, len(idx))))
        self.gallery.set_items(r, idx, tr("No image in this cell."))
        self.show_all_button.setEnabled(True)
