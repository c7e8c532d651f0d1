#!/usr/bin/env python3
"""Take docs/screenshot.png: the main window on the demo profile.

Run under a virtual X server (a web view's grab() is blank on the offscreen
platform): ``sh scripts/screenshot.sh`` or
``xvfb-run -a -s "-screen 0 1440x900x24" python scripts/screenshot.py [OUT.png]``.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "docs" / "screenshot.png"
    language = os.environ.get("HOLUB_SCREENSHOT_LANGUAGE", "cs")
    from desktop.ui.application import _prepare_environment

    _prepare_environment()
    try:
        from desktop.ui.reader import register_schemes

        register_schemes()
    except ImportError:
        pass
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from desktop.models.mail import Message
    from desktop.ui import i18n
    from desktop.ui.application import fill_demo_profile
    from desktop.ui.main_window import MainWindow, app_icon
    from desktop.ui.rendering import choose_scene_graph

    app = QApplication(sys.argv)
    app.setApplicationName("Holub")
    app.setWindowIcon(app_icon())
    choose_scene_graph()  # as the app does
    temp = Path(tempfile.mkdtemp(prefix="holub-shot-"))
    try:
        prof = fill_demo_profile(temp / "profile")
        i18n.install(app, language)
        win = MainWindow(prof.root, demo=True)
        win.move(0, 0)
        win.show()  # at its own size: the window fits the 1366×768 screen by itself
        # A filed customer conversation with an HTML body makes a representative picture.
        from desktop.models.crm import Filing

        target = (
            Message.select()
            .join(Filing, on=(Filing.message == Message.id))
            .where(
                (Filing.object_kind == "project")
                & (Message.direction == "received")
                & Message.subject.startswith("Re")
            )
            .order_by(Message.date.desc())
            .first()
        )
        if target is not None:
            win.reveal_message(target.id)
        done = {"shot": False}

        def shoot() -> None:
            if done["shot"]:
                return
            done["shot"] = True
            out.parent.mkdir(parents=True, exist_ok=True)
            pixmap = win.screen().grabWindow(0, win.x(), win.y(), win.width(), win.height())
            if pixmap.isNull() or not pixmap.save(str(out)):
                print("screenshot failed", file=sys.stderr)
                app.exit(1)
                return
            print(f"wrote {out}")
            app.quit()

        loaded = getattr(win.reader, "documentLoaded", None)
        if loaded is not None:
            loaded.connect(lambda _ok: QTimer.singleShot(800, shoot))
        QTimer.singleShot(8000, shoot)  # whatever state it is in by then
        return app.exec()
    finally:
        shutil.rmtree(temp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
