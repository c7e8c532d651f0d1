"""A company, project or task: its details and its "E-mails" tab (R9).

The tab shows Holub's own filed mail (from the store) first, then the mail colleagues
published to Caflou under the same object, marked with who filed it; that part is read
off the GUI thread (desktop/crm/team.py), and a CRM refusal hides it with one line.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStyledItemDelegate,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.crm import local, service, task_status, team
from desktop.errors import HolubError
from desktop.models.crm import Company, Contact, CrmUser, Filing, Project, Task
from desktop.models.mail import Message
from desktop.ui import dates
from desktop.ui.background import run_in_background
from desktop.ui.crm import task_text
from desktop.ui.crm.chips import kind_label

_MODELS = {"company": Company, "project": Project, "task": Task}


class FitToWidthDelegate(QStyledItemDelegate):
    """Rows as wide as the list, never wider: a long name or task line is elided (the
    whole text in its tooltip) instead of widening the list behind a horizontal
    scroll bar that would cover the last row's second line."""

    def sizeHint(self, option, index):
        size = super().sizeHint(option, index)
        view = self.parent()
        if isinstance(view, QListWidget):
            size.setWidth(min(size.width(), view.viewport().width()))
        return size


class CrmObjectView(QWidget):
    """One object, or — built without an id (``CrmObjectView("company", parent)``, the
    folder tree's "Companies" node) — every object of the kind in a searchable list
    beside the view of the chosen one.

    ``changed(ChangeSet)`` after removing mail; ``messageActivated(id)`` on double-click.
    """

    changed = Signal(object)
    messageActivated = Signal(int)
    crmChanged = Signal()  # the object itself was edited or deleted (local CRM)

    def __init__(
        self, kind: str, object_id: int | QWidget | None = None, parent: QWidget | None = None
    ) -> None:
        if isinstance(object_id, QWidget):
            object_id, parent = None, object_id
        super().__init__(parent)
        self.local = service.is_local_crm()
        self.kind = kind
        self.object_id: int | None = object_id
        self.browse = object_id is None
        self.title = QLabel(self)
        self.title.setStyleSheet("font-size: 15pt; font-weight: 600")
        self.tabs = QTabWidget(self)
        self.details = QWidget(self)
        self.form = QFormLayout(self.details)
        self.emails = QTableWidget(0, 4, self)
        self.emails.setHorizontalHeaderLabels(
            [self.tr("Date"), self.tr("From"), self.tr("Subject"), self.tr("Filed by")]
        )
        self.emails.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.emails.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.emails.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.emails.verticalHeader().hide()
        self.emails.setWordWrap(False)
        header = self.emails.horizontalHeader()
        for column in (0, 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        # Colleagues' mail from the CRM: which object's answer is awaited, and why the
        # remote part is missing when it is.
        self._team_asked: tuple[str, int] | None = None
        self._local_rows = 0
        self.team_note = QLabel(self)
        self.team_note.setObjectName("teamMailNote")
        self.team_note.setWordWrap(True)
        self.team_note.hide()
        self.remove_button = QPushButton(
            {
                "company": self.tr("Remove from this company"),
                "project": self.tr("Remove from this project"),
                "task": self.tr("Remove from this task"),
            }.get(kind, kind),
            self,
        )
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #b00020")
        self.error.hide()
        mail_tab = QWidget(self)
        mail_layout = QVBoxLayout(mail_tab)
        mail_layout.addWidget(self.emails, 1)
        mail_layout.addWidget(self.team_note)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.remove_button)
        mail_layout.addLayout(row)
        self.tabs.addTab(self.details, self.tr("Details"))
        self.tabs.addTab(mail_tab, self.tr("E-mails"))
        detail = QWidget(self)
        layout = QVBoxLayout(detail)
        layout.addWidget(self.title)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        if self.browse:
            side = QWidget(self)
            side_layout = QVBoxLayout(side)
            side_layout.setContentsMargins(0, 0, 0, 0)
            self.search = QLineEdit(side)
            self.search.setPlaceholderText(self.tr("Search by name or #id"))
            self.search.setClearButtonEnabled(True)
            self.objects = QListWidget(side)
            self.objects.setItemDelegate(FitToWidthDelegate(self.objects))
            self.objects.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            self.objects.setResizeMode(QListWidget.ResizeMode.Adjust)
            self.objects.setSpacing(2)  # a task's two lines read as one entry
            if kind != "task":
                # "Name  #1205" on one line: elided in the middle, the #id stays in view.
                self.objects.setTextElideMode(Qt.TextElideMode.ElideMiddle)
            self.new_button = QPushButton(
                {
                    "company": self.tr("New company…"),
                    "project": self.tr("New project…"),
                    "task": self.tr("New task…"),
                }.get(kind, kind),
                side,
            )
            self.new_button.setObjectName("newObjectButton")
            self.new_button.clicked.connect(self.new_object)
            side_layout.addWidget(self.search)
            side_layout.addWidget(self.objects, 1)
            side_layout.addWidget(self.new_button)
            splitter = QSplitter(self)
            splitter.addWidget(side)
            splitter.addWidget(detail)
            splitter.setStretchFactor(1, 1)
            outer.addWidget(splitter)
            self.search.textChanged.connect(self.refresh_objects)
            self.objects.currentItemChanged.connect(self._object_chosen)
            self.crmChanged.connect(self.refresh_objects)
        else:
            outer.addWidget(detail)
        self.emails.cellDoubleClicked.connect(self._double_clicked)
        self.remove_button.clicked.connect(self.remove_selected)
        if self.browse:
            self.refresh_objects()
        self.refresh()

    def refresh_objects(self) -> None:
        """The browse list: every object of the kind the cache holds, filtered."""
        current = self.object_id
        self.objects.blockSignals(True)
        self.objects.clear()
        found = service.search_objects(self.search.text(), (self.kind,), 100_000)
        # Tasks say when they are due, whether done, and whose (one query for all).
        states = task_status.statuses(o for _k, o, _n in found) if self.kind == "task" else {}
        today = date.today()
        for _kind, oid, name in found:
            item = QListWidgetItem(f"{name}  #{oid}")
            if (state := states.get(oid)) is not None:
                item.setText(f"{name}  #{oid}\n{task_text.summary(state, today)}")
                task_text.decorate(item, state, today)
            item.setData(Qt.ItemDataRole.UserRole, oid)
            if not item.toolTip():  # a task's own tooltip says more
                item.setToolTip(item.text())
            self.objects.addItem(item)
            if oid == current:
                self.objects.setCurrentItem(item)
        self.objects.blockSignals(False)
        if self.objects.currentItem() is None and self.objects.count():
            self.objects.setCurrentRow(0)
        elif not self.objects.count():
            self.set_object(None)

    def new_object(self) -> None:
        """A new object of this view's kind; shown, selected, once the CRM has it."""
        from desktop.ui.crm.new_object import NewObjectDialog

        dialog = NewObjectDialog(self.kind, self)
        dialog.created.connect(self._object_created)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.new_dialog = dialog

    def _object_created(self, _kind: str, object_id: int) -> None:
        self.object_id = object_id
        self.search.clear()
        self.crmChanged.emit()  # refreshes the list, keeping the new one current

    def _object_chosen(self, item: QListWidgetItem | None, _previous: object = None) -> None:
        self.set_object(item.data(Qt.ItemDataRole.UserRole) if item is not None else None)

    def set_object(self, object_id: int | None) -> None:
        self.object_id = object_id
        self.refresh()

    def refresh(self) -> None:
        model = _MODELS[self.kind]
        if self.object_id is None:
            obj = None
            self.title.setText(kind_label(self.kind))
        else:
            obj = model.get_or_none(model.id == self.object_id)
            name = obj.name if obj is not None else self.tr("(not in the CRM)")
            self.title.setText(f"{kind_label(self.kind)}: {name}  #{self.object_id}")
        self._fill_details(obj)
        ids = [] if obj is None else service.messages_for_object(self.kind, self.object_id)
        rows = {
            m.id: m
            for m in Message.select(
                Message.id, Message.date, Message.from_name, Message.from_addr, Message.subject
            ).where(Message.id.in_(ids))
        }
        self.emails.setRowCount(len(ids))
        for r, mid in enumerate(ids):
            m = rows[mid]
            self._set_row(
                r,
                mid,
                [dates.date_time(m.date), m.from_name or m.from_addr, m.subject, self.tr("you")],
            )
        self._local_rows = len(ids)
        self._count_tab()
        self.team_note.hide()
        self._ask_team(obj)

    def _set_row(self, r: int, mid: int | None, texts: list[str]) -> None:
        for c, text in enumerate(texts):
            item = QTableWidgetItem(text)
            if c == 0:
                item.setData(Qt.ItemDataRole.UserRole, mid)
            self.emails.setItem(r, c, item)

    def _count_tab(self) -> None:
        self.tabs.setTabText(1, self.tr("E-mails (%1)").replace("%1", str(self.emails.rowCount())))

    # --- colleagues' mail from the CRM (R9) -------------------------------------------
    def _ask_team(self, obj) -> None:
        if obj is None or self.local:
            self._team_asked = None
            return
        asked = (self.kind, self.object_id)
        self._team_asked = asked
        run_in_background(
            lambda: team.colleagues_mail(*asked),
            lambda mail: self._team_arrived(asked, mail),
            lambda message: self._team_arrived(asked, team.TeamMail(error=message)),
            owner=self,
        )

    def _team_arrived(self, asked: tuple[str, int], mail: team.TeamMail) -> None:
        if asked != self._team_asked:
            return  # another object is shown (or the view was refreshed) meanwhile
        self._team_asked = None
        self.emails.setRowCount(self._local_rows + len(mail.messages))
        for r, m in enumerate(mail.messages, start=self._local_rows):
            self._set_row(
                r,
                None,
                [dates.date_time(m.date) if m.date else "", m.sender, m.subject, m.filed_by],
            )
            for c in range(4):  # not Holub's own: nothing to open or remove here
                self.emails.item(r, c).setForeground(Qt.GlobalColor.darkBlue)
                self.emails.item(r, c).setToolTip(
                    self.tr("Filed by %1 in the CRM").replace("%1", m.filed_by)
                )
        self._count_tab()
        if mail.refused:
            self.team_note.setText(
                self.tr("Colleagues' e-mails are hidden: the CRM gives you no right to read them.")
            )
            self.team_note.show()
        elif mail.error:
            self.team_note.setText(
                self.tr("Colleagues' e-mails could not be read: %1").replace("%1", mail.error)
            )
            self.team_note.show()

    def _double_clicked(self, row: int, _column: int) -> None:
        mid = self.emails.item(row, 0).data(Qt.ItemDataRole.UserRole)
        if mid is not None:
            self.messageActivated.emit(mid)

    def _fill_details(self, obj) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        if obj is None:
            return
        self.form.addRow(self.tr("Id"), QLabel(str(obj.id)))
        # The local CRM is edited here; a Caflou account's data is edited in Caflou.
        self.name_edit = QLineEdit(obj.name)
        self.name_edit.setReadOnly(not self.local)
        self.form.addRow(self.tr("Name"), self.name_edit)
        self.email_edit = QLineEdit(getattr(obj, "email", ""))
        self.email_edit.setReadOnly(not self.local)
        if self.kind == "company":
            self.form.addRow(self.tr("E-mail"), self.email_edit)
            self.contacts = QListWidget()
            for c in Contact.select().where(Contact.company == obj.id).order_by(Contact.name):
                self.contacts.addItem(f"{c.name} <{c.email}>" if c.email else c.name)
            self.form.addRow(self.tr("Contacts"), self.contacts)
            if self.local:
                self.contact_name = QLineEdit()
                self.contact_name.setPlaceholderText(self.tr("Name"))
                self.contact_email = QLineEdit()
                self.contact_email.setPlaceholderText(self.tr("E-mail"))
                add = QPushButton(self.tr("Add contact"))
                add.clicked.connect(self.add_contact)
                row = QHBoxLayout()
                row.addWidget(self.contact_name)
                row.addWidget(self.contact_email)
                row.addWidget(add)
                self.form.addRow("", row)
        else:
            if self.kind == "task" and obj.project_id:
                self.form.addRow(
                    self.tr("Project"), QLabel(service.object_name("project", obj.project_id))
                )
            if obj.company_id:
                self.form.addRow(
                    self.tr("Company"), QLabel(service.object_name("company", obj.company_id))
                )
            if self.kind == "task":
                self._task_rows(obj)
        if self.local:
            save = QPushButton(self.tr("Save"))
            delete = QPushButton(self.tr("Delete"))
            save.clicked.connect(self.save)
            delete.clicked.connect(self.delete)
            row = QHBoxLayout()
            row.addStretch(1)
            row.addWidget(save)
            row.addWidget(delete)
            self.form.addRow("", row)

    def _task_rows(self, task: Task) -> None:
        """Due date, state and assignee: shown from the CRM; editable in the local CRM."""
        state = task_status.status(task.id) or task_status.TaskStatus()
        if not self.local:
            self.due_label = QLabel(task_text.due_text(state))
            self.state_label = QLabel(task_text.state_text(state))
            if state.state() == task_status.OVERDUE:
                self.state_label.setStyleSheet("color: #b00020")
            self.assignee_label = QLabel(task_text.assignee_text(state))
            for label in (self.due_label, self.state_label, self.assignee_label):
                label.setObjectName("taskField")
            self.form.addRow(self.tr("Due date"), self.due_label)
            self.form.addRow(self.tr("State"), self.state_label)
            self.form.addRow(self.tr("Assignee"), self.assignee_label)
            return
        self.has_due = QCheckBox(self.tr("Due"))
        self.has_due.setChecked(state.due_date is not None)
        self.due_edit = QDateEdit()
        self.due_edit.setCalendarPopup(True)
        # The locale's date format, like every date in the window.
        self.due_edit.setDisplayFormat(QLocale().dateFormat(QLocale.FormatType.ShortFormat))
        due = state.due_date or date.today()
        self.due_edit.setDate(QDate(due.year, due.month, due.day))
        self.due_edit.setEnabled(self.has_due.isChecked())
        self.has_due.toggled.connect(self.due_edit.setEnabled)
        due_row = QHBoxLayout()
        due_row.addWidget(self.has_due)
        due_row.addWidget(self.due_edit)
        due_row.addStretch(1)
        self.form.addRow(self.tr("Due date"), due_row)
        self.done_check = QCheckBox(self.tr("Done"))
        self.done_check.setChecked(state.finished)
        self.form.addRow(self.tr("State"), self.done_check)
        self.assignee_combo = QComboBox()
        self.assignee_combo.addItem(self.tr("Nobody"), None)
        for user in CrmUser.select().order_by(CrmUser.name):
            self.assignee_combo.addItem(user.name or user.email, user.id)
        found = self.assignee_combo.findData(state.assignee_id)
        self.assignee_combo.setCurrentIndex(max(found, 0))
        self.form.addRow(self.tr("Assignee"), self.assignee_combo)

    def _task_edits(self) -> dict:
        """The local CRM's task fields as edited on the page."""
        picked = self.due_edit.date()
        return {
            "due_date": (
                date(picked.year(), picked.month(), picked.day())
                if self.has_due.isChecked()
                else None
            ),
            "finished": self.done_check.isChecked(),
            "assignee_id": self.assignee_combo.currentData(),
        }

    def _crm_action(self, action) -> bool:
        try:
            action()
        except HolubError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return False
        self.error.hide()
        self.crmChanged.emit()
        return True

    def save(self) -> None:
        fields = {"name": self.name_edit.text()}
        if self.kind == "company":
            fields["email"] = self.email_edit.text()
        if self.kind == "task":
            fields.update(self._task_edits())
        if self._crm_action(lambda: local.edit(self.kind, self.object_id, **fields)):
            self.refresh()

    def delete(self) -> None:
        self._crm_action(lambda: local.remove(self.kind, self.object_id))

    def add_contact(self) -> None:
        name, email = self.contact_name.text(), self.contact_email.text()
        if self._crm_action(lambda: local.add_contact(self.object_id, name, email)):
            self.refresh()

    def message_ids(self) -> list[int]:
        """Holub's own messages in the tab (the first rows), not the colleagues'."""
        ids = (
            self.emails.item(r, 0).data(Qt.ItemDataRole.UserRole)
            for r in range(self.emails.rowCount())
        )
        return [i for i in ids if i is not None]

    def team_rows(self) -> list[tuple[str, str]]:
        """(subject, filed by) of the colleagues' rows, as shown."""
        return [
            (self.emails.item(r, 2).text(), self.emails.item(r, 3).text())
            for r in range(self._local_rows, self.emails.rowCount())
        ]

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.emails.selectionModel().selectedRows()})
        ids = [self.emails.item(r, 0).data(Qt.ItemDataRole.UserRole) for r in rows]
        ids = [i for i in ids if i is not None]  # colleagues' mail is theirs to remove
        # Only direct filings can be removed here (a task's mail is removed on the task).
        direct = {
            r[0]
            for r in Filing.select(Filing.message)
            .where(
                Filing.message.in_(ids)
                & (Filing.object_kind == self.kind)
                & (Filing.object_id == self.object_id)
            )
            .tuples()
        }
        ids = [i for i in ids if i in direct]
        if not ids:
            return
        try:
            changes = service.unfile_message(ids, self.kind, self.object_id)
        except HolubError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        self.refresh()
        self.changed.emit(changes)
