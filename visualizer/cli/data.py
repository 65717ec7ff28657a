"""``visualizer data list|download NAME|info PATH``: the datasets on this machine.

    list        where each named dataset (sample, mnist, fashion) is read from,
                whether it is available offline, and the download folder
    download    fetch mnist or fashion into the cache (progress bar on stderr;
                files verified by SHA-256 and written atomically)
    info        counts, image shape, class balance and files of a dataset
                (a name, a folder of IDX files, a folder of class folders of
                images, or a Keras .npz), the files an image folder skipped,
                or one line saying why it is not a valid dataset (exit code 2)

``--json`` on each prints one JSON object instead of the table:
    list      {"cache_dir": str, "datasets": [{"name", "path", "available", "bytes"}]}
    download  {"name": str, "path": str, "bytes": int, "downloaded": bool}
    info      visualizer.core.dataset.describe()'s dict
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .common import EXIT_OK, UsageError, dataset_arg, examples, is_tty, note, print_json, table

NAME = "data"


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        NAME, help="list, download and inspect datasets",
        description=(
            "Manage the datasets: see what is available offline and where, download\n"
            "MNIST or Fashion-MNIST into the cache, or check a folder of MNIST-format\n"
            "files or of class folders of images (my-digits/0/*.png, ...). The cache folder is VISUALIZER_DATA_DIR when set, else the\n"
            "platform's user cache (e.g. ~/.cache/visualizer/datasets).\n\n"
            "exit codes: 0 done; 2 unknown dataset, invalid folder or failed download;\n"
            "130 download interrupted (nothing partial is kept)."),
        epilog=examples(
            "visualizer data list",
            "visualizer data download mnist",
            "visualizer data info ~/data/my-digits",
            "visualizer data info sample --json",
        ),
    )
    dsub = p.add_subparsers(dest="data_command", metavar="ACTION", required=True)
    for add in (_add_list, _add_download, _add_info):
        add(dsub)


def _add_list(dsub: argparse._SubParsersAction) -> None:
    ls = dsub.add_parser("list", help="what is available offline, and where",
                         description="List the named datasets, whether each is available "
                                     "offline, and where it is read from.",
                         epilog=examples("visualizer data list", "visualizer data list --json"))
    ls.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    ls.set_defaults(run=run_list)


def _add_download(dsub: argparse._SubParsersAction) -> None:
    dl = dsub.add_parser("download", help="fetch mnist or fashion into the cache",
                         description="Download a dataset into the cache folder, with a progress "
                                     "bar on stderr.\nNothing happens when it is already there.",
                         epilog=examples("visualizer data download mnist",
                                         "visualizer data download fashion"))
    dl.add_argument("name", metavar="NAME", choices=("mnist", "fashion"),
                    help="mnist or fashion")
    dl.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    dl.set_defaults(run=run_download)


def _add_info(dsub: argparse._SubParsersAction) -> None:
    info = dsub.add_parser("info", help="describe a dataset or say why it is invalid",
                           description="Describe a dataset: files, counts, image shape and "
                                       "class balance.\nDATASET is a folder of the four MNIST IDX "
                                       "files (gzipped or raw), a folder of class folders of\n"
                                       "images (my-digits/0/*.png, my-digits/1/*.png...; names\n"
                                       "sorted naturally, every 7th image of a class held out\n"
                                       "for testing), a Keras-layout .npz, or a name: "
                                       "sample, mnist, fashion. An invalid one gets one line "
                                       "saying why (exit 2).",
                           epilog=examples("visualizer data info ~/data/my-digits",
                                           "visualizer data info sample",
                                           "visualizer data info mnist.npz --json"))
    info.add_argument("path", nargs="?", metavar="DATASET", type=dataset_arg,
                      help="folder, .npz file, or sample/mnist/fashion")
    info.add_argument("--dataset", dest="dataset_option", metavar="DATASET", type=dataset_arg,
                      help="the same as the DATASET argument")
    info.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    info.set_defaults(run=run_info)


def _bytes_of(path: Path) -> int:
    try:
        if path.is_file():
            return path.stat().st_size
        if path.is_dir():
            return sum(f.stat().st_size for f in path.iterdir() if f.is_file())
    except OSError:
        pass
    return 0


class ImagesBar:
    """The ``progress(done_files, total_files)`` callback of an image folder being prepared.

    Live: ``my-digits  [##########----------]  48%  480 / 1,000 images``; not live: one
    line at the start. ``finish()`` says how many were prepared.
    """

    WIDTH = 24

    def __init__(self, stream, *, live: bool, label: str) -> None:
        from .progress import _LiveLine

        self.line = _LiveLine(stream, live)
        self.label = label
        self.done = self.total = 0
        self._step = 1

    def __call__(self, done: int, total: int | None) -> None:
        if self.done == 0:
            self._step = max(1, (total or 0) // 200)          # at most ~200 redraws
            if not self.line.live:
                self.line.println(f"preparing the {total:,} images of {self.label}...")
        self.done, self.total = done, total or 0
        if self.line.live and (done % self._step == 0 or done == total) and self.total:
            filled = int(round(self.WIDTH * done / self.total))
            self.line.draw(f"{self.label}  [{'#' * filled}{'-' * (self.WIDTH - filled)}]  "
                           f"{100 * done / self.total:3.0f}%  {done:,} / {self.total:,} images")

    def finish(self) -> None:
        self.line.clear()

    def abandon(self) -> None:
        self.line.clear()


def _image_reader():
    """``visualizer.imagefile.read_image`` with the decoder's own chatter kept off stderr
    (every unreadable file is reported once, by name, in the dataset's notes). Qt is imported
    at the first image read, so commands on other datasets never load it."""
    from .predict import _QuietDecoder

    quiet = _QuietDecoder()

    def decode(path):
        from visualizer.imagefile import read_image

        with quiet:
            return read_image(path)

    return decode, quiet


def load_dataset_with_progress(spec: str):
    """``load_dataset(spec)`` with a progress bar on stderr when it must download or prepare an
    image folder; the dataset's notes (files an image folder skipped) go to stderr."""
    from visualizer.core import dataset as ds
    from visualizer.core.errors import VisualizerError
    from visualizer.core.imagefolder import is_image_folder
    from visualizer.core.paths import user_path

    from .progress import DownloadBar

    live = is_tty(sys.stderr)
    try:
        folder = user_path(spec, "dataset")
        images = folder.is_dir() and is_image_folder(folder)
    except (VisualizerError, RuntimeError, OSError):     # e.g. ~nosuchuser: load_dataset says why
        images = False
    bar = ImagesBar(sys.stderr, live=live, label=str(spec)) if images else \
        DownloadBar(sys.stderr, live=live, label=str(spec))
    decode, quiet = _image_reader()
    try:
        data = ds.load_dataset(spec, progress=bar, decode=decode)
    except BaseException:
        bar.abandon()
        raise
    finally:
        quiet.close()
    bar.finish()
    for line in data.notes:
        note(f"note: {line}")
    return data


def run_list(args: argparse.Namespace) -> int:
    from visualizer.core import dataset as ds

    from .progress import fmt_bytes

    entries = [{"name": name, "path": str(path), "available": bool(present),
                "bytes": _bytes_of(path) if present else 0}
               for name, path, present in ds.cached_datasets()]
    cache = ds.cache_dir()
    if args.json:
        print_json({"cache_dir": str(cache), "datasets": entries})
        return EXIT_OK
    rows = [["name", "status", "size", "location"]]
    for e in entries:
        status = "available" if e["available"] else "not downloaded"
        if e["name"] == "sample" and e["available"]:
            status = "embedded"
        rows.append([e["name"], status, fmt_bytes(e["bytes"]) if e["bytes"] else "-", e["path"]])
    print(table(rows, align="llrl"))
    print(f"\ndownload folder: {cache}")
    missing = [e["name"] for e in entries if not e["available"]]
    if missing:
        print(f"fetch with: visualizer data download {missing[0]}")
    return EXIT_OK


def run_download(args: argparse.Namespace) -> int:
    from visualizer.core import dataset as ds

    from .progress import DownloadBar, fmt_bytes

    already = ds.is_cached(args.name)
    bar = DownloadBar(sys.stderr, live=is_tty(sys.stderr), label=args.name)
    try:
        folder = ds.download_dataset(args.name, progress=None if already else bar)
    except BaseException:
        bar.abandon()
        raise
    bar.finish()
    size = _bytes_of(Path(folder))
    if args.json:
        print_json({"name": args.name, "path": str(folder), "bytes": size, "downloaded": not already})
    elif already:
        print(f"{args.name} is already available in {folder}")
    else:
        print(f"{args.name} downloaded to {folder} ({fmt_bytes(size)})")
    return EXIT_OK


def run_info(args: argparse.Namespace) -> int:
    from visualizer.core import dataset as ds

    given = [v for v in (args.path, args.dataset_option) if v is not None]
    if not given or len(set(given)) > 1:
        raise UsageError("visualizer data info", "give one dataset: a folder, a .npz file, or "
                         "sample, mnist or fashion (see 'visualizer data info --help')")
    decode, quiet = _image_reader()
    try:
        info = ds.describe(given[0], decode=decode)
    finally:
        quiet.close()
    if args.json:
        print_json(info)
        return EXIT_OK
    h, w = info["image_shape"]
    print(f"dataset   {info['name']}  ({info['format']})")
    print(f"source    {info['source']}")
    for i, f in enumerate(info["files"]):
        print(f"{'files' if i == 0 else '':<9} {f}")
    print(f"images    {info['n_train']:,} training + {info['n_test']:,} test, {h}x{w} pixels, "
          f"mean pixel {info['pixel_mean']:.1f} of 255")
    print()
    n_tr, n_te = max(info["n_train"], 1), max(info["n_test"], 1)
    rows = [["class", "", "train", "share", "test", "share"]]
    names = list(info["class_names"])
    for c, (a, b) in enumerate(zip(info["train_counts"], info["test_counts"])):
        name = names[c] if c < len(names) and names[c] != str(c) else ""
        rows.append([str(c), name, f"{a:,}", f"{100 * a / n_tr:.1f}%", f"{b:,}", f"{100 * b / n_te:.1f}%"])
    print(table(rows, align="ll"))
    for part, counts in (("training", info["train_counts"]), ("test", info["test_counts"])):
        empty = [str(c) for c, n in enumerate(counts) if n == 0]
        if empty:
            print(f"note: no {part} images of class {', '.join(empty)}")
        elif max(counts) > 2 * min(counts):
            print(f"note: the {part} classes are unbalanced ({min(counts):,} to {max(counts):,} "
                  "images per class)")
    for line in info.get("notes", ()):
        print(f"note: {line}")
    return EXIT_OK
