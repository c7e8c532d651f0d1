"""Compose window and Outbox view (issue 3, "Compose")."""

from desktop.ui.compose.outbox_view import OutboxView
from desktop.ui.compose.window import ComposeWindow

__all__ = ["ComposeWindow", "OutboxView"]
