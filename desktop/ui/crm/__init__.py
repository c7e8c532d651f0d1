"""CRM widgets embedded by the main window: signals, object views, picker, create dialog.

Each widget calls desktop.crm.service (the same functions as the CLI) and emits
``changed(ChangeSet)`` after a mutation so the list and reader can refresh.
"""

from desktop.ui.crm.chips import FilingChips, filing_labels, paint_chips
from desktop.ui.crm.create import CreateObjectDialog
from desktop.ui.crm.login import CrmLoginDialog, CrmRefresher
from desktop.ui.crm.object_view import CrmObjectView
from desktop.ui.crm.picker import FilePickerDialog
from desktop.ui.crm.signals import SignalsView

__all__ = [
    "CreateObjectDialog",
    "CrmLoginDialog",
    "CrmObjectView",
    "CrmRefresher",
    "FilePickerDialog",
    "FilingChips",
    "SignalsView",
    "filing_labels",
    "paint_chips",
]
