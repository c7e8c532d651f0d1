"""Czech for the main window's parts (merged by scripts/update_translations.py)."""

from __future__ import annotations

WINDOW_CZECH: dict[str, str | tuple[str, str, str]] = {
    # the commonest failures (desktop/ui/error_text.py)
    "Connection refused by the IMAP server %1. Check the server and port.": (
        "IMAP server %1 odmítl spojení. Zkontrolujte server a port."
    ),
    "Connection refused by the SMTP server %1. Check the server and port.": (
        "SMTP server %1 odmítl spojení. Zkontrolujte server a port."
    ),
    "The IMAP server %1 did not answer in time (timeout).": (
        "IMAP server %1 neodpověděl včas (vypršel časový limit)."
    ),
    "The SMTP server %1 did not answer in time (timeout).": (
        "SMTP server %1 neodpověděl včas (vypršel časový limit)."
    ),
    "The connection to the IMAP server %1 was lost: %2.": (
        "Spojení s IMAP serverem %1 se přerušilo: %2."
    ),
    "The connection to the SMTP server %1 was lost: %2.": (
        "Spojení se SMTP serverem %1 se přerušilo: %2."
    ),
    "Cannot reach the IMAP server %1: %2.": "IMAP server %1 není dostupný: %2.",
    "Cannot reach the SMTP server %1: %2.": "SMTP server %1 není dostupný: %2.",
    "TLS with the IMAP server %1 failed: %2.": (
        "Šifrované spojení (TLS) s IMAP serverem %1 selhalo: %2."
    ),
    "TLS with the SMTP server %1 failed: %2.": (
        "Šifrované spojení (TLS) se SMTP serverem %1 selhalo: %2."
    ),
    "The IMAP server %1 presented a certificate that is not trusted (%2). If the server "
    "uses a certificate of its own, choose its CA certificate file in Add mailbox.": (
        "IMAP server %1 se prokázal certifikátem, kterému nelze důvěřovat (%2). Pokud server "
        "používá vlastní certifikát, zvolte jeho soubor certifikátu CA v Přidat schránku."
    ),
    "The SMTP server %1 presented a certificate that is not trusted (%2). If the server "
    "uses a certificate of its own, choose its CA certificate file in Add mailbox.": (
        "SMTP server %1 se prokázal certifikátem, kterému nelze důvěřovat (%2). Pokud server "
        "používá vlastní certifikát, zvolte jeho soubor certifikátu CA v Přidat schránku."
    ),
    "Unknown host: %1 (the IMAP server name could not be found).": (
        "Neznámý server: %1 (název IMAP serveru se nepodařilo najít)."
    ),
    "Unknown host: %1 (the SMTP server name could not be found).": (
        "Neznámý server: %1 (název SMTP serveru se nepodařilo najít)."
    ),
    "The connection to the IMAP server %1 was lost during the sync (it will be resumed "
    "next time).": (
        "Spojení s IMAP serverem %1 se během synchronizace přerušilo (příště bude pokračovat)."
    ),
    "The IMAP server %1 answered with an error: %2": "IMAP server %1 odpověděl chybou: %2",
    "The IMAP server refused the login for %1: wrong user name or password (with "
    "two-factor sign-in use an app password).": (
        "IMAP server odmítl přihlášení %1: špatné uživatelské jméno nebo heslo (při "
        "dvoufázovém ověření použijte heslo pro aplikace)."
    ),
    "The SMTP server refused the login for %1: %2. Check the user name and password.": (
        "SMTP server odmítl přihlášení %1: %2. Zkontrolujte uživatelské jméno a heslo."
    ),
    "The server's certificate has changed since you trusted it (now %1). Check with your "
    "mail provider before trusting it again.": (
        "Certifikát serveru se změnil od chvíle, kdy jste mu důvěřovali (nyní %1). Než mu "
        "znovu uvěříte, ověřte to u svého poskytovatele pošty."
    ),
    "The Microsoft sign-in is no longer valid; sign in again.": (
        "Přihlášení k Microsoftu už neplatí; přihlaste se znovu."
    ),
    "Google refused Holub's refreshed sign-in for this mailbox; sign in again.": (
        "Google odmítl obnovené přihlášení Holuba k této schránce; přihlaste se znovu."
    ),
    "Microsoft Graph refused the refreshed sign-in; sign in again.": (
        "Microsoft Graph odmítl obnovené přihlášení; přihlaste se znovu."
    ),
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
