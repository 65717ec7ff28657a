"""The desktop app (PySide6 + pyqtgraph). Imports Qt; ``visualizer.core`` never does.

Modules:
    main         run_gui(): the interactive app and ``--screenshot`` rendering
    main_window  MainWindow: controls dock, live curves, view docks, menus, status bar,
                 themes, remembered layout and settings (QSettings "visualizer")
    session      TrainingSession: owns the model and the training run (in a child process,
                 visualizer.core.remote, relayed by a worker thread); every result arrives
                 as a signal carrying immutable objects (see its docstring)
    tasks        BackgroundTask: one blocking call (dataset load, download, evaluation)
                 off the GUI thread
    controls     ControlPanel: dataset, architecture, optimizer, regularization settings
    curves       CurvesWidget: loss / accuracy / learning rate against epochs
    banner       non-modal messages (divergence, failed downloads...)
    dialogs      every modal dialog, in one place tests can replace
    progress     ProgressMeter: a status-bar progress bar that never repaints synchronously
    theme        light and dark palettes, plot colours, following the system
    views/       what looks inside the network (issue #6)
"""
