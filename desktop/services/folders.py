"""Folder-pane figures, Qt-free: unread/total per folder, open signals, drafts."""

from __future__ import annotations

from desktop.models.db import database


def count_messages() -> dict[str, dict]:
    """Unread and total visible messages per folder, messages with open signals, drafts
    (background job)."""
    counts: dict[int, tuple[int, int]] = {}
    for folder_id, unread, total in database.execute_sql(
        "SELECT folder_id, SUM(seen = 0), COUNT(*) FROM message "
        "WHERE deleted_locally = 0 "
        # What a rule moved to a Holub folder is counted there, not in its server folder.
        "AND NOT EXISTS (SELECT 1 FROM message_placement mp WHERE mp.message_id = message.id) "
        "GROUP BY folder_id"
    ):
        counts[folder_id] = (int(unread or 0), int(total))
    # Messages awaiting a decision, as the Signals view lists them: one per message,
    # however many candidates it has.
    signals = database.execute_sql(
        "SELECT COUNT(DISTINCT message_id) FROM signal WHERE state = 'open'"
    ).fetchone()
    drafts = database.execute_sql("SELECT COUNT(*) FROM draft").fetchone()
    return {
        "folders": counts,
        "signals": int(signals[0]) if signals else 0,
        "drafts": int(drafts[0]) if drafts else 0,
    }
