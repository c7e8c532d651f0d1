"""The one action table: every command with its menu, shortcut(s) and text.

Menus, toolbars and tests read this table; the main window supplies a handler
per action name. Texts are marked for translation here and translated when the
actions are built or retranslated (language switch at run time).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenuBar, QWidget

CONTEXT = "Actions"


@dataclass(frozen=True)
class ActionSpec:
    name: str
    menu: str
    text: str
    shortcuts: tuple[str, ...] = ()
    tip: str = ""
    checkable: bool = False
    # Single-key shortcuts (J, K, /) must not fire while typing in a text field;
    # Qt gives text fields the key first (ShortcutOverride), so window scope is safe.


MENUS: tuple[tuple[str, str], ...] = (
    ("file", QT_TRANSLATE_NOOP("Actions", "&File")),
    ("edit", QT_TRANSLATE_NOOP("Actions", "&Edit")),
    ("message", QT_TRANSLATE_NOOP("Actions", "&Message")),
    ("view", QT_TRANSLATE_NOOP("Actions", "&View")),
    ("help", QT_TRANSLATE_NOOP("Actions", "&Help")),
)

ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("new", "file", QT_TRANSLATE_NOOP("Actions", "&New message"), ("Ctrl+N",)),
    ActionSpec("add_mailbox", "file", QT_TRANSLATE_NOOP("Actions", "&Add mailbox…")),
    ActionSpec(
        "mailbox_settings",
        "file",
        QT_TRANSLATE_NOOP("Actions", "&Mailbox settings…"),
        ("Ctrl+Shift+M",),
        QT_TRANSLATE_NOOP("Actions", "Settings of the current mailbox"),
    ),
    ActionSpec("open_demo", "file", QT_TRANSLATE_NOOP("Actions", "Open the &demo")),
    ActionSpec("settings", "file", QT_TRANSLATE_NOOP("Actions", "&Settings…"), ("Ctrl+,",)),
    ActionSpec("quit", "file", QT_TRANSLATE_NOOP("Actions", "&Quit"), ("Ctrl+Q",)),
    ActionSpec("undo", "edit", QT_TRANSLATE_NOOP("Actions", "&Undo"), ("Ctrl+Z",)),
    ActionSpec("search", "edit", QT_TRANSLATE_NOOP("Actions", "&Search"), ("Ctrl+F", "/")),
    ActionSpec("reply", "message", QT_TRANSLATE_NOOP("Actions", "&Reply"), ("Ctrl+R",)),
    ActionSpec(
        "reply_all", "message", QT_TRANSLATE_NOOP("Actions", "Reply &all"), ("Ctrl+Shift+R",)
    ),
    ActionSpec("forward", "message", QT_TRANSLATE_NOOP("Actions", "&Forward"), ("Ctrl+L",)),
    ActionSpec(
        "forward_attachment",
        "message",
        QT_TRANSLATE_NOOP("Actions", "Forward as a&ttachment"),
        ("Ctrl+Shift+L",),
    ),
    ActionSpec(
        "delete",
        "message",
        QT_TRANSLATE_NOOP("Actions", "&Delete"),
        ("Delete",),
        QT_TRANSLATE_NOOP("Actions", "Hide the message in Holub (nothing changes on the server)"),
    ),
    ActionSpec("mark_read", "message", QT_TRANSLATE_NOOP("Actions", "Mark as r&ead"), ("Ctrl+M",)),
    ActionSpec(
        "mark_unread", "message", QT_TRANSLATE_NOOP("Actions", "Mark as &unread"), ("Ctrl+U",)
    ),
    ActionSpec("star", "message", QT_TRANSLATE_NOOP("Actions", "S&tar"), ("S",)),
    ActionSpec(
        "file_under",
        "message",
        QT_TRANSLATE_NOOP("Actions", "F&ile under…"),
        ("Ctrl+Shift+F",),
        QT_TRANSLATE_NOOP("Actions", "File the message under a company, project or task"),
    ),
    ActionSpec(
        "create_company",
        "message",
        QT_TRANSLATE_NOOP("Actions", "Create a company from the message…"),
        ("Ctrl+Alt+C",),
    ),
    ActionSpec(
        "create_project",
        "message",
        QT_TRANSLATE_NOOP("Actions", "Create a project from the message…"),
        ("Ctrl+Alt+P",),
    ),
    ActionSpec(
        "create_task",
        "message",
        QT_TRANSLATE_NOOP("Actions", "Create a task from the message…"),
        ("Ctrl+Alt+T",),
    ),
    ActionSpec("refresh", "view", QT_TRANSLATE_NOOP("Actions", "&Refresh"), ("F5",)),
    ActionSpec("next", "view", QT_TRANSLATE_NOOP("Actions", "&Next message"), ("J",)),
    ActionSpec("previous", "view", QT_TRANSLATE_NOOP("Actions", "&Previous message"), ("K",)),
    ActionSpec(
        "conversations",
        "view",
        QT_TRANSLATE_NOOP("Actions", "Group by &conversation"),
        ("Ctrl+T",),
        checkable=True,
    ),
    ActionSpec("outbox", "view", QT_TRANSLATE_NOOP("Actions", "&Outbox"), ("Ctrl+Shift+O",)),
    ActionSpec("about", "help", QT_TRANSLATE_NOOP("Actions", "&About Holub")),
)

SPECS = {spec.name: spec for spec in ACTIONS}


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def build_actions(
    window: QWidget, handlers: dict[str, Callable[..., object]]
) -> dict[str, QAction]:
    actions: dict[str, QAction] = {}
    for spec in ACTIONS:
        action = QAction(window)
        action.setObjectName(f"action_{spec.name}")
        action.setShortcuts([QKeySequence(s) for s in spec.shortcuts])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setCheckable(spec.checkable)
        handler = handlers.get(spec.name)
        if handler is not None:
            if spec.checkable:
                action.toggled.connect(handler)
            else:
                action.triggered.connect(lambda _checked=False, h=handler: h())
        else:
            action.setEnabled(False)
        window.addAction(action)  # shortcuts work even when the menu bar is hidden
        actions[spec.name] = action
    retranslate_actions(actions)
    return actions


def retranslate_actions(actions: dict[str, QAction]) -> None:
    for spec in ACTIONS:
        action = actions[spec.name]
        action.setText(tr(spec.text))
        shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        tip = tr(spec.tip) if spec.tip else action.text().replace("&", "").rstrip("…")
        action.setToolTip(f"{tip} ({shortcut})" if shortcut else tip)
        action.setStatusTip(tip)


def build_menus(menubar: QMenuBar, actions: dict[str, QAction]) -> dict[str, object]:
    menus = {}
    for key, title in MENUS:
        menu = menubar.addMenu(tr(title))
        menu.setObjectName(f"menu_{key}")
        menus[key] = menu
    separators_before = {
        "settings",
        "quit",
        "mark_read",
        "refresh",
        "conversations",
        "delete",
        "file_under",
    }
    for spec in ACTIONS:
        menu = menus[spec.menu]
        if spec.name in separators_before and menu.actions():
            menu.addSeparator()
        menu.addAction(actions[spec.name])
    return menus


def retranslate_menus(menus: dict[str, object]) -> None:
    for key, title in MENUS:
        menus[key].setTitle(tr(title))
