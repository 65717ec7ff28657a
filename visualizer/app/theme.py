"""Light and dark themes for the whole window, plots included.

``apply_theme(app, name)`` with name "light" | "dark" | "system" sets the Fusion
style and a full ``QPalette`` (so the dark theme is dark everywhere, not only
where a style sheet reaches) and returns the resolved "light"/"dark".
``plot_colors(theme)`` gives the colours pyqtgraph items use, so the curves and
the inspection views match the window:

    background, foreground, grid, text, muted, accent, train, val, raw, lr, marker,
    good, bad, warn   -- "#rrggbb" strings

Projector mode (``set_presentation(app, True)``, View > Presentation) scales
the application's font by ``PRESENTATION_FONT``, asks plots for pens
``pen_scale()`` times wider and makes ``plot_colors`` return the higher-contrast
``_CONTRAST`` colours (pure background and text, deeper curve colours), so a
room can read the window on a 1280x720 projector.

``system_theme()`` reads ``QStyleHints.colorScheme()`` where Qt has it (6.5+),
"light" otherwise (or when the platform does not say).

Dark needs two things Fusion does not do by itself: check boxes and radio
buttons get a palette whose outline shows on a dark background (Fusion draws
their frame a shade darker than the window colour), and the style's dark,
single-colour icons (media buttons, the file dialog's toolbar) are drawn in the
text colour (``LegibleStyle``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QImage, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QProxyStyle, QStyleFactory

THEMES = ("system", "light", "dark")

_PLOT = {
    "light": dict(background="#ffffff", foreground="#3c4043", grid="#dadce0", text="#202124",
                  muted="#5f6368", accent="#1a73e8", train="#1a73e8", val="#e8710a",
                  raw="#9aa0a6", lr="#188038", marker="#9334e6", good="#188038",
                  bad="#d93025", warn="#f9ab00", panel="#f4f4f4"),
    "dark": dict(background="#1b1d21", foreground="#c4c7cc", grid="#3a3d42", text="#e8eaed",
                 muted="#9aa0a6", accent="#8ab4f8", train="#8ab4f8", val="#fcad70",
                 raw="#6b7078", lr="#81c995", marker="#c58af9", good="#81c995",
                 bad="#f28b82", warn="#fdd663", panel="#202226"),
}

# projector mode: stronger text and grid, deeper (light) or paler (dark) curve colours
_CONTRAST = {
    "light": dict(background="#ffffff", foreground="#000000", grid="#80868b", text="#000000",
                  muted="#202124", accent="#0b57d0", train="#0b57d0", val="#c43e00", raw="#5f6368",
                  lr="#0d652d", marker="#7627bb", good="#0d652d", bad="#b3261e", warn="#b06000",
                  panel="#ffffff"),
    "dark": dict(background="#000000", foreground="#ffffff", grid="#80868b", text="#ffffff",
                 muted="#e8eaed", accent="#aecbfa", train="#aecbfa", val="#ffb870", raw="#bdc1c6",
                 lr="#a8dab5", marker="#d7aefb", good="#a8dab5", bad="#f6aea9", warn="#fde293",
                 panel="#000000"),
}
PRESENTATION_FONT = 1.5      # the application font, times this, in projector mode
PRESENTATION_TAB_FONT = 1.2  # the panels' tab titles: seven German titles fit a 1280x720 projector
PRESENTATION_PEN = 2.0       # plot pens, times this, in projector mode


def presentation() -> bool:
    """True while projector mode is on."""
    app = QGuiApplication.instance()
    return bool(app is not None and app.property("visualizerPresentation"))


def pen_scale() -> float:
    """How much wider plots draw their pens now (1 normally)."""
    return PRESENTATION_PEN if presentation() else 1.0


def font_scale() -> float:
    """How much larger fonts are now (1 normally)."""
    return PRESENTATION_FONT if presentation() else 1.0


def set_presentation(app, on: bool) -> None:
    """Projector mode on or off: the application font scaled (``apply_theme`` does the colours)."""
    if bool(app.property("visualizerPresentation")) == bool(on):
        return
    base = app.property("visualizerBaseFontSize")
    if base is None:
        base = app.font().pointSizeF()
        app.setProperty("visualizerBaseFontSize", base)
    font = app.font()
    font.setPointSizeF(float(base) * (PRESENTATION_FONT if on else 1.0))
    app.setProperty("visualizerPresentation", bool(on))
    app.setFont(font)


def system_theme() -> str:
    """"dark" when the platform says it prefers dark, else "light"."""
    app = QGuiApplication.instance()
    if app is None:
        return "light"
    hints = QGuiApplication.styleHints()
    scheme = getattr(hints, "colorScheme", None)
    if scheme is not None:
        try:
            if scheme() == Qt.ColorScheme.Dark:
                return "dark"
        except Exception:  # noqa: BLE001 - older Qt: no colour scheme
            pass
    return "light"


def resolve(name: str) -> str:
    return system_theme() if name == "system" else ("dark" if name == "dark" else "light")


def plot_colors(theme: str) -> dict[str, str]:
    """Colours for plots in ``theme`` ("light"/"dark"; "system" is resolved), higher-contrast in
    projector mode."""
    c = dict(_PLOT[resolve(theme)])
    if presentation():
        c.update(_CONTRAST[resolve(theme)])
    return c


def _palette(theme: str) -> QPalette:
    pal = QPalette()
    if theme == "dark":
        window, base, alt, text, button = "#26282c", "#1b1d21", "#2b2e33", "#e8eaed", "#303338"
        highlight, htext, link, mid, disabled = "#8ab4f8", "#101114", "#8ab4f8", "#3a3d42", "#7b8088"
        tip_base, tip_text = "#303338", "#e8eaed"
    else:
        window, base, alt, text, button = "#f4f4f4", "#ffffff", "#f0f0f0", "#202124", "#fafafa"
        highlight, htext, link, mid, disabled = "#1a73e8", "#ffffff", "#1a73e8", "#c8ccd0", "#9aa0a6"
        tip_base, tip_text = "#ffffe8", "#202124"
    roles = {
        QPalette.Window: window, QPalette.WindowText: text, QPalette.Base: base,
        QPalette.AlternateBase: alt, QPalette.Text: text, QPalette.Button: button,
        QPalette.ButtonText: text, QPalette.Highlight: highlight, QPalette.HighlightedText: htext,
        QPalette.Link: link, QPalette.ToolTipBase: tip_base, QPalette.ToolTipText: tip_text,
        QPalette.PlaceholderText: disabled, QPalette.Mid: mid, QPalette.Midlight: alt,
        QPalette.Dark: mid, QPalette.Light: base, QPalette.Shadow: "#000000",
        QPalette.BrightText: "#ffffff",
    }
    for role, colour in roles.items():
        pal.setColor(role, QColor(colour))
    for role in (QPalette.Text, QPalette.WindowText, QPalette.ButtonText):
        pal.setColor(QPalette.Disabled, role, QColor(disabled))
    return pal


def style_sheet(theme: str) -> str:
    c = _PLOT[theme]
    border = "#3a3d42" if theme == "dark" else "#d5d8dc"
    chunk = "#34527f" if theme == "dark" else "#bcd4fb"
    return f"""
QGroupBox {{ font-weight: 600; border: 1px solid {border}; border-radius: 6px;
            margin-top: 12px; padding: 6px 4px 4px 4px; }}
QGroupBox::title {{ subcontrol-origin: margin; left: 8px; padding: 0 4px; color: {c['muted']}; }}
QDockWidget::title {{ padding: 4px 8px; font-weight: 600; }}
QToolBar {{ spacing: 4px; padding: 3px; border: none; }}
QToolButton {{ padding: 4px 8px; border-radius: 4px; }}
QStatusBar QLabel {{ padding: 0 6px; }}
QProgressBar {{ border: 1px solid {border}; border-radius: 4px; text-align: center; min-height: 14px;
               color: {c['text']}; }}
QProgressBar::chunk {{ background: {chunk}; border-radius: 3px; }}
QLabel#stateLabel {{ font-weight: 600; border-radius: 8px; padding: 1px 10px; }}
QFrame#banner {{ border-radius: 6px; }}
""" + _presentation_tabs()


def _presentation_tabs() -> str:
    """In projector mode the panels' tab titles (the teacher's navigation, not what the room reads)
    grow less than the rest, so that seven German titles stay whole on a 1280x720 projector."""
    app = QGuiApplication.instance()
    base = app.property("visualizerBaseFontSize") if app is not None else None
    if not presentation() or base is None:
        return ""
    return f"QMainWindow > QTabBar {{ font-size: {float(base) * PRESENTATION_TAB_FONT:.1f}pt; }}\n"


INDICATOR_CLASSES = ("QCheckBox", "QRadioButton")
DARK_GLYPH = 90           # icons whose opaque pixels are this dark (lightness 0-255) are single-colour glyphs
ICON_SIZES = (16, 22, 24, 32, 48)


def _indicator_palette(pal: QPalette, theme: str) -> QPalette:
    """Fusion outlines check boxes and radio buttons with the window colour made 40% darker: on a dark
    window that is invisible. Their own window colour (never painted: they fill no background) is
    light enough that the outline shows."""
    pal = QPalette(pal)
    if theme == "dark":
        pal.setColor(QPalette.Window, QColor("#a9aeb6"))
    return pal


def _is_dark(pal: QPalette) -> bool:
    return pal.color(QPalette.Window).lightness() < 128


def legible_icon(icon: QIcon, colour: QColor) -> QIcon:
    """``icon`` drawn in ``colour`` when it is a dark single-colour glyph; otherwise ``icon`` itself."""
    out = QIcon()
    for size in ICON_SIZES:
        image = icon.pixmap(size, size).toImage().convertToFormat(QImage.Format_ARGB32)
        if image.isNull():
            return icon
        if size == ICON_SIZES[0] and _mean_lightness(image) > DARK_GLYPH:
            return icon
        tinted = QPixmap.fromImage(image)
        p = QPainter(tinted)
        p.setCompositionMode(QPainter.CompositionMode_SourceIn)
        p.fillRect(tinted.rect(), colour)
        p.end()
        out.addPixmap(tinted)
    return out


def _mean_lightness(image: QImage) -> float:
    step = max(1, image.width() // 16)
    values = [c.lightness() for c in (QColor.fromRgba(image.pixel(x, y))
                                      for x in range(0, image.width(), step)
                                      for y in range(0, image.height(), step)) if c.alpha() > 128]
    return sum(values) / len(values) if values else 255.0


class LegibleStyle(QProxyStyle):
    """Fusion, with its dark glyph icons drawn in the text colour under a dark palette."""

    def __init__(self) -> None:
        super().__init__(QStyleFactory.create("Fusion"))
        self.setObjectName("visualizer-fusion")

    def standardIcon(self, standard_icon, option=None, widget=None):  # noqa: N802 - Qt API
        icon = super().standardIcon(standard_icon, option, widget)
        app = QGuiApplication.instance()
        pal = widget.palette() if widget is not None else (app.palette() if app is not None else None)
        if pal is None or not _is_dark(pal):
            return icon
        return legible_icon(icon, pal.color(QPalette.ButtonText))


def apply_theme(app, name: str) -> str:
    """Apply ``name`` ("system" | "light" | "dark") to ``app``; return "light" or "dark"."""
    theme = resolve(name)
    key = theme + ("+presentation" if presentation() else "")
    if app.property("visualizerTheme") == key:
        return theme                      # already applied: re-polishing every widget is slow
    if app.style().objectName() != "visualizer-fusion":
        app.setStyle(LegibleStyle())
    pal = _palette(theme)
    if presentation():
        for role in (QPalette.Text, QPalette.WindowText, QPalette.ButtonText):
            pal.setColor(QPalette.Active, role, QColor(_CONTRAST[theme]["text"]))
            pal.setColor(QPalette.Inactive, role, QColor(_CONTRAST[theme]["text"]))
    app.setPalette(pal)
    for cls in INDICATOR_CLASSES:
        app.setPalette(_indicator_palette(pal, theme), cls)
    app.setStyleSheet(style_sheet(theme))
    app.setProperty("visualizerTheme", key)
    return theme
