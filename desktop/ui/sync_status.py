"""The sync's part of the status bar: progress, last sync per mailbox, errors, and the
CRM's state (connected as …, last pull, how many wait to be published, or "sign in
again")."""

from __future__ import annotations

from PySide6.QtCore import QLocale, QObject, Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QProgressBar, QStatusBar, QToolButton

from desktop.crm.api import REQUIRED_PLANS
from desktop.models.mail import KIND_LOCAL, Mailbox
from desktop.ui import dates
from desktop.ui.error_text import error_text
from desktop.ui.sync_controller import SyncController


def mailbox_name(mailbox_id: int) -> str:
    mailbox = Mailbox.get_or_none(Mailbox.id == mailbox_id)
    return mailbox.name if mailbox else str(mailbox_id)


class SyncStatus(QObject):
    def __init__(self, bar: QStatusBar, controller: SyncController) -> None:
        super().__init__(bar)
        self.bar = bar
        self.controller = controller
        self.error_box: QMessageBox | None = None
        self.progress_label = QLabel(bar)
        self.progress_label.setObjectName("syncProgressLabel")
        self.progress_bar = QProgressBar(bar)
        self.progress_bar.setMaximumWidth(160)
        self.progress_bar.setMaximumHeight(14)
        self.progress_bar.setTextVisible(False)
        self.progress_bar.hide()
        self.last_sync_label = QLabel(bar)
        self.last_sync_label.setObjectName("lastSyncLabel")
        self.error_button = QToolButton(bar)
        self.error_button.setObjectName("syncErrorButton")
        self.error_button.setAutoRaise(True)
        self.error_button.setStyleSheet("color: #b00020; font-weight: bold")
        self.error_button.clicked.connect(self.show_error_details)
        self.error_button.hide()
        bar.addPermanentWidget(self.progress_label)
        bar.addPermanentWidget(self.progress_bar)
        bar.addPermanentWidget(self.error_button)
        bar.addPermanentWidget(self.last_sync_label)
        self.crm_label = QLabel(bar)
        self.crm_label.setObjectName("crmStateLabel")
        bar.addPermanentWidget(self.crm_label)
        controller.manager.progress.connect(self._progress)
        controller.stateChanged.connect(self.update)
        controller.crmStateChanged.connect(lambda _state: self.update_crm())
        controller.publisher.running_changed.connect(self.update_crm)

    def retranslate(self) -> None:
        self.error_button.setText(self.tr("Sync error – details"))
        self.update_last_sync()
        self.update_crm()

    def update_crm(self) -> None:
        state = self.controller.crm_state
        if state is None or not state.connected:
            self.crm_label.clear()
            self.crm_label.setToolTip("")
            return
        if state.sign_in_refused:
            self.crm_label.setStyleSheet("color: #b00020")
            self.crm_label.setText(self.tr("Caflou: sign in again (CRM › Connect Caflou…)"))
            self.crm_label.setToolTip(self.controller.publish_error or "")
            return
        self.crm_label.setStyleSheet("")
        when = dates.time_of(state.last_pull_at) if state.last_pull_at else self.tr("never")
        text = self.tr("Caflou: %1, last pull %2").replace("%1", state.email).replace("%2", when)
        if self.controller.publisher.is_running():
            text += " · " + self.tr("publishing…")
        elif state.waiting:
            text += " · " + self.tr("%1 waiting to publish").replace("%1", str(state.waiting))
        if self.controller.publish_error and state.plan_allows_mail:
            # The CRM is down or throttling: the rows wait (the reason is the tooltip).
            text += " · " + self.tr("publishing waits for the CRM")
        if state.failed:
            text += " · " + self.tr("%1 refused by the CRM").replace("%1", str(state.failed))
        if not state.plan_allows_mail:
            text += " · " + self.tr("the %1 plan has no e-mail; %2 or higher has it").replace(
                "%1", state.plan
            ).replace("%2", " / ".join(REQUIRED_PLANS))
        self.crm_label.setText(text)
        self.crm_label.setToolTip(state.plan_message or self.controller.publish_error or "")

    def _progress(self, mailbox_id: int, folder: str, done: int, total: int) -> None:
        loc = QLocale()
        self.progress_label.setText(
            f"{mailbox_name(mailbox_id)} › {folder} {loc.toString(done)} / {loc.toString(total)}"
        )
        if total > 0:
            self.progress_bar.setRange(0, total)
            self.progress_bar.setValue(min(done, total))
        self.progress_bar.show()

    def update(self) -> None:
        if self.controller.manager.is_running():
            if not self.progress_bar.isVisible():
                self.progress_bar.setRange(0, 0)
                self.progress_bar.show()
        else:
            self.progress_bar.hide()
            self.progress_label.clear()
        errors = self.controller.errors
        self.error_button.setVisible(bool(errors))
        if errors:
            mailbox_id, (message, _details) = next(iter(errors.items()))
            self.error_button.setToolTip(f"{mailbox_name(mailbox_id)}: {error_text(message)}")
        self.update_last_sync()

    def update_last_sync(self) -> None:
        parts = []
        for mailbox in Mailbox.select().where(Mailbox.kind != KIND_LOCAL).order_by(Mailbox.name):
            when = dates.time_of(mailbox.last_sync_at) if mailbox.last_sync_at else self.tr("never")
            parts.append(f"{mailbox.name} {when}")
        self.last_sync_label.setText(
            self.tr("Last sync: %1").replace("%1", ", ".join(parts)) if parts else ""
        )

    def show_error_details(self) -> None:
        errors = self.controller.errors
        if not errors:
            return
        text = "\n\n".join(
            f"{mailbox_name(mid)}: {error_text(msg)}" for mid, (msg, _d) in errors.items()
        )
        details = "\n\n".join(d for _m, d in errors.values())
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Synchronisation failed"),
            text,
            QMessageBox.StandardButton.Close,
            self.bar.window(),
        )
        box.setObjectName("syncErrorBox")
        box.setDetailedText(details)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.error_box = box
