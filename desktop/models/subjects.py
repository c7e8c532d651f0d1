"""Subject normalisation shared by the store (threading) and the CRM (names, pairing).

Its own module so that neither desktop.sync nor desktop.crm imports the other for it.
"""

from __future__ import annotations

import re

SUBJECT_PREFIX = re.compile(r"^\s*((re|fw|fwd|aw|wg|odp|tr|sv)\s*(\[\d+\])?\s*:\s*)+", re.I)


def normalise_subject(subject: str) -> str:
    """'Re: Fwd: AW: Hello' → 'hello', for threading by subject."""
    return SUBJECT_PREFIX.sub("", subject).strip().lower()
