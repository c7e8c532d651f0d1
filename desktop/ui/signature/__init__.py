"""The signature editor (Mailbox settings → Signature) and the picture-aware text edit
the compose window shares with it."""

from desktop.ui.signature.editor import SignatureEditor, SignatureTextEdit
from desktop.ui.signature.pictures import PictureTextEdit

__all__ = ["PictureTextEdit", "SignatureEditor", "SignatureTextEdit"]
