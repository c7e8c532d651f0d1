"""The safe message reader (issue 3). Call ``register_schemes()`` before QApplication."""

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
