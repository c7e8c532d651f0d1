"""Work around a reference-counting bug of PySide6 6.12 on Python < 3.12.

PySide6/shiboken 6.12 hand out ``None``, ``True`` and ``False`` without taking a
reference (safe on Python 3.12+, where these objects are immortal). On 3.11
every ``Signal.emit()`` (it returns ``True``) and many calls that return or take
``None`` drop one reference too many, and after a few hundred emits the
interpreter aborts with "deallocating True or False". Giving the three
singletons a huge reference count makes them effectively immortal, as on 3.12.
"""

from __future__ import annotations

import ctypes
import sys

_PINNED = False


def pin_singletons() -> None:
    global _PINNED
    if _PINNED or sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return
    for obj in (None, True, False, Ellipsis, NotImplemented):
        # ob_refcnt is the first field of every CPython object (non-debug builds).
        ctypes.c_ssize_t.from_address(id(obj)).value += 1 << 40
    _PINNED = True
