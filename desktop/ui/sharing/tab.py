"""Mailbox settings → Sharing (R11): the Caflou account's users, each Not shared, Read or
Read+Write. Saving writes the connection's ``users``/``privacy`` in Caflou and queues the
mailbox's mail (desktop/crm/sharing.py) in the thread pool; the GUI thread only reads the
small CRM user cache and shows the answer."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import accounts
from desktop.crm import publish, sharing
from desktop.ui.background import run_in_background

NOT_SHARED = ""


class SharingTab(QWidget):
    """``saved(mailbox_id)`` once Caflou took the new sharing."""

    saved = Signal(int)

    def __init__(self, mailbox_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sharingTab")
        self.mailbox_id = mailbox_id
        self._busy = False
        account = publish.connected_account()
        current = accounts.mailbox_shares(mailbox_id)
        me = account.email.strip().lower() if account is not None else ""

        intro = QLabel(
            self.tr(
                "Colleagues of the Caflou account can open this mailbox in their Holub. "
                "Read: open, read and search. Read+Write: also reply, forward, file and "
                "delete (in Caflou; your mail server is never changed). A shared mailbox "
                "publishes all its mail in the import window to Caflou, not only filed mail."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 2, self)
        self.table.setObjectName("sharingUsers")
        self.table.setHorizontalHeaderLabels([self.tr("Colleague"), self.tr("Access")])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.emails: list[str] = []
        for user in sharing.crm_users() if account is not None else []:
            email = user.email.strip().lower()
            if email == me:
                continue
            row = self.table.rowCount()
            self.table.insertRow(row)
            label = f"{user.name} <{user.email}>" if user.name else user.email
            self.table.setItem(row, 0, QTableWidgetItem(label))
            combo = QComboBox(self.table)
            combo.addItem(self.tr("Not shared"), NOT_SHARED)
            combo.addItem(self.tr("Read"), "read")
            combo.addItem(self.tr("Read+Write"), "read_write")
            combo.setCurrentIndex(max(0, combo.findData(current.get(email, NOT_SHARED))))
            self.table.setCellWidget(row, 1, combo)
            self.emails.append(email)
        self.save_button = QPushButton(self.tr("Save sharing"), self)
        self.save_button.setObjectName("saveSharing")
        self.save_button.clicked.connect(self.save)
        self.status = QLabel(self)
        self.status.setObjectName("sharingStatus")
        self.status.setWordWrap(True)
        if account is None:
            self.status.setText(
                self.tr("Sharing goes through Caflou: connect Caflou first (CRM menu).")
            )
            self.table.setEnabled(False)
            self.save_button.setEnabled(False)
        elif not self.emails:
            self.status.setText(
                self.tr("The Caflou account has no other users (Pull now fetches them).")
            )
            self.save_button.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def chosen(self) -> dict[str, str]:
        """{e-mail: read | read_write} as set in the table."""
        out: dict[str, str] = {}
        for row, email in enumerate(self.emails):
            level = self.table.cellWidget(row, 1).currentData()
            if level:
                out[email] = level
        return out

    def set_level(self, email: str, level: str) -> None:
        combo = self.table.cellWidget(self.emails.index(email.lower()), 1)
        combo.setCurrentIndex(max(0, combo.findData(level)))

    def busy(self) -> bool:
        return self._busy

    def save(self) -> None:
        if self._busy:
            return
        shares, mailbox_id = self.chosen(), self.mailbox_id
        self._busy = True
        self.save_button.setEnabled(False)
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Writing the sharing to Caflou…"))
        run_in_background(
            lambda: sharing.set_shares(mailbox_id, shares).shares,
            self._saved,
            self._failed,
            owner=self,
        )

    def _saved(self, shares: dict[str, str]) -> None:
        self._busy = False
        self.save_button.setEnabled(True)
        if shares:
            self.status.setText(self.tr("Shared with %n colleague(s).", "", len(shares)))
        else:
            self.status.setText(self.tr("Not shared with anyone."))
        self.saved.emit(self.mailbox_id)

    def _failed(self, message: str) -> None:
        self._busy = False
        self.save_button.setEnabled(True)
        self.status.setStyleSheet("color: #b00020")
        self.status.setText(message)
