"""The pairing rules (R6, R7): pure functions over an index of the CRM cache. No DB, no Qt.

Rules, in plain words:

* Company by address. Received mail: the sender's address. Sent mail: every To and
  Cc address. An address pairs when it equals (case-insensitively, surrounding
  whitespace ignored) a company's e-mail or the e-mail of a contact of that company.
  An address that leads to more than one company is *ambiguous*: every candidate is
  returned with ``ambiguous=True`` (the caller raises signals, never files a guess).
  Several addresses leading to different single companies (mail sent to two
  customers) pair with each of them.
* Project and task by subject tag. A tag is ``#`` + digits + ``#`` with no ``#``
  directly before or after it, anywhere in the subject; several tags may appear.
  So ``#1234#`` and ``[#1234#]`` are tags, ``#12a#`` is not (not digits) and
  ``##1234##`` is not (doubled hashes are how people write a literal, e.g. in a
  quoted template, and Caflou's own tags are single). A tag names a project or a
  task by its id (ids are unique per kind). An id that names nothing pairs with
  nothing; an id that names both a project and a task is ambiguous (both returned
  with ``ambiguous=True``). A task implies its project and its company (the task's
  company, else its project's company).
* The mailbox's own addresses and the per-mailbox exclusions (whole addresses, or
  domains written ``@example.com`` or ``example.com``) never pair.

Reply inheritance needs the store and lives in desktop/crm/service.py.

Everything per message is dictionary look-ups: O(1) in the size of the CRM.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

KIND_COMPANY = "company"
KIND_PROJECT = "project"
KIND_TASK = "task"

# A single-hash tag of digits; the look-arounds reject ##1234## and #12#34# overlaps.
_TAG = re.compile(r"(?<!#)#(\d{1,18})#(?!#)")
_SPLIT = re.compile(r"[\s,;]+")


@dataclass(frozen=True)
class Candidate:
    kind: str  # company | project | task
    id: int
    reason: str
    ambiguous: bool = False


def normalise_address(address: str) -> str:
    return address.strip().strip("<>").strip().lower()


def split_addresses(text: str) -> list[str]:
    """A CRM e-mail field may hold several addresses ("a@x.cz; b@x.cz")."""
    return [normalise_address(p) for p in _SPLIT.split(text or "") if "@" in p]


@dataclass(frozen=True)
class Exclusions:
    addresses: frozenset[str] = frozenset()
    domains: frozenset[str] = frozenset()

    def excludes(self, address: str) -> bool:
        if address in self.addresses:
            return True
        return address.rpartition("@")[2] in self.domains


def parse_exclusions(text: str | Iterable[str]) -> Exclusions:
    """One entry per line (commas and spaces also separate): ``a@b.cz``, ``@b.cz``, ``b.cz``."""
    items = _SPLIT.split(text) if isinstance(text, str) else list(text)
    addresses: set[str] = set()
    domains: set[str] = set()
    for raw in items:
        item = normalise_address(raw)
        if not item:
            continue
        if item.startswith("@"):
            domains.add(item[1:])
        elif "@" in item:
            addresses.add(item)
        else:
            domains.add(item)
    return Exclusions(frozenset(addresses), frozenset(domains))


@dataclass
class PairingIndex:
    """Dicts built once per CRM refresh: address → company ids, ids → objects."""

    by_address: dict[str, tuple[int, ...]] = field(default_factory=dict)
    # Which CRM record gave the address ("company" or "contact"), for the reason text.
    address_source: dict[str, str] = field(default_factory=dict)
    companies: dict[int, str] = field(default_factory=dict)  # id → name
    projects: dict[int, int | None] = field(default_factory=dict)  # id → company id
    tasks: dict[int, tuple[int | None, int | None]] = field(default_factory=dict)  # (proj, comp)

    @classmethod
    def build(
        cls,
        companies: Iterable[Sequence[Any]],
        contacts: Iterable[Sequence[Any]],
        projects: Iterable[Sequence[Any]],
        tasks: Iterable[Sequence[Any]],
    ) -> PairingIndex:
        """Rows as tuples: companies (id, name, email), contacts (company_id, email),
        projects (id, company_id), tasks (id, project_id, company_id)."""
        index = cls()
        sets: dict[str, set[int]] = {}
        for cid, name, email in companies:
            index.companies[cid] = name
            for addr in split_addresses(email):
                sets.setdefault(addr, set()).add(cid)
                index.address_source.setdefault(addr, "company")
        for company_id, email in contacts:
            if company_id is None:
                continue
            for addr in split_addresses(email):
                sets.setdefault(addr, set()).add(company_id)
                index.address_source.setdefault(addr, "contact")
        index.by_address = {a: tuple(sorted(ids)) for a, ids in sets.items()}
        for pid, company_id in projects:
            index.projects[pid] = company_id
        for tid, project_id, company_id in tasks:
            index.tasks[tid] = (project_id, company_id)
        return index

    def pair(
        self,
        message: Any,
        direction: str,
        own_addresses: Iterable[str] = (),
        exclusions: Exclusions | None = None,
    ) -> list[Candidate]:
        return pair(message, direction, own_addresses, exclusions, index=self)


def tags_in_subject(subject: str) -> list[int]:
    """The ids tagged in a subject, in order, without repeats."""
    seen: dict[int, None] = {}
    for match in _TAG.finditer(subject or ""):
        seen.setdefault(int(match.group(1)), None)
    return list(seen)


def _addresses_of(message: Any, direction: str) -> list[str]:
    if direction == "sent":
        pairs = [*(getattr(message, "to", None) or ()), *(getattr(message, "cc", None) or ())]
        return [normalise_address(p[1]) for p in pairs if len(p) > 1 and p[1]]
    sender = getattr(message, "from_addr", "") or ""
    return [normalise_address(sender)] if sender.strip() else []


def pair(
    message: Any,
    direction: str,
    own_addresses: Iterable[str] = (),
    exclusions: Exclusions | None = None,
    *,
    index: PairingIndex,
) -> list[Candidate]:
    """Candidate filings for one message (a ParsedMessage, a Message row, or anything
    with ``from_addr``, ``to``, ``cc`` ([(name, addr)]) and ``subject``)."""
    own = own_addresses if isinstance(own_addresses, (set, frozenset)) else set(own_addresses)
    chosen: dict[tuple[str, int], Candidate] = {}

    def add(kind: str, oid: int, reason: str, ambiguous: bool = False) -> None:
        # Unambiguous evidence for an object wins over an ambiguous one.
        old = chosen.get((kind, oid))
        if old is None or (old.ambiguous and not ambiguous):
            chosen[(kind, oid)] = Candidate(kind, oid, reason, ambiguous)

    # Subject tags first: they are the strongest statement of intent.
    subject = getattr(message, "subject", "") or ""
    for tag in tags_in_subject(subject) if "#" in subject else ():
        as_project = tag in index.projects
        as_task = tag in index.tasks
        if as_project and as_task:
            add(KIND_PROJECT, tag, f"#{tag}# names both a project and a task", True)
            add(KIND_TASK, tag, f"#{tag}# names both a project and a task", True)
        elif as_task:
            add(KIND_TASK, tag, f"#{tag}# in the subject")
            project_id, company_id = index.tasks[tag]
            if project_id is not None and project_id in index.projects:
                add(KIND_PROJECT, project_id, f"project of task #{tag}#")
                if company_id is None:
                    company_id = index.projects[project_id]
            if company_id is not None and company_id in index.companies:
                add(KIND_COMPANY, company_id, f"company of task #{tag}#")
        elif as_project:
            add(KIND_PROJECT, tag, f"#{tag}# in the subject")

    excl = exclusions
    for addr in _addresses_of(message, direction):
        if not addr or addr in own or (excl is not None and excl.excludes(addr)):
            continue
        ids = index.by_address.get(addr)
        if not ids:
            continue
        role = "sender" if direction != "sent" else "recipient"
        source = index.address_source.get(addr, "company")
        if len(ids) == 1:
            add(KIND_COMPANY, ids[0], f"{role} {addr} is the e-mail of a {source}")
        else:
            names = ", ".join(f"{index.companies.get(i, i)} (#{i})" for i in ids)
            for cid in ids:
                add(KIND_COMPANY, cid, f"{role} {addr} belongs to several companies: {names}", True)
    return list(chosen.values())
