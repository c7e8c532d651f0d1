"""A company, project or task: its details and its "E-mails" tab (R9)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.crm import local, service
from desktop.errors import HolubError
from desktop.models.crm import Company, Contact, Filing, Project, Task
from desktop.models.mail import Message
from desktop.ui import dates
from desktop.ui.crm.chips import kind_label

_MODELS = {"company": Company, "project": Project, "task": Task}


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
        self.emails = QTableWidget(0, 3, self)
        self.emails.setHorizontalHeaderLabels(
            [self.tr("Date"), self.tr("From"), self.tr("Subject")]
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
        self.emails.cellDoubleClicked.connect(
            lambda r, _c: self.messageActivated.emit(self.message_ids()[r])
        )
        self.remove_button.clicked.connect(self.remove_selected)
        if self.browse:
            self.refresh_objects()
        self.refresh()

    def refresh_objects(self) -> None:
        """The browse list: every object of the kind the cache holds, filtered."""
        current = self.object_id
        self.objects.blockSignals(True)
        self.objects.clear()
        for _kind, oid, name in service.search_objects(self.search.text(), (self.kind,), 100_000):
            item = QListWidgetItem(f"{name}  #{oid}")
            item.setData(Qt.ItemDataRole.UserRole, oid)
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
            for c, text in enumerate(
                [
                    dates.date_time(m.date),
                    m.from_name or m.from_addr,
                    m.subject,
                ]
            ):
                item = QTableWidgetItem(text)
                if c == 0:
                    item.setData(Qt.ItemDataRole.UserRole, mid)
                self.emails.setItem(r, c, item)
        self.tabs.setTabText(1, self.tr("E-mails (%1)").replace("%1", str(len(ids))))

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
        if self._crm_action(lambda: local.edit(self.kind, self.object_id, **fields)):
            self.refresh()

    def delete(self) -> None:
        self._crm_action(lambda: local.remove(self.kind, self.object_id))

    def add_contact(self) -> None:
        name, email = self.contact_name.text(), self.contact_email.text()
        if self._crm_action(lambda: local.add_contact(self.object_id, name, email)):
            self.refresh()

    def message_ids(self) -> list[int]:
        return [
            self.emails.item(r, 0).data(Qt.ItemDataRole.UserRole)
            for r in range(self.emails.rowCount())
        ]

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.emails.selectionModel().selectedRows()})
        ids = [self.emails.item(r, 0).data(Qt.ItemDataRole.UserRole) for r in rows]
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
