"""Parsing Gmail's raw messages for the store, in the sync's pool processes.

A module of its own so a spawned pool process imports only the parser and the
store's encoding, not the HTTP and OAuth libraries of the Gmail provider.
"""

from __future__ import annotations

from desktop.sync import fastparse, mime
from desktop.sync.store import encode_raw


def parse_many(raws: list[bytes]) -> list[tuple[mime.ParsedMessage, bytes]]:
    """Each raw message parsed, and in its stored (compressed) form."""
    return [(fastparse.parse(raw), encode_raw(raw)) for raw in raws]
