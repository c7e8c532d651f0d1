"""Czech for compose's and sending's new texts (issue 7), in the shape
scripts/update_translations.py's CZECH uses (English → Czech)."""

from __future__ import annotations

COMPOSE_CZECH: dict[str, str | tuple[str, str, str]] = {
    # Closing with changes not saved yet.
    "Close": "Zavřít",
    "Keep this message in Drafts?": "Ponechat tuto zprávu v konceptech?",
    "Keep in Drafts": "Ponechat v konceptech",
    # The From list when no mailbox can send.
    "Add mailbox…": "Přidat schránku…",
    "%1 holds imported mail only": "%1 obsahuje jen importovanou poštu",
    "%1 has no outgoing (SMTP) server set": "%1 nemá nastavený server odchozí pošty (SMTP)",
    "No mailbox can send: %1. Add one that can.": (
        "Žádná schránka nemůže odesílat: %1. Přidejte schránku, která může."
    ),
    "There is no mailbox to send from yet. Add one to send this message.": (
        "Zatím nemáte schránku, ze které lze odesílat. Přidejte ji a zprávu odešlete."
    ),
    # The status bar after sending.
    "Sent: %1": "Odesláno: %1",
    "Not sent: %1 — %2. It waits in the Outbox.": (
        "Neodesláno: %1 — %2. Zpráva čeká ve složce K odeslání."
    ),
    "unknown error": "neznámá chyba",
}
