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
    # When it applies: "always", "message" (a message shown in the mail pane on screen),
    # "selection" (messages in the visible list), "undo", "mailbox", "deleted" (the
    # "Deleted in Holub" view). The window says why when it does not (tooltip).
    scope: str = "always"
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
        scope="mailbox",
    ),
    ActionSpec(
        "remove_mailbox",
        "file",
        QT_TRANSLATE_NOOP("Actions", "&Remove mailbox…"),
        (),
        QT_TRANSLATE_NOOP(
            "Actions", "Forget the mailbox and its mail in Holub (the server keeps it)"
        ),
        scope="current_mailbox",
    ),
    ActionSpec(
        "import_mail",
        "file",
        QT_TRANSLATE_NOOP("Actions", "&Import mail…"),
        (),
        QT_TRANSLATE_NOOP("Actions", "Import an mbox file or .eml messages"),
    ),
    ActionSpec(
        "import_folder",
        "file",
        QT_TRANSLATE_NOOP("Actions", "Import a &folder of .eml files…"),
    ),
    ActionSpec("open_demo", "file", QT_TRANSLATE_NOOP("Actions", "Open the &demo")),
    ActionSpec("settings", "file", QT_TRANSLATE_NOOP("Actions", "&Settings…"), ("Ctrl+,",)),
    ActionSpec("quit", "file", QT_TRANSLATE_NOOP("Actions", "&Quit"), ("Ctrl+Q",)),
    ActionSpec("undo", "edit", QT_TRANSLATE_NOOP("Actions", "&Undo"), ("Ctrl+Z",), scope="undo"),
    ActionSpec("search", "edit", QT_TRANSLATE_NOOP("Actions", "&Search"), ("Ctrl+F", "/")),
    ActionSpec(
        "reply", "message", QT_TRANSLATE_NOOP("Actions", "&Reply"), ("Ctrl+R",), scope="message"
    ),
    ActionSpec(
        "reply_all",
        "message",
        QT_TRANSLATE_NOOP("Actions", "Reply &all"),
        ("Ctrl+Shift+R",),
        scope="message",
    ),
    ActionSpec(
        "forward", "message", QT_TRANSLATE_NOOP("Actions", "&Forward"), ("Ctrl+L",), scope="message"
    ),
    ActionSpec(
        "forward_attachment",
        "message",
        QT_TRANSLATE_NOOP("Actions", "Forward as a&ttachment"),
        ("Ctrl+Shift+L",),
        scope="message",
    ),
    ActionSpec(
        "delete",
        "message",
        QT_TRANSLATE_NOOP("Actions", "&Delete"),
        ("Delete",),
        QT_TRANSLATE_NOOP("Actions", "Hide the message in Holub (nothing changes on the server)"),
        scope="selection",
    ),
    ActionSpec(
        "mark_read",
        "message",
        QT_TRANSLATE_NOOP("Actions", "Mark as r&ead"),
        ("Ctrl+M",),
        scope="selection",
    ),
    ActionSpec(
        "mark_unread",
        "message",
        QT_TRANSLATE_NOOP("Actions", "Mark as &unread"),
        ("Ctrl+U",),
        scope="selection",
    ),
    ActionSpec("star", "message", QT_TRANSLATE_NOOP("Actions", "S&tar"), ("S",), scope="selection"),
    ActionSpec(
        "file_under",
        "message",
        QT_TRANSLATE_NOOP("Actions", "F&ile under…"),
        ("Ctrl+Shift+F",),
        QT_TRANSLATE_NOOP("Actions", "File the message under a company, project or task"),
        scope="selection",
    ),
    ActionSpec(
        "create_company",
        "message",
        QT_TRANSLATE_NOOP("Actions", "Create a company from the message…"),
        ("Ctrl+Alt+C",),
        scope="message",
    ),
    ActionSpec(
        "create_project",
        "message",
        QT_TRANSLATE_NOOP("Actions", "Create a project from the message…"),
        ("Ctrl+Alt+P",),
        scope="message",
    ),
    ActionSpec(
        "create_task",
        "message",
        QT_TRANSLATE_NOOP("Actions", "Create a task from the message…"),
        ("Ctrl+Alt+T",),
        scope="message",
    ),
    ActionSpec(
        "restore",
        "message",
        QT_TRANSLATE_NOOP("Actions", "Re&store"),
        ("Ctrl+Shift+Z",),
        QT_TRANSLATE_NOOP("Actions", "Show the hidden message in its folder again"),
        scope="deleted",
    ),
    ActionSpec(
        "deleted_view",
        "view",
        QT_TRANSLATE_NOOP("Actions", "Deleted in &Holub"),
        (),
        QT_TRANSLATE_NOOP("Actions", "Messages hidden in Holub (still on the server)"),
    ),
    ActionSpec("refresh", "view", QT_TRANSLATE_NOOP("Actions", "&Refresh"), ("F5",)),
    ActionSpec("next", "view", QT_TRANSLATE_NOOP("Actions", "&Next message"), ("J",), scope="list"),
    ActionSpec(
        "previous", "view", QT_TRANSLATE_NOOP("Actions", "&Previous message"), ("K",), scope="list"
    ),
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


def default_tooltip(spec: ActionSpec, action: QAction) -> str:
    shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    tip = tr(spec.tip) if spec.tip else action.text().replace("&", "").rstrip("…")
    return f"{tip} ({shortcut})" if shortcut else tip


def retranslate_actions(actions: dict[str, QAction]) -> None:
    for spec in ACTIONS:
        action = actions[spec.name]
        action.setText(tr(spec.text))
        # Buttons show the text whole: Qt's default icon text drops the "…", and
        # "Zařadit k" (Czech "File under") means something else without it.
        action.setIconText(action.text().replace("&&", "\0").replace("&", "").replace("\0", "&"))
        tip = tr(spec.tip) if spec.tip else action.text().replace("&", "").rstrip("…")
        if action.isEnabled() or not action.toolTip():
            action.setToolTip(default_tooltip(spec, action))
        action.setStatusTip(tip)


def set_availability(actions: dict[str, QAction], reasons: dict[str, str | None]) -> None:
    """Enable each named action, or disable it with the reason as its tooltip."""
    for name, reason in reasons.items():
        action = actions[name]
        action.setEnabled(reason is None)
        action.setToolTip(default_tooltip(SPECS[name], action) if reason is None else reason)


def build_menus(menubar: QMenuBar, actions: dict[str, QAction]) -> dict[str, object]:
    menus = {}
    for key, title in MENUS:
        menu = menubar.addMenu(tr(title))
        menu.setObjectName(f"menu_{key}")
        menus[key] = menu
    separators_before = {
        "import_mail",
        "open_demo",
        "restore",
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


# --- what applies where --------------------------------------------------------
WHY_NO_LIST = QT_TRANSLATE_NOOP("Actions", "Open a folder to act on its messages")
WHY_NO_MESSAGE = QT_TRANSLATE_NOOP("Actions", "Select a message in the list first")
WHY_ALREADY_HIDDEN = QT_TRANSLATE_NOOP(
    "Actions", "The message is already hidden in Holub; Restore brings it back"
)
WHY_NOT_DELETED_VIEW = QT_TRANSLATE_NOOP("Actions", "Only for messages in “Deleted in Holub”")
WHY_NOTHING_TO_UNDO = QT_TRANSLATE_NOOP("Actions", "Nothing to undo")
WHY_NO_MAILBOX = QT_TRANSLATE_NOOP("Actions", "Add a mailbox first")
WHY_NO_CURRENT_MAILBOX = QT_TRANSLATE_NOOP("Actions", "Choose a mailbox in the folder list first")
WHY_READ_ONLY = QT_TRANSLATE_NOOP("Actions", "The mailbox is shared with you to read only")
# What a Read share does not allow (R11; the services refuse them too).
ACTS_ON_MAIL = frozenset(
    {
        "reply",
        "reply_all",
        "forward",
        "forward_attachment",
        "delete",
        "file_under",
        "create_company",
        "create_project",
        "create_task",
        "restore",
    }
)


@dataclass(frozen=True)
class ScreenState:
    """What is on screen, as far as the actions care."""

    mail_visible: bool  # the message list (and reader) is the page shown
    message_shown: bool  # a message of that list is current and in the reader
    rows: int  # rows in the list shown
    deleted_view: bool  # the list is "Deleted in Holub"
    can_undo: bool
    has_mailbox: bool
    current_mailbox: bool = False  # a mailbox (or one of its folders) is chosen
    access: str = "owner"  # owner | read | write: a mailbox shared with me (R11)


def reasons(state: ScreenState) -> dict[str, str | None]:
    """Per action with a scope: None when it applies, else why not (translated)."""
    out: dict[str, str | None] = {}
    for spec in ACTIONS:
        why: str | None = None
        if spec.scope in {"message", "selection", "deleted"}:
            if not state.mail_visible:
                why = WHY_NO_LIST
            elif not state.message_shown:
                why = WHY_NO_MESSAGE
            elif spec.scope == "deleted" and not state.deleted_view:
                why = WHY_NOT_DELETED_VIEW
            elif spec.name == "delete" and state.deleted_view:
                why = WHY_ALREADY_HIDDEN
            elif state.access == "read" and spec.name in ACTS_ON_MAIL:
                why = WHY_READ_ONLY
        elif spec.scope == "list":
            why = None if state.mail_visible and state.rows else WHY_NO_LIST
        elif spec.scope == "undo":
            why = None if state.can_undo else WHY_NOTHING_TO_UNDO
        elif spec.scope == "mailbox":
            why = None if state.has_mailbox else WHY_NO_MAILBOX
        elif spec.scope == "current_mailbox":
            why = None if state.current_mailbox else WHY_NO_CURRENT_MAILBOX
        else:
            continue
        out[spec.name] = tr(why) if why is not None else None
    return out
