"""Compose window, Outbox view and Drafts view (issue 3, "Compose")."""

from desktop.ui.compose.drafts_view import DraftsView
from desktop.ui.compose.outbox_view import OutboxView
from desktop.ui.compose.window import ComposeWindow

__all__ = ["ComposeWindow", "DraftsView", "OutboxView"]
