"""The open signals (suggested filings) of one message, Qt-free, for the mail pane."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.changes import ChangeSet
from desktop.crm import service


@dataclass(frozen=True)
class Suggestion:
    signal_id: int
    kind: str
    object_id: int
    name: str
    reason: str


def open_suggestions(message_id: int) -> list[Suggestion]:
    found = [
        s
        for s in service.signals_for_messages([message_id]).get(message_id, [])
        if s["state"] == "open"
    ]
    names = service.names_of((s["kind"], s["object_id"]) for s in found)
    return [
        Suggestion(s["id"], s["kind"], s["object_id"], names[key], s["reason"] or "")
        for s in found
        if (key := (s["kind"], s["object_id"])) in names
    ]


def accept_one(signal_id: int, others: list[int]) -> ChangeSet:
    """File the message under one suggestion and dismiss its other suggestions."""
    changes = service.accept_signals([signal_id])
    if others:
        changes.merge(service.dismiss_signals(others))
    changes.signals |= set(changes.updated)
    return changes


def dismiss_all(signal_ids: list[int]) -> ChangeSet:
    changes = service.dismiss_signals(signal_ids)
    changes.signals |= set(changes.updated)
    return changes
