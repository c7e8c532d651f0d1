"""CRM widgets embedded by the main window: signals, object views, picker, create dialog.

Each widget calls desktop.crm.service (the same functions as the CLI) and emits
``changed(ChangeSet)`` after a mutation so the list and reader can refresh.

- ``SignalsView(parent)``: open signals, multi-select, Accept / Dismiss (keys A / D);
  ``messageActivated(id)`` on double-click; ``refresh()`` after a sync.
- ``CrmObjectView(kind, id, parent)``: one object's details and "E-mails" tab;
  ``CrmObjectView(kind, parent)``: every object of the kind, searchable, beside it
  (the folder tree's Companies / Projects / Tasks). Local CRM: edit, delete, add
  contacts (``crmChanged``). Tasks show their due date, state and assignee
  (``task_text``; the list greys done tasks and shows overdue ones in red).
- ``FilePickerDialog(message_ids, parent).open()``: search-as-you-type filing.
- ``CreateObjectDialog(kind, message_id, parent).open()``: kind company | contact |
  project | task, prefilled from the message; also ``created(kind, id)``.
- ``FilingChips``: a message's filings as removable chips (reader);
  ``filing_labels(ids)`` + ``paint_chips(painter, rect, chips)`` for the list delegate.
- ``CrmLoginDialog(parent, email=, url=)``: connect Caflou (a coroutine on the qasync loop).
- ``dialog_parts``: the message line and OK/Cancel box the CRM dialogs share.
- ``CrmRefresher``: ``refresh()`` (pull + re-pair) / ``repair()`` off the GUI thread;
  ``needsLogin(email, url)`` when the stored credentials fail → open CrmLoginDialog.
  Call ``repair()`` also after a mailbox's pairing settings or exclusions change.
- ``crm_menu.install_crm_menu(window)``: the window's CRM menu (Connect Caflou…, Pull
  now, Disconnect) and the first-start screen's Connect Caflou… button.
- ``CrmObjectView``'s "E-mails" tab also lists colleagues' mail published to Caflou
  under the object (desktop/crm/team.py, read off the GUI thread).
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
