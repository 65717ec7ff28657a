"""The desktop app (PySide6 + pyqtgraph). Imports Qt; ``visualizer.core`` never does."""
