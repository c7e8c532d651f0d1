"""The seam's entry for mailboxes shared with me (``KIND_SHARED``, R11).

Their provider reads the team's CRM, and sync never imports the CRM (the layering the
pipeline keeps): it lives in desktop/services/shared_mailboxes.py, which registers it
on import; this module is what the registry's lazy loader imports for the kind.
"""

from desktop.services.shared_mailboxes import PROVIDER, SharedProvider

__all__ = ["PROVIDER", "SharedProvider"]
