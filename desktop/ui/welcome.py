"""First start: no mailbox yet."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.resources import resources_dir

ICON_PATH = resources_dir() / "holub.svg"


def app_icon() -> QIcon:
    return QIcon(str(ICON_PATH)) if ICON_PATH.exists() else QIcon()


class WelcomePage(QWidget):
    """First start: no mailbox yet."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcomePage")
        self.title = QLabel(self)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.add_button = QPushButton(self)
        self.add_button.setObjectName("addMailboxButton")
        self.demo_button = QPushButton(self)
        self.demo_button.setObjectName("openDemoButton")
        # Wired by the CRM menu (desktop/ui/crm/crm_menu.py): the same sign-in dialog.
        self.crm_button = QPushButton(self)
        self.crm_button.setObjectName("connectCaflouButton")
        icon = QLabel(self)
        icon.setPixmap(app_icon().pixmap(96, 96))
        icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.demo_button)
        buttons.addWidget(self.crm_button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.addStretch()
        layout.addWidget(icon)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        layout.addLayout(buttons)
        layout.addStretch()
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText("<h2>" + self.tr("Welcome to Holub") + "</h2>")
        self.text.setText(
            self.tr(
                "Holub files your e-mail under the companies, projects and tasks it belongs to. "
                "Add a mailbox to start, or look around in the demo first."
            )
        )
        self.add_button.setText(self.tr("Add mailbox…"))
        self.demo_button.setText(self.tr("Open the demo"))
        self.crm_button.setText(self.tr("Connect Caflou…"))
