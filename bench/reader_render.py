"""Reader timings on the demo mailbox: sanitise, store read, show → page loaded.

python bench/reader_render.py      (offscreen; prints one line per figure)
"""

from __future__ import annotations

import mailbox
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop.ui.reader import register_schemes  # noqa: E402

register_schemes()

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop.profile import open_profile  # noqa: E402
from desktop.render.message import load_message  # noqa: E402
from desktop.render.sanitize import sanitize  # noqa: E402
from desktop.sync import mime  # noqa: E402


def main() -> None:
    _app = QApplication.instance() or QApplication([])  # kept alive for the run
    open_profile(tempfile.mkdtemp(prefix="holub-bench-"))
    from tests.hostile import store_raw

    raws = [m.as_bytes() for m in mailbox.mbox(str(REPO / "resources/demo/demo.mbox"))]
    ids = store_raw(raws)
    htmls = [p.html for p in (mime.parse(r) for r in raws) if p.html]
    big = "".join(htmls) * 40
    t = time.perf_counter()
    sanitize(big)
    took = time.perf_counter() - t
    print(
        f"sanitise: {len(big) / 1024:.0f} kB in {took * 1000:.0f} ms "
        f"({len(big) / took / 1e6:.1f} MB/s)"
    )

    t = time.perf_counter()
    for mid in ids:
        load_message(mid)
    print(f"load_message: {(time.perf_counter() - t) / len(ids) * 1000:.2f} ms per message")

    from desktop.ui.reader import ReaderView

    view = ReaderView()
    view.resize(900, 700)
    view.show()
    times = []
    for mid in ids:
        loop = QEventLoop()
        view.page().loadFinished.connect(loop.quit)
        QTimer.singleShot(10_000, loop.quit)
        t = time.perf_counter()
        view.show_message(mid)
        loop.exec()
        times.append(time.perf_counter() - t)
        view.page().loadFinished.disconnect(loop.quit)
    first, rest = times[0], sorted(times[1:])
    print(
        f"show → loadFinished: first {first * 1000:.0f} ms, then median "
        f"{statistics.median(rest) * 1000:.1f} ms, p95 {rest[int(len(rest) * 0.95)] * 1000:.1f} ms "
        f"over {len(rest)} messages"
    )
    view.release()


if __name__ == "__main__":
    main()
