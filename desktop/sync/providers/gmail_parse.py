"""Fetching and parsing Gmail's raw messages in the sync's pool processes.

A first import runs most of its work beside the sync process, as the IMAP sync does:
each pool process has its own Gmail session (the sync hands it an access token in
memory; on a 401 the sync process refreshes it and hands the batch over again), fetches
a batch through
the batch endpoint, parses it and encodes it for the store. Only the parsed messages
come back; the sync process just stores them. Small syncs use the same functions in
a thread of the sync process.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.sync import fastparse, mime
from desktop.sync.rawform import encode_raw  # not the store: workers import no peewee

# (Gmail id, labels, internalDate in ms, raw size, parsed form, stored form)
Row = tuple[str, frozenset[str], int, int, mime.ParsedMessage, bytes]


@dataclass(frozen=True)
class Session:
    """What a pool process needs to talk to Gmail: an access token, in memory only.

    No refresh token: a 401 in a pool process is gmail_api.StaleToken, and the sync
    process refreshes and hands the batch over again. (And no google-auth to import in
    the pool processes: 0.15 CPU-s each.)"""

    api: str
    access_token: str
    mode: str  # "batch" | "pool"

    def __repr__(self) -> str:  # a traceback or a log line never shows the token
        return f"Session(api={self.api!r}, mode={self.mode!r})"


def rows(messages) -> list[Row]:  # messages: list[gmail_api.RawMessage]
    """Each fetched message parsed, and in its stored (compressed) form."""
    return [
        (
            m.id,
            m.labels,
            m.internal_date_ms,
            len(m.raw),
            fastparse.parse(m.raw),
            encode_raw(m.raw),
        )
        for m in messages
    ]


def warm_up() -> None:
    """Import what fetching needs, while the sync is still listing (pool start-up)."""
    from desktop.sync.providers import gmail_api  # noqa: F401


_client = None  # this pool process's GmailClient, with the (api, token) it was made for
_client_key: tuple[str, str] | None = None


def fetch_and_parse(session: Session, ids: list[str]) -> list[Row]:
    """In a pool process: fetch ``ids`` over this process's own session and parse them."""
    return rows(_worker_client(session).fetch_raw(ids, session.mode))


def _worker_client(session: Session):
    global _client, _client_key
    key = (session.api, session.access_token)
    if _client is None or _client_key != key:
        from desktop.sync.providers.gmail_api import GmailClient

        if _client is not None:
            _client.close()
        _client = GmailClient.with_token(session.api, session.access_token)
        _client_key = key
    return _client
