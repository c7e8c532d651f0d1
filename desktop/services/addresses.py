"""Addresses for compose's completion, Qt-free: the people in the user's mail and the
CRM's contacts, most used first (issue 7).

Whom the user wrote to weighs more than who wrote to them; a CRM contact counts
once even before any mail. The list is read in a background job when a compose
window opens (a scan of the message table: ~0.1-0.3 s on 100,000 messages).
"""

from __future__ import annotations

from desktop.models.db import database

# Sent mail's recipients count this much more than received mail's senders.
SENT_WEIGHT = 3
# Addresses no one wants offered back to them.
_NOISE = ("noreply", "no-reply", "donotreply", "do-not-reply", "mailer-daemon", "postmaster")


def display(name: str, addr: str) -> str:
    """``Name <addr>``, the name quoted when it holds a comma or quote (the fields are
    comma separated); the bare address when there is no name."""
    name = " ".join((name or "").split())
    if not name or name.lower() == addr.lower():
        return addr
    if any(ch in name for ch in ',";<>@'):
        name = '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return f"{name} <{addr}>"


def address_book(limit: int = 5000) -> list[str]:
    """The addresses to offer, best first, each once (by lower-case address)."""
    score: dict[str, float] = {}
    names: dict[str, dict[str, float]] = {}
    spelled: dict[str, str] = {}

    def add(name: str | None, addr: str | None, weight: float) -> None:
        addr = (addr or "").strip()
        if "@" not in addr or any(ch.isspace() for ch in addr):
            return
        key = addr.lower()
        if key.split("@", 1)[0] in _NOISE:
            return
        score[key] = score.get(key, 0.0) + weight
        spelled.setdefault(key, addr)
        if name and name.strip():
            by_name = names.setdefault(key, {})
            by_name[name.strip()] = by_name.get(name.strip(), 0.0) + weight

    for name, addr, count in database.execute_sql(
        "SELECT from_name, from_addr, COUNT(*) FROM message "
        "WHERE direction = 'received' AND deleted_locally = 0 AND from_addr != '' "
        "GROUP BY from_addr, from_name"
    ):
        add(name, addr, count)
    for column in ('"to"', "cc"):
        for name, addr, count in database.execute_sql(
            "SELECT json_extract(j.value, '$[0]'), json_extract(j.value, '$[1]'), COUNT(*) "
            f"FROM message m, json_each(m.{column}) j "
            "WHERE m.direction = 'sent' AND json_valid(m." + column + ") "
            "GROUP BY 1, 2"
        ):
            add(name, addr, count * SENT_WEIGHT)
    for table in ("contact", "company"):
        sql = f"SELECT name, email FROM {table} WHERE email != ''"
        for name, addr in database.execute_sql(sql):
            add(name, addr, 1)
    best = sorted(score, key=lambda k: (-score[k], k))[:limit]
    out = []
    for key in best:
        candidates = names.get(key, {})
        name = max(candidates, key=lambda n: (candidates[n], n)) if candidates else ""
        out.append(display(name, spelled[key]))
    return out
