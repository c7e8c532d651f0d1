"""Why Holub suggests a filing, in the user's language.

Pairing (desktop/crm/pairing.py, Qt-free) stores its reason as a plain English sentence
on the signal, which the command line shows as it is. The window recognises those
sentences and says them again through Qt's translations; a reason it does not know
(a newer Holub's, or one from the CRM) is shown unchanged.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from desktop.ui.i18n import Sentences, say_again


def _tr(text: str) -> str:
    return QCoreApplication.translate("PairingReason", text)


# Whole sentences, one per role and kind of owner, so that each language can word them
# its own way. (pattern of pairing.py's sentence, its translation from the match)
_ADDRESS = {
    ("sender", "company"): QT_TRANSLATE_NOOP(
        "PairingReason", "sender %1 is the e-mail of a company"
    ),
    ("sender", "contact"): QT_TRANSLATE_NOOP(
        "PairingReason", "sender %1 is the e-mail of a contact"
    ),
    ("recipient", "company"): QT_TRANSLATE_NOOP(
        "PairingReason", "recipient %1 is the e-mail of a company"
    ),
    ("recipient", "contact"): QT_TRANSLATE_NOOP(
        "PairingReason", "recipient %1 is the e-mail of a contact"
    ),
}
_SEVERAL = {
    "sender": QT_TRANSLATE_NOOP("PairingReason", "sender %1 belongs to several companies: %2"),
    "recipient": QT_TRANSLATE_NOOP(
        "PairingReason", "recipient %1 belongs to several companies: %2"
    ),
}
_REASONS: Sentences = [
    (
        re.compile(r"#(\d+)# names both a project and a task"),
        lambda m: QCoreApplication.translate(
            "PairingReason", "#%1# names both a project and a task"
        ).replace("%1", m[1]),
    ),
    (
        re.compile(r"#(\d+)# in the subject"),
        lambda m: QCoreApplication.translate("PairingReason", "#%1# in the subject").replace(
            "%1", m[1]
        ),
    ),
    (
        re.compile(r"project of task #(\d+)#"),
        lambda m: QCoreApplication.translate("PairingReason", "project of task #%1#").replace(
            "%1", m[1]
        ),
    ),
    (
        re.compile(r"company of task #(\d+)#"),
        lambda m: QCoreApplication.translate("PairingReason", "company of task #%1#").replace(
            "%1", m[1]
        ),
    ),
    (
        re.compile(r"(sender|recipient) (\S+) is the e-mail of a (company|contact)"),
        lambda m: _tr(_ADDRESS[(m[1], m[3])]).replace("%1", m[2]),
    ),
    (
        re.compile(r"(sender|recipient) (\S+) belongs to several companies: (.*)", re.DOTALL),
        lambda m: _tr(_SEVERAL[m[1]]).replace("%1", m[2]).replace("%2", m[3]),
    ),
    (
        re.compile(r"Caflou"),
        lambda _m: QCoreApplication.translate("PairingReason", "suggested in Caflou"),
    ),
]


def reason_text(reason: str | None) -> str:
    """``reason`` as stored by pairing, in the current language."""
    return say_again(reason, _REASONS) if reason else ""
