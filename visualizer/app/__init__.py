"""The desktop app (PySide6 + pyqtgraph). Imports Qt; ``visualizer.core`` never does.

Modules:
    main         run_gui(): the interactive app and ``--screenshot`` rendering
    main_window  MainWindow: controls dock, live curves, view docks; wires the parts below
    window_actions  the window's actions, menus, toolbar and keyboard-shortcuts table
    docks        the view docks: tabbed per area, first-start sizes, Reset layout
    status       StatusModel (no Qt): progress, images/s, time left, latest accuracy
    status_bar   the status bar that renders a StatusView
    file_actions open, save, export, the recovery offer; asks before unsaved training is lost
    recovery     the recovery file of a trained model nobody saved, and its offer (no Qt)
    data_actions choosing and loading a dataset: download dialog, data panel, failures
    config_edits settings edited in the control panel reaching the session
    window_settings  what is remembered between starts (QSettings "visualizer"), read safely
    messages     plain sentences for failed writes and downloads (no Qt)
    session      TrainingSession: owns the model (one Checkpoint) and the training run (in a
                 child process, visualizer.core.remote); every result arrives as a signal
                 carrying immutable objects (see its docstring)
    session_runs the session's run control and the one dispatch of what a run says
    session_data DataLoader: datasets loaded and prepared off the GUI thread; Evaluation
    session_timeline  SessionTimeline: the model's kept moments (scrubbing, model files)
    timeline_bar the time slider under the curves (scrub_model: ScrubModel, no Qt)
    speed_control the toolbar's training speed (batches per second, full speed)
    relay        Run, RelayWorker: sends a run to its trainer and relays its messages
    run_control  RunControl: pause / step / stop / live settings / probe sent to the trainer
    model_files  model files as the app opens them; a live snapshot as a Checkpoint
    tasks        BackgroundTask: one blocking call (dataset load, download, evaluation)
                 off the GUI thread; TaskGroup: the tasks of one owner
    controls     ControlPanel: dataset, architecture, optimizer, regularization settings
    curves       CurvesWidget: loss / accuracy / learning rate against epochs
    banner       non-modal messages (divergence, failed downloads...)
    dialogs      every modal dialog, in one place tests can replace
    progress     ProgressMeter: a status-bar progress bar that never repaints synchronously
    theme        light and dark palettes, plot colours, legible dark icons, following the system
    views/       what looks inside the network: activations, weights, evaluation, drawing pad
"""
