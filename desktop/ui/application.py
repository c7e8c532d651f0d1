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
from desktop.resources import resources_dir

log = logging.getLogger(__name__)

# At exit, how long a sync that ignored its cancel may still take before Holub leaves.
EXIT_WAIT_MS = 10_000

RESOURCES = resources_dir()
DEMO_DIR = RESOURCES / "demo"
_T0 = time.perf_counter()


DEMO_MAILBOX = "Studio Vlaštovka"


def fill_demo_profile(root: Path) -> Profile:
    """Open a profile at ``root`` and fill it with the shipped demo data through the
    normal import paths: the local CRM first, so the mail is paired as it arrives."""
    import json
    from datetime import date

    from desktop.models.db import database
    from desktop.models.mail import KIND_LOCAL, ROLE_INBOX, Folder, Mailbox

    profile = open_profile(root)
    crm_json = DEMO_DIR / "crm.json"
    owner = {}
    if crm_json.exists():
        owner = json.loads(crm_json.read_text(encoding="utf-8")).get("owner") or {}
        try:
            from desktop.crm.local import import_json

            import_json(crm_json)
        except ImportError:
            log.warning("the local CRM import is not available; the demo has no CRM data")
    mbox = DEMO_DIR / "demo.mbox"
    if not mbox.exists():
        return profile
    # The mailbox knows its owner's address, so her own mail is imported as sent.
    mailbox = Mailbox.create(
        name=DEMO_MAILBOX,
        kind=KIND_LOCAL,
        email=owner.get("email", ""),
        sender_name=owner.get("name", ""),
        import_from=date.today(),
    )
    Folder.create(mailbox=mailbox, remote_name=mbox.name, display_name="INBOX", role=ROLE_INBOX)
    try:
        from desktop.sync.local_import import import_path
    except ImportError:
        log.warning("the mail import is not available; the demo has no mail")
        return profile
    import_path(mbox, mailbox_name=DEMO_MAILBOX)
    # The sample mail is dated around its generation day: move it so the newest is today.
    newest = database.execute_sql("SELECT MAX(date) FROM message").fetchone()[0]
    if newest:
        shift = (date.today() - date.fromisoformat(str(newest)[:10])).days
        if shift > 0:
            database.execute_sql("UPDATE message SET date = datetime(date, ?)", [f"+{shift} days"])
    return profile


def _prepare_environment() -> None:
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

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Holub")
    app.setOrganizationName("Holub")
    app.setDesktopFileName("holub")
    app.setWindowIcon(app_icon())

    temp_root: Path | None = None
    if demo:
        temp_root = Path(tempfile.mkdtemp(prefix="holub-demo-"))
        prof = fill_demo_profile(temp_root / "profile")
    else:
        prof = open_profile(profile)
    _log_to_profile(prof)
    settings = prefs.open_settings(prof.root)
    i18n.install(app, str(settings.value(prefs.KEY_LANGUAGE, "") or ""))
    window = MainWindow(prof.root, settings, demo=demo)
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
        code = app.exec()
    finally:
        stopped = window.sync.cancel_all()
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
