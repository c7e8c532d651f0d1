"""Czech for the reader's texts, in the shape scripts/update_translations.py's CZECH uses.

English → Czech; plurals are the three Czech forms (1, 2–4, 5+). Merged into the
main table with ``CZECH.update(READER_CZECH)``.
"""

from __future__ import annotations

READER_CZECH: dict[str, str | tuple[str, str, str]] = {
    "Plain text": "Prostý text",
    "Show the message as plain text": "Zobrazit zprávu jako prostý text",
    "Remote content blocked": "Vzdálený obsah je zablokován",
    "Load remote content": "Načíst vzdálený obsah",
    "Always for this sender": "Vždy od tohoto odesílatele",
    "Remote content blocked: %n item(s)": (
        "Zablokován vzdálený obsah: %n položka",
        "Zablokován vzdálený obsah: %n položky",
        "Zablokován vzdálený obsah: %n položek",
    ),
    "From": "Od",
    "To": "Komu",
    "Cc": "Kopie",
    "Date": "Datum",
    "Subject": "Předmět",
    "This message could not be read; its raw source is shown.": (
        "Zprávu se nepodařilo přečíst; zobrazuje se její zdrojový text."
    ),
    "Parts of this message could not be read.": "Části této zprávy se nepodařilo přečíst.",
    "This message has no content stored.": "Tato zpráva nemá uložený žádný obsah.",
    "(unnamed)": "(bez názvu)",
    "A rule failed on this message: %1": "Pravidlo na této zprávě selhalo: %1",
    " (and %n more)": (" (a ještě %n)", " (a ještě %n)", " (a ještě %n)"),
    "Save…": "Uložit…",
    "Open": "Otevřít",
    "This file could run a program: save it and open it yourself.": (
        "Tento soubor může spustit program: uložte si ho a otevřete sami."
    ),
    "Save attachment": "Uložit přílohu",
    "Loading the message from the server…": "Načítám zprávu ze serveru…",
    "The message could not be fetched from the server: {error}": (
        "Zprávu se nepodařilo načíst ze serveru: {error}"
    ),
}
