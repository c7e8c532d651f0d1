"""The one Qt bridge to the Qt-free change bus (desktop/changes.py).

The bus calls its subscribers on the publishing thread (a sync thread, a pool
job, the GUI thread). The bridge re-emits each change-set as ``changed`` on the
GUI thread through a queued signal, so views never run on another thread and a
publisher never waits for a view.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal

from desktop.changes import bus


class ChangeBridge(QObject):
    changed = Signal(object)  # ChangeSet, on the GUI thread
    _arrived = Signal(object)  # from any thread

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # Queued even when published on the GUI thread: a view never refreshes in the
        # middle of the code that committed (which may still be updating the same view).
        self._arrived.connect(self.changed, Qt.ConnectionType.QueuedConnection)
        unsubscribe = bus.subscribe(self._arrived.emit)
        self.destroyed.connect(lambda *_: unsubscribe())


_bridge: ChangeBridge | None = None


def change_bridge() -> ChangeBridge:
    """The application's bridge, created on first use (on the GUI thread)."""
    global _bridge
    if _bridge is None:
        _bridge = ChangeBridge(QCoreApplication.instance())
    return _bridge
