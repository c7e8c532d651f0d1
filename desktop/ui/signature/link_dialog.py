"""The link dialog: the text shown and the address (web or e-mail); edit and remove.

Non-blocking: ``open()``, then ``linkChosen(text, href)`` or ``linkRemoved()``.
"""

from __future__ import annotations

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


def normalise_href(target: str) -> str | None:
    """A web or e-mail address as a link target (``mailto:`` added), or None if neither."""
    target = target.strip()
    if not target:
        return None
    if "@" in target and "://" not in target and not target.startswith("mailto:"):
        target = "mailto:" + target
    elif target.startswith("www."):
        target = "https://" + target
    url = QUrl(target, QUrl.ParsingMode.StrictMode)
    if not url.isValid() or url.scheme() not in ("http", "https", "mailto"):
        return None
    if url.scheme() in ("http", "https") and "." not in url.host():
        return None
    if url.scheme() == "mailto" and "@" not in url.path():
        return None
    return url.toString()


class LinkDialog(QDialog):
    linkChosen = Signal(str, str)  # text, href
    linkRemoved = Signal()

    def __init__(self, text: str = "", href: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signatureLinkDialog")
        self.setWindowTitle(self.tr("Link") if not href else self.tr("Edit link"))
        self.text_edit = QLineEdit(text, self)
        self.text_edit.setPlaceholderText(self.tr("what the reader sees, e.g. Firma s.r.o."))
        self.href_edit = QLineEdit(href.removeprefix("mailto:"), self)
        self.href_edit.setPlaceholderText("https://firma.cz  /  jana@firma.cz")
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Text:"), self.text_edit)
        form.addRow(self.tr("Address:"), self.href_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.remove_button = QPushButton(self.tr("Remove link"), self)
        self.buttons.addButton(self.remove_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.remove_button.setVisible(bool(href))  # only an existing link can be removed
        self.buttons.accepted.connect(self.choose)
        self.buttons.rejected.connect(self.reject)
        self.remove_button.clicked.connect(self.remove)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        (self.href_edit if text else self.text_edit).setFocus()
        self.resize(420, self.sizeHint().height())

    def choose(self) -> bool:
        href = normalise_href(self.href_edit.text())
        if href is None:
            self.error.setText(self.tr("Enter a web address (https://…) or an e-mail address."))
            self.href_edit.setFocus()
            return False
        text = self.text_edit.text().strip() or href.removeprefix("mailto:")
        self.linkChosen.emit(text, href)
        self.accept()
        return True

    def remove(self) -> None:
        self.linkRemoved.emit()
        self.accept()
