"""The pages the window shows beside the folder tree, by tree-node kind.

A tree node's ``kind`` picks its page: "folder", "mailbox" and "search" show
the mail pane (the window handles those); every other kind is looked up here.
New node kinds (Labels, Saved filters, …) register a factory once:

    from desktop.ui.pages import register_page
    register_page("label", lambda window: LabelPage(window))

A page is built on first use and kept. If it has a ``changed`` signal
(ChangeSet) the window applies it; ``messageActivated(int)`` reveals that
message in its folder; ``refresh()`` is called when a change-set may concern it
(``refresh_on``: any of "messages", "filings", "signals", "crm").
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QStackedWidget, QWidget

from desktop.changes import ChangeSet

log = logging.getLogger(__name__)

PageFactory = Callable[[QWidget], QWidget | None]


@dataclass(frozen=True)
class PageSpec:
    factory: PageFactory
    # Which change-sets make the page refresh: "messages", "filings", "signals", "crm".
    refresh_on: frozenset[str] = frozenset()


_registry: dict[str, PageSpec] = {}


def register_page(kind: str, factory: PageFactory, refresh_on: set[str] | None = None) -> None:
    _registry[kind] = PageSpec(factory, frozenset(refresh_on or ()))


def registered_kinds() -> set[str]:
    return set(_registry)


def _concerns(spec: PageSpec, changes: ChangeSet) -> bool:
    return bool(
        ("messages" in spec.refresh_on and changes.messages)
        or ("filings" in spec.refresh_on and changes.filings)
        or ("signals" in spec.refresh_on and changes.signals)
        or ("crm" in spec.refresh_on and changes.crm)
    )


class PageStack(QStackedWidget):
    """Builds registered pages on first use and keeps them."""

    def __init__(self, window: QWidget, fallback: Callable[[], QWidget]) -> None:
        super().__init__(window)
        self.window_ = window
        self.fallback = fallback
        self.pages: dict[str, QWidget] = {}

    def page(self, kind: str) -> QWidget | None:
        """The page for ``kind`` (built now if needed); None for an unknown kind."""
        if kind in self.pages:
            return self.pages[kind]
        spec = _registry.get(kind)
        if spec is None:
            return None
        try:
            page = spec.factory(self.window_)
        except Exception:
            log.exception("the %s page failed to open", kind)
            page = None
        if page is None:
            page = self.fallback()
        self.pages[kind] = page
        self.addWidget(page)
        return page

    def show_page(self, kind: str) -> QWidget | None:
        page = self.page(kind)
        if page is not None:
            self.setCurrentWidget(page)
        return page

    def apply_changes(self, changes: ChangeSet) -> None:
        for kind, page in self.pages.items():
            spec = _registry.get(kind)
            if spec is not None and _concerns(spec, changes) and hasattr(page, "refresh"):
                page.refresh()


# --- the pages Holub ships ---------------------------------------------------
def _signals(window: QWidget) -> QWidget | None:
    from desktop.ui import crm as crm_ui

    return crm_ui.SignalsView(window) if hasattr(crm_ui, "SignalsView") else None


def _outbox(window: QWidget) -> QWidget:
    from desktop.ui.compose import OutboxView

    return OutboxView(None, window)


def _drafts(window: QWidget) -> QWidget:
    from desktop.ui.compose import DraftsView

    return DraftsView(window)


def _crm(kind: str) -> PageFactory:
    def build(window: QWidget) -> QWidget | None:
        from desktop.ui import crm as crm_ui

        return crm_ui.CrmObjectView(kind, window) if hasattr(crm_ui, "CrmObjectView") else None

    return build


register_page("signals", _signals, {"signals"})
register_page("outbox", _outbox)
register_page("drafts", _drafts)
register_page("crm", _crm("company"), {"crm", "filings"})
for _kind in ("company", "project", "task"):
    register_page(f"crm_{_kind}", _crm(_kind), {"crm", "filings"})
