"""Czech for the main window's parts (merged by scripts/update_translations.py)."""

from __future__ import annotations

WINDOW_CZECH: dict[str, str | tuple[str, str, str]] = {
    "No messages in this folder.": "V této složce nejsou žádné zprávy.",
    "No messages match the search.": "Hledání neodpovídá žádná zpráva.",
    "Nothing is deleted in Holub. A message you delete is hidden here, "
    "where Restore brings it back; the server keeps it either way.": (
        "V Holubovi není nic smazáno. Smazaná zpráva se skryje sem a Obnovit zprávu "
        "ji vrátí; na serveru zůstává tak jako tak."
    ),
    "Re&store": "O&bnovit zprávu",
    "Show the hidden message in its folder again": "Znovu zobrazit skrytou zprávu v její složce",
    "Deleted in &Holub": "Smazané v &Holubovi",
    "Deleted in Holub": "Smazané v Holubovi",
    "Messages hidden in Holub (still on the server)": (
        "Zprávy skryté v Holubovi (na serveru zůstávají)"
    ),
    "Messages hidden in Holub; they are still on the server": (
        "Zprávy skryté v Holubovi; na serveru zůstávají"
    ),
    "Open a folder to act on its messages": "Otevřete složku, ať můžete pracovat s jejími zprávami",
    "Select a message in the list first": "Nejdřív vyberte zprávu v seznamu",
    "The message is already hidden in Holub; Restore brings it back": (
        "Zpráva už je v Holubovi skrytá; Obnovit zprávu ji vrátí"
    ),
    "Only for messages in “Deleted in Holub”": "Jen pro zprávy ve složce „Smazané v Holubovi“",
    "Nothing to undo": "Není co vrátit",
    "Add a mailbox first": "Nejdřív přidejte schránku",
    "Could not save the change: %1": "Změnu se nepodařilo uložit: %1",
    "Restore %n message(s)": ("Obnovit %n zprávu", "Obnovit %n zprávy", "Obnovit %n zpráv"),
    "%n message(s) back in their folders.": (
        "%n zpráva je zpět ve své složce.",
        "%n zprávy jsou zpět ve svých složkách.",
        "%n zpráv je zpět ve svých složkách.",
    ),
    # the Signals view
    "Choose which suggestion to accept below": "Vyberte níže, který návrh přijmout",
    "Accept one:": "Přijmout jeden:",
    "File the message here and dismiss the other suggestions": (
        "Zařadit zprávu sem a ostatní návrhy zamítnout"
    ),
    # mailboxes and import
    "&Remove mailbox…": "Odeb&rat schránku…",
    "Forget the mailbox and its mail in Holub (the server keeps it)": (
        "Zapomenout schránku a její poštu v Holubovi (server ji ponechá)"
    ),
    "&Import mail…": "&Importovat poštu…",
    "Import an mbox file or .eml messages": "Importovat soubor mbox nebo zprávy .eml",
    "Import a &folder of .eml files…": "Importovat &složku souborů .eml…",
    "Remove mailbox": "Odebrat schránku",
    "Remove": "Odebrat",
    "Remove %1 from Holub?\n\nHolub forgets its mail, filings and settings on this computer. "
    "Nothing changes on the server: adding the mailbox again brings the mail back.": (
        "Odebrat %1 z Holuba?\n\nHolub zapomene její poštu, zařazení a nastavení na tomto "
        "počítači. Na serveru se nic nezmění: po opětovném přidání schránky se pošta vrátí."
    ),
    "Import mail": "Import pošty",
    "Mail (*.mbox *.mbx *.eml *.msg)": "Pošta (*.mbox *.mbx *.eml *.msg)",
    "All files (*)": "Všechny soubory (*)",
    "%1 removed from Holub; its mail is still on the server.": (
        "%1 odebrána z Holuba; její pošta zůstává na serveru."
    ),
    "Importing %1…": "Importuji %1…",
    "%n message(s) imported.": (
        "Importována %n zpráva.",
        "Importovány %n zprávy.",
        "Importováno %n zpráv.",
    ),
    # CRM views
    "New company…": "Nová firma…",
    "New project…": "Nový projekt…",
    "New task…": "Nový úkol…",
    "New company": "Nová firma",
    "New project": "Nový projekt",
    "New task": "Nový úkol",
    # suggestions above the reader
    "Suggested:": "Návrhy:",
    "File the message here (the other suggestions are dismissed)": (
        "Zařadit zprávu sem (ostatní návrhy se zamítnou)"
    ),
    "Dismiss": "Zamítnout",
    "Forget these suggestions": "Zapomenout tyto návrhy",
    "Choose a mailbox in the folder list first": "Nejdřív vyberte schránku v seznamu složek",
}
