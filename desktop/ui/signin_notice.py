"""A "needs sign-in" mailbox whose provider refused the stored sign-in is marked in the
folder tree and gets a "Sign in again" button in the status bar (issue 7).

The button opens Mailbox settings on its Sign-in tab (the flow lives there:
account_dialog.SignInAgainBox), or on Connection for a password mailbox. The state is
re-read (a few Mailbox rows) when the tree is rebuilt and when a sync's state changes.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QStatusBar, QToolButton, QWidget

from desktop.models.mail import SIGNIN_NEEDED, Mailbox


def mailboxes_needing_sign_in() -> list[tuple[int, str]]:
    """(id, name) of every mailbox whose sign-in expired or was revoked."""
    return list(
        Mailbox.select(Mailbox.id, Mailbox.name)
        .where(Mailbox.signin_state == SIGNIN_NEEDED)
        .order_by(Mailbox.name, Mailbox.id)
        .tuples()
    )


class SignInNotice(QObject):
    """The status bar's "Sign in again" button; also tells the folder tree which
    mailboxes to mark."""

    signInRequested = Signal(int)  # mailbox id
    changed = Signal(object)  # set of mailbox ids needing sign-in

    def __init__(self, bar: QStatusBar) -> None:
        super().__init__(bar)
        self.needed: list[tuple[int, str]] = []
        self.button = QToolButton(bar)
        self.button.setObjectName("signInAgainStatus")
        self.button.setAutoRaise(True)
        self.button.setStyleSheet("color: #b00020; font-weight: bold")
        self.button.clicked.connect(self._clicked)
        self.button.hide()
        bar.addPermanentWidget(self.button)

    def update(self) -> None:
        needed = mailboxes_needing_sign_in()
        if needed != self.needed:
            self.needed = needed
            self.changed.emit({mid for mid, _name in needed})
        self.retranslate()

    def retranslate(self) -> None:
        if not self.needed:
            self.button.hide()
            return
        names = ", ".join(name for _mid, name in self.needed)
        self.button.setText("⚠ " + self.tr("%1: Sign in again").replace("%1", names))
        self.button.setToolTip(
            self.tr(
                "The provider no longer accepts the sign-in of %1, so it is not synced. "
                "Click to sign in again."
            ).replace("%1", names)
        )
        self.button.show()

    def _clicked(self) -> None:
        if self.needed:
            self.signInRequested.emit(self.needed[0][0])


def show_sign_in_tab(dialog: QWidget, signed_in: Callable[[int], None]) -> None:
    """Put Mailbox settings on the tab where the user signs in again, and call
    ``signed_in`` once the new sign-in is stored."""
    from desktop.ui.account_dialog import SignInAgainBox

    tabs = getattr(dialog, "tabs", None)
    if tabs is None:
        return
    box = dialog.findChild(SignInAgainBox)
    if box is not None:
        tabs.setCurrentWidget(box)
        box.signedIn.connect(signed_in)
        return
    password = getattr(dialog, "password", None)  # a password mailbox: Connection
    for index in range(tabs.count()):
        if password is not None and tabs.widget(index).isAncestorOf(password):
            tabs.setCurrentIndex(index)
            password.setFocus()
            return
