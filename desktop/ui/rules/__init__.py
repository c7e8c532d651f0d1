"""Rules UI (R15): Mailbox settings → Rules, the rule editor, Settings → Templates."""
