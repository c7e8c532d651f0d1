"""The safe message reader (issue 3).

Use:
    register_schemes()            # once, BEFORE the QApplication is created
    reader = ReaderView(parent)
    reader.show_message(message_id)   # a stored Message id; None or clear_message() empties it
    reader.refresh()              # after a store change (re-renders only if content changed)
    reader.linkHovered.connect(status_bar.showMessage)   # real link target ("" when none)

Signals: ``linkHovered(str)``, ``documentLoaded(bool)``, ``remoteContentBlocked(int)``.
Czech texts for the translation script: ``desktop/ui/reader/i18n_cs.py``.
"""

from __future__ import annotations

from desktop.ui.reader.web import register_schemes

__all__ = ["ReaderView", "register_schemes"]


def __getattr__(name: str):
    # ReaderView pulls in QtWebEngineWidgets: import it only when asked for, so
    # register_schemes() can run before anything creates the QApplication.
    if name == "ReaderView":
        from desktop.ui.reader.view import ReaderView

        return ReaderView
    raise AttributeError(name)
