"""Compose window, Outbox view and Drafts view (issue 3, "Compose")."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.ui.compose.drafts_view import DraftsView
    from desktop.ui.compose.outbox_view import OutboxView
    from desktop.ui.compose.window import ComposeWindow

__all__ = ["ComposeWindow", "DraftsView", "OutboxView"]

# Loaded when first asked for: the window imports compose.sending at start (Outbox
# events), which must not bring the compose window's modules with it (cold start).
_WHERE = {
    "ComposeWindow": "desktop.ui.compose.window",
    "DraftsView": "desktop.ui.compose.drafts_view",
    "OutboxView": "desktop.ui.compose.outbox_view",
}


def __getattr__(name: str) -> object:
    if name in _WHERE:
        return getattr(importlib.import_module(_WHERE[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
