"""A read-only table of store rows, one row each, chosen one at a time by id.

The Outbox and Drafts views both list a handful of rows and act on the chosen one;
this is their common table: whole-row single selection, no editing, no row numbers,
and each row's store id kept on its first cell.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QTableWidget, QTableWidgetItem, QWidget

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class RowTable(QTableWidget):
    def __init__(self, headers: list[str], stretch_column: int, parent: QWidget | None = None):
        super().__init__(0, len(headers), parent)
        self.setHorizontalHeaderLabels(headers)
        self.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.verticalHeader().setVisible(False)
        self.horizontalHeader().setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)

    def fill(self, rows: list[tuple[int, list[QTableWidgetItem]]]) -> None:
        """Replace the rows: (store id, cells) each; the selection follows its id."""
        selected = self.selected_id()
        self.setRowCount(len(rows))
        for r, (row_id, cells) in enumerate(rows):
            cells[0].setData(ID_ROLE, row_id)
            for c, cell in enumerate(cells):
                self.setItem(r, c, cell)
        if selected is not None:
            self.select_id(selected)

    def row_ids(self) -> list[int]:
        return [self.item(r, 0).data(ID_ROLE) for r in range(self.rowCount())]

    def select_id(self, row_id: int) -> None:
        for r in range(self.rowCount()):
            if self.item(r, 0).data(ID_ROLE) == row_id:
                self.selectRow(r)
                return

    def selected_id(self) -> int | None:
        items = self.selectedItems()
        if not items:
            return None
        return self.item(items[0].row(), 0).data(ID_ROLE)
