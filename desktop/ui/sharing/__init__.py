"""The Sharing tab of the mailbox settings and the "Shared with me" tree (R11)."""
