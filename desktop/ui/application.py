"""Start the GUI: QApplication, translations, the profile (or a throwaway demo), main window."""

from __future__ import annotations

import gc
import logging
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from desktop.profile import Profile, open_profile
from desktop.services.demo import (  # noqa: F401
    DEMO_DIR,
    DEMO_MAILBOX,
    fill_demo_profile,
    upgrade_demo_profile,
)

log = logging.getLogger(__name__)

# At exit, how long a sync that ignored its cancel may still take before Holub leaves.
EXIT_WAIT_MS = 10_000

_T0 = time.perf_counter()


def _prepare_environment() -> None:
    """Environment Qt reads once, at start: set before the QApplication exists."""
    # Qt's raster engine hands every fill of 96 lines or more (a list pane's background,
    # a selected row's highlight across it) to its GUI thread pool and waits for it.
    # On a list page that hand-off cost more than the fill: with the pool off, a scroll
    # step of the 100,000-message list took half the CPU and half the wall time
    # (bench/ui_bench.py, 2 cores).
    os.environ.setdefault("QT_NO_GUI_THREADPOOL", "1")
    # QtWebEngine refuses to start its sandbox as root (containers, CI).
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
        if "--no-sandbox" not in flags:
            os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = (flags + " --no-sandbox").strip()


def _log_to_profile(prof: Profile) -> None:
    handler = logging.FileHandler(prof.log_path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.setLevel(logging.INFO)
    root = logging.getLogger()
    root.addHandler(handler)
    if root.level > logging.INFO or root.level == logging.NOTSET:
        root.setLevel(logging.INFO)


def open_demo_profile(root: Path) -> Profile:
    """The demo in a profile of the user's choosing: filled once, kept afterwards."""
    from desktop.models.mail import Mailbox

    prof = open_profile(root)
    if Mailbox.select().exists():
        upgrade_demo_profile()
        return prof
    return fill_demo_profile(root)


def _quit_on_signals(app) -> list[bool]:
    """SIGTERM / SIGINT end the event loop normally, so the clean-up below runs (the
    demo's throwaway profile is removed, syncs are stopped, queued writes finish).
    Returns a flag that is set once asked to stop (also before the loop runs)."""
    import signal

    from PySide6.QtCore import QTimer

    asked = [False]

    def stop(_signum, _frame) -> None:
        asked[0] = True
        app.quit()

    for signum in (signal.SIGTERM, signal.SIGINT):
        try:
            signal.signal(signum, stop)
        except (ValueError, OSError):  # not the main thread, or not on this platform
            return asked
    # Python runs signal handlers between bytecodes: a timer gives it a chance while
    # Qt's event loop waits.
    ticker = QTimer(app)
    ticker.timeout.connect(lambda: None)
    ticker.start(250)
    return asked


def _install_excepthook(window) -> None:
    """An unexpected error anywhere ends up logged and shown once, never a silent crash."""
    from PySide6.QtCore import QTimer

    previous = sys.excepthook

    def hook(exc_type, exc, tb) -> None:
        log.error("unexpected error", exc_info=(exc_type, exc, tb))
        try:
            QTimer.singleShot(0, lambda: window.show_unexpected_error(exc))
        except Exception:
            previous(exc_type, exc, tb)

    sys.excepthook = hook


def run(profile: str | None = None, demo: bool = False) -> int:
    _prepare_environment()
    try:
        from desktop.ui.reader import register_schemes
    except ImportError:
        register_schemes = None
    if register_schemes is not None:
        register_schemes()  # must happen before the QApplication exists

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.ui import i18n
    from desktop.ui import settings as prefs
    from desktop.ui.main_window import MainWindow, app_icon
    from desktop.ui.rendering import choose_scene_graph

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Holub")
    app.setOrganizationName("Holub")
    app.setDesktopFileName("holub")
    app.setWindowIcon(app_icon())
    choose_scene_graph()  # before the reader's web view exists
    # asyncio runs on Qt's event loop (qasync): the sign-ins and CRM logins are coroutines.
    from desktop.ui import aio

    aio.install(app)

    stop_asked = _quit_on_signals(app)
    temp_root: Path | None = None
    if demo and profile:
        # --demo --profile DIR: the demo in that profile, kept (filled only when empty).
        prof = open_demo_profile(Path(profile).expanduser())
    elif demo:
        temp_root = Path(tempfile.mkdtemp(prefix="holub-demo-"))
        prof = fill_demo_profile(temp_root / "profile")
    else:
        prof = open_profile(profile)
    _log_to_profile(prof)
    settings = prefs.open_settings(prof.root)
    i18n.install(app, str(settings.value(prefs.KEY_LANGUAGE, "") or ""))
    # A sync starts now when the last one is older than the last 30-minute slot (R12).
    window = MainWindow(prof.root, settings, demo=demo, sync_on_start=not demo)
    window.show()
    _install_excepthook(window)
    # Everything built so far lives as long as the window: keep it out of the cyclic
    # collector's full passes, which otherwise pause scrolling now and then.
    gc.freeze()
    if not demo:
        from desktop.ui.compose.sending import resume_pending

        # Mail a previous run left in the Outbox goes out now (on a pool thread).
        resume_pending()
    if os.environ.get("HOLUB_STARTUP_PROBE"):
        # Used by bench/ui_bench.py: report when the window has painted its rows, then quit.
        def probe() -> None:
            window.list_view.viewport().repaint()  # the rows are on screen
            elapsed = time.perf_counter() - _T0
            rows = window.list_model.rowCount()
            print(f"startup-ready {elapsed:.3f} rows={rows}", flush=True)
            app.quit()

        QTimer.singleShot(0, probe)
    stopped = False
    try:
        code = 0 if stop_asked[0] else app.exec()
    finally:
        stopped = window.sync.cancel_all()
        aio.shutdown()  # a sign-in still waiting for the browser closes its listener
        from desktop.ui.background import wait_for_writes

        wait_for_writes()  # a mark-read or delete just asked for is not lost
        if temp_root is not None:
            from desktop.models.db import close_store

            close_store()
            shutil.rmtree(temp_root, ignore_errors=True)
    from desktop.sync.worker import wait_for_outliving

    if not stopped and not wait_for_outliving(EXIT_WAIT_MS):
        # A sync stuck where nothing can interrupt it must not keep Holub from quitting,
        # and destroying its running QThread would abort. What it stored is committed.
        log.warning("a sync did not stop in time; leaving without it")
        logging.shutdown()
        os._exit(code)
    return code
