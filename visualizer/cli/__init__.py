"""The command line: ``visualizer [train|evaluate|predict|data|gui] ...``.

Modules (one concept each):
    main       argparse tree, dispatch, exit codes and the one-line error report
    common     shared argparse pieces, option parsing, JSON and table output
    progress   the live progress line (training) and the download progress bar
    train      ``visualizer train``
    evaluate   ``visualizer evaluate``
    predict    ``visualizer predict``
    data       ``visualizer data list|download|info``
    gui        ``visualizer gui`` (and no arguments): hands over to the app
    signals    Ctrl-C and SIGTERM raise ``Interrupted``; exit 128 + the signal
    streams    stdout / stderr that cannot be written (closed, full, broken pipe)

Exit codes (every command):
    0    success
    1    unexpected failure (a bug): the traceback is printed
    2    bad usage or bad input: one line on stderr naming the culprit;
         also a diverging training run (the learning rate is too high) and
         ``predict`` when some of the images could not be read
         (also output that cannot be written: stdout closed or on a full disk)
    130  interrupted with Ctrl-C (``train`` first saves the model so far when
         ``--out`` is given)
    141  the reader of stdout went away (``| head -1``): ended quietly
    143  stopped by SIGTERM (``train`` saves like Ctrl-C; temp files are removed)

Headless commands never import Qt: the app is imported only by ``gui``, and
the Qt image decoder only by ``predict``.
"""
