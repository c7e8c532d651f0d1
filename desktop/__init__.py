"""Holub: a desktop mail client that files e-mail under CRM objects."""

__version__ = "0.1.0"
APP_NAME = "Holub"

from desktop.qtcompat import pin_singletons as _pin_singletons  # noqa: E402

_pin_singletons()
