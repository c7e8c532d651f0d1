<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="cs_CZ">
<context>
    <name />
    <message>
        <location filename="../../desktop/ui/sharing/tree.py" line="27" />
        <source>Read+Write</source>
        <translation>Čtení a zápis</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sharing/tree.py" line="27" />
        <source>Read</source>
        <translation>Čtení</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sharing/tree.py" line="38" />
        <source>Shared with me</source>
        <translation>Sdíleno se mnou</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sharing/tree.py" line="41" />
        <source>Mailboxes colleagues shared with you through Caflou</source>
        <translation>Schránky, které s vámi kolegové sdílejí přes Caflou</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sharing/tree.py" line="53" />
        <source>Shared by %1; you can only read it</source>
        <translation>Sdílí %1; můžete ji jen číst</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sharing/tree.py" line="55" />
        <source>Shared by %1; you can read and act on it</source>
        <translation>Sdílí %1; můžete ji číst i s ní pracovat</translation>
    </message>
</context>
<context>
    <name>AccountDialog</name>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="122" />
        <source>Google</source>
        <translation>Google</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="123" />
        <source>Sign in with Google</source>
        <translation>Přihlásit se přes Google</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="127" />
        <source>Outlook 365</source>
        <translation>Outlook 365</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="128" />
        <source>Sign in with Microsoft</source>
        <translation>Přihlásit se přes Microsoft</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="130" />
        <source>IMAP</source>
        <translation>IMAP</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="243" />
        <source>Add mailbox</source>
        <translation>Přidat schránku</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="262" />
        <source>Holub imports existing mail from the last 7 days at most (from %1); older mail stays on the server. New mail always arrives.</source>
        <translation>Holub importuje existující poštu nejvýše za posledních 7 dní (od %1); starší pošta zůstává na serveru. Nová pošta přichází vždy.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="285" />
        <source>the e-mail address, if empty</source>
        <translation>e-mailová adresa, pokud je prázdné</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="289" />
        <source>only for servers with their own certificate</source>
        <translation>jen pro servery s vlastním certifikátem</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="290" />
        <source>Browse…</source>
        <translation>Procházet…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="304" />
        <source>File e-mail under CRM objects automatically</source>
        <translation>Automaticky párovat e-maily s CRM</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="306" />
        <source>Suggest CRM objects (signals)</source>
        <translation>Navrhovat objekty CRM (signály)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="308" />
        <source>Show a snippet in the message list</source>
        <translation>Zobrazit v seznamu zpráv úryvek</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="322" />
        <source>Cancel sign-in</source>
        <translation>Zrušit přihlášení</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="326" />
        <source>Sign in on another device with a code</source>
        <translation>Přihlásit se na jiném zařízení pomocí kódu</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="332" />
        <source>Sign-in</source>
        <translation>Přihlášení</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="348" />
        <source>Mailbox type:</source>
        <translation>Typ schránky:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="349" />
        <source>Connection name:</source>
        <translation>Název připojení:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="350" />
        <source>E-mail address:</source>
        <translation>E-mailová adresa:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="351" />
        <source>Sender name:</source>
        <translation>Jméno odesílatele:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="352" />
        <source>Import e-mails from:</source>
        <translation>Importovat e-maily od:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="355" />
        <source>Servers</source>
        <translation>Servery</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="363" />
        <source>CA certificate file:</source>
        <translation>Soubor certifikátu CA:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="429" />
        <source>Waiting for the sign-in in the browser…</source>
        <translation>Čekám na přihlášení v prohlížeči…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="438" />
        <source>The sign-in was cancelled.</source>
        <translation>Přihlášení bylo zrušeno.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="451" />
        <source>Signed in as %1.</source>
        <translation>Přihlášeno jako %1.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="454" />
        <source>Save adds the mailbox.</source>
        <translation>Uložením se schránka přidá.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="499" />
        <source>Looking up the servers of %1…</source>
        <translation>Hledám servery domény %1…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="515" />
        <source>No server settings published for this domain: check the servers below.</source>
        <translation>Tato doména nezveřejňuje nastavení serverů: zkontrolujte servery níže.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="524" />
        <source>Servers found in the domain's DNS records (RFC 6186).</source>
        <translation>Servery nalezeny v záznamech DNS domény (RFC 6186).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="526" />
        <source>Server settings for %1 filled in.</source>
        <translation>Nastavení serverů pro %1 je vyplněno.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="529" />
        <source>Choosing %1 as the mailbox type signs in through the browser, without an app password.</source>
        <translation>Typ schránky %1 se přihlašuje přes prohlížeč, bez hesla pro aplikace.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="577" />
        <source>CA certificate file</source>
        <translation>Soubor certifikátu CA</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="580" />
        <source>Certificates (*.pem *.crt *.cer)</source>
        <translation>Certifikáty (*.pem *.crt *.cer)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="580" />
        <source>All files (*)</source>
        <translation>Všechny soubory (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="612" />
        <source>Enter the mailbox's e-mail address.</source>
        <translation>Zadejte e-mailovou adresu schránky.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="615" />
        <source>Enter the IMAP and SMTP servers.</source>
        <translation>Zadejte servery IMAP a SMTP.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="621" />
        <source>Signing in to the IMAP and SMTP servers…</source>
        <translation>Přihlašuji se k serverům IMAP a SMTP…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="627" />
        <source>Sign in first.</source>
        <translation>Nejprve se přihlaste.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="637" />
        <source>Checking the sign-in with the provider…</source>
        <translation>Ověřuji přihlášení u poskytovatele…</translation>
    </message>
</context>
<context>
    <name>ActionRow</name>
    <message>
        <location filename="../../desktop/ui/rules/editor.py" line="73" />
        <source>Remove</source>
        <translation>Odebrat</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/rules/editor.py" line="87" />
        <source>label name</source>
        <translation>název štítku</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/rules/editor.py" line="88" />
        <source>folder name</source>
        <translation>název složky</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/rules/editor.py" line="89" />
        <source>directory</source>
        <translation>adresář</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/rules/editor.py" line="90" />
        <source>e-mail address</source>
        <translation>e-mailová adresa</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/rules/editor.py" line="91" />
        <source>template name</source>
        <translation>název šablony</translation>
    </message>
</context>
<context>
    <name>Actions</name>
    <message>
        <location filename="../../desktop/ui/actions.py" line="37" />
        <source>&amp;File</source>
        <translation>&amp;Soubor</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="38" />
        <source>&amp;Edit</source>
        <translation>Úpr&amp;avy</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="39" />
        <source>&amp;Message</source>
        <translation>&amp;Zpráva</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="40" />
        <source>&amp;View</source>
        <translation>&amp;Zobrazení</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="41" />
        <source>&amp;Help</source>
        <translation>&amp;Nápověda</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="45" />
        <source>&amp;New message</source>
        <translation>&amp;Nová zpráva</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="46" />
        <source>&amp;Add mailbox…</source>
        <translation>Přid&amp;at schránku…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="50" />
        <source>&amp;Mailbox settings…</source>
        <translation>Nastavení &amp;schránky…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="52" />
        <source>Settings of the current mailbox</source>
        <translation>Nastavení zobrazené schránky</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="58" />
        <source>&amp;Remove mailbox…</source>
        <translation>Odeb&amp;rat schránku…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="60" />
        <source>Forget the mailbox and its mail in Holub (the server keeps it)</source>
        <translation>Zapomenout schránku a její poštu v Holubovi (server ji ponechá)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="68" />
        <source>&amp;Import mail…</source>
        <translation>&amp;Importovat poštu…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="70" />
        <source>Import an mbox file or .eml messages</source>
        <translation>Importovat soubor mbox nebo zprávy .eml</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="75" />
        <source>Import a &amp;folder of .eml files…</source>
        <translation>Importovat &amp;složku souborů .eml…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="77" />
        <source>Open the &amp;demo</source>
        <translation>Otevřít &amp;ukázku</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="78" />
        <source>&amp;Settings…</source>
        <translation>&amp;Nastavení…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="79" />
        <source>&amp;Quit</source>
        <translation>&amp;Ukončit</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="80" />
        <source>&amp;Undo</source>
        <translation>&amp;Zpět</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="81" />
        <source>&amp;Search</source>
        <translation>&amp;Hledat</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="83" />
        <source>&amp;Reply</source>
        <translation>&amp;Odpovědět</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="88" />
        <source>Reply &amp;all</source>
        <translation>Odpovědět &amp;všem</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="93" />
        <source>&amp;Forward</source>
        <translation>&amp;Přeposlat</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="98" />
        <source>Forward as a&amp;ttachment</source>
        <translation>Přeposlat jako příl&amp;ohu</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="105" />
        <source>&amp;Delete</source>
        <translation>O&amp;dstranit</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="107" />
        <source>Hide the message in Holub (nothing changes on the server)</source>
        <translation>Skrýt zprávu v Holubovi (na serveru se nic nezmění)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="113" />
        <source>Mark as r&amp;ead</source>
        <translation>Označit jako př&amp;ečtené</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="120" />
        <source>Mark as &amp;unread</source>
        <translation>Označit jako &amp;nepřečtené</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="124" />
        <source>S&amp;tar</source>
        <translation>Ozna&amp;čit hvězdičkou</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="128" />
        <source>F&amp;ile under…</source>
        <translation>Zařad&amp;it k…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="130" />
        <source>File the message under a company, project or task</source>
        <translation>Zařadit zprávu k firmě, projektu nebo úkolu</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="136" />
        <source>Create a company from the message…</source>
        <translation>Vytvořit ze zprávy firmu…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="143" />
        <source>Create a project from the message…</source>
        <translation>Vytvořit ze zprávy projekt…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="150" />
        <source>Create a task from the message…</source>
        <translation>Vytvořit ze zprávy úkol…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="157" />
        <source>Re&amp;store</source>
        <translation>O&amp;bnovit zprávu</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="159" />
        <source>Show the hidden message in its folder again</source>
        <translation>Znovu zobrazit skrytou zprávu v její složce</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="165" />
        <source>Deleted in &amp;Holub</source>
        <translation>Smazané v &amp;Holubovi</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="167" />
        <source>Messages hidden in Holub (still on the server)</source>
        <translation>Zprávy skryté v Holubovi (na serveru zůstávají)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="169" />
        <source>&amp;Refresh</source>
        <translation>&amp;Obnovit</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="170" />
        <source>&amp;Next message</source>
        <translation>&amp;Další zpráva</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="172" />
        <source>&amp;Previous message</source>
        <translation>&amp;Předchozí zpráva</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="177" />
        <source>Group by &amp;conversation</source>
        <translation>Seskupit podle &amp;konverzace</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="181" />
        <source>&amp;Outbox</source>
        <translation>&amp;K odeslání</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="182" />
        <source>&amp;About Holub</source>
        <translation>&amp;O Holubovi</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="275" />
        <source>Open a folder to act on its messages</source>
        <translation>Otevřete složku, ať můžete pracovat s jejími zprávami</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="276" />
        <source>Select a message in the list first</source>
        <translation>Nejdřív vyberte zprávu v seznamu</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="277" />
        <source>The message is already hidden in Holub; Restore brings it back</source>
        <translation>Zpráva už je v Holubovi skrytá; Obnovit zprávu ji vrátí</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="280" />
        <source>Only for messages in “Deleted in Holub”</source>
        <translation>Jen pro zprávy ve složce „Smazané v Holubovi“</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="281" />
        <source>Nothing to undo</source>
        <translation>Není co vrátit</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="282" />
        <source>Add a mailbox first</source>
        <translation>Nejdřív přidejte schránku</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="283" />
        <source>Choose a mailbox in the folder list first</source>
        <translation>Nejdřív vyberte schránku v seznamu složek</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="284" />
        <source>The mailbox is shared with you to read only</source>
        <translation>Schránka je s vámi sdílena jen ke čtení</translation>
    </message>
</context>
<context>
    <name>AppPasswordHint</name>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="71" />
        <source>With two-factor authentication switched on, use an app password created in your provider's security settings.</source>
        <translation>Máte-li zapnuté dvoufázové ověření, použijte heslo aplikace vytvořené v nastavení zabezpečení u svého poskytovatele.</translation>
    </message>
</context>
<context>
    <name>ComposeWindow</name>
    <message>
        <location filename="../../desktop/ui/compose/window.py" line="61" />
        <source>On {date}, {sender} wrote:</source>
        <translation>Dne {date} napsal(a) {sender}:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/window.py" line="62" />
        <source>---------- Forwarded message ----------</source>
        <translation>---------- Přeposlaná zpráva ----------</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/window.py" line="63" />
        <source>From</source>
        <translation>Od</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/window.py" line="64" />
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/window.py" line="65" />
        <source>Subject</source>
        <translation>Předmět</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/window.py" line="66" />
        <source>To</source>
        <translation>Komu</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/window.py" line="67" />
        <source>Cc</source>
        <translation>Kopie</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/window.py" line="178" />
        <source>name@example.com, another@example.com</source>
        <extracomment>outbox id, final state ("sent" | "failed"), error text</extracomment>
        <translation>jmeno@example.com, dalsi@example.com</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/window.py" line="179" />
        <source>From:</source>
        <translation>Od:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/window.py" line="180" />
        <source>To:</source>
        <translation>Komu:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/window.py" line="181" />
        <source>Cc:</source>
        <translation>Kopie:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/window.py" line="182" />
        <source>Bcc:</source>
        <translation>Skrytá kopie:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/window.py" line="183" />
        <source>Subject:</source>
        <translation>Předmět:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/window.py" line="208" />
        <source>Attach…</source>
        <translation>Přiložit…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/window.py" line="209" />
        <source>Remove</source>
        <translation>Odebrat</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/window.py" line="224" />
        <source>Send</source>
        <translation>Odeslat</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/window.py" line="226" />
        <location filename="../../desktop/ui/compose/window.py" line="565" />
        <source>Send (Ctrl+Enter)</source>
        <translation>Odeslat (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/window.py" line="228" />
        <source>Retry</source>
        <translation>Zkusit znovu</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/window.py" line="231" />
        <source>Edit</source>
        <translation>Upravit</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/window.py" line="233" />
        <source>Take the message back from the Outbox to change it (e.g. an address)</source>
        <translation>Vzít zprávu zpět ze složky K odeslání a upravit ji (např. adresu)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/window.py" line="260" />
        <source>Formatting</source>
        <translation>Formátování</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/window.py" line="261" />
        <source>Bold</source>
        <translation>Tučně</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/window.py" line="265" />
        <source>Italic</source>
        <translation>Kurzíva</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/window.py" line="269" />
        <source>Link…</source>
        <translation>Odkaz…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/window.py" line="272" />
        <source>Bulleted list</source>
        <translation>Odrážky</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/window.py" line="276" />
        <source>Numbered list</source>
        <translation>Číslovaný seznam</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/window.py" line="326" />
        <source>Insert link</source>
        <translation>Vložit odkaz</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/window.py" line="327" />
        <source>Address (URL):</source>
        <translation>Adresa (URL):</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/window.py" line="359" />
        <source>Attach files</source>
        <translation>Přiložit soubory</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/window.py" line="471" />
        <source>Close</source>
        <translation>Zavřít</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/window.py" line="472" />
        <source>Keep this message in Drafts?</source>
        <translation>Ponechat tuto zprávu v konceptech?</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/window.py" line="479" />
        <source>Keep in Drafts</source>
        <translation>Ponechat v konceptech</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/window.py" line="480" />
        <source>Discard</source>
        <translation>Zahodit</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/window.py" line="517" />
        <source>Add mailbox…</source>
        <translation>Přidat schránku…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/window.py" line="533" />
        <source>%1 holds imported mail only</source>
        <translation>%1 obsahuje jen importovanou poštu</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/window.py" line="536" />
        <source>%1 has no outgoing (SMTP) server set</source>
        <translation>%1 nemá nastavený server odchozí pošty (SMTP)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/window.py" line="539" />
        <source>No mailbox can send: %1. Add one that can.</source>
        <translation>Žádná schránka nemůže odesílat: %1. Přidejte schránku, která může.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/window.py" line="543" />
        <source>There is no mailbox to send from yet. Add one to send this message.</source>
        <translation>Zatím nemáte schránku, ze které lze odesílat. Přidejte ji a zprávu odešlete.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/window.py" line="574" />
        <source>(no subject)</source>
        <translation>(bez předmětu)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/window.py" line="575" />
        <source>Compose: {subject}</source>
        <translation>Nová zpráva: {subject}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/window.py" line="614" />
        <source>Choose the mailbox to send from.</source>
        <translation>Vyberte schránku, ze které se má odeslat.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/window.py" line="644" />
        <location filename="../../desktop/ui/compose/window.py" line="662" />
        <source>Sending…</source>
        <translation>Odesílám…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/window.py" line="690" />
        <source>Sent.</source>
        <translation>Odesláno.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/window.py" line="695" />
        <source>Not sent: {error}. The message waits in the Outbox.</source>
        <translation>Neodesláno: {error}. Zpráva čeká ve složce K odeslání.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/window.py" line="696" />
        <source>unknown error</source>
        <translation>neznámá chyba</translation>
    </message>
</context>
<context>
    <name>ConnectionForm</name>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="84" />
        <source>IMAP server:</source>
        <translation>Server IMAP:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="85" />
        <source>IMAP port:</source>
        <translation>Port IMAP:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="86" />
        <source>IMAP login method:</source>
        <translation>Způsob přihlášení k IMAP:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="87" />
        <source>SMTP server:</source>
        <translation>Server SMTP:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="88" />
        <source>SMTP port:</source>
        <translation>Port SMTP:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="89" />
        <source>SMTP login method:</source>
        <translation>Způsob přihlášení k SMTP:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="90" />
        <source>Login:</source>
        <translation>Přihlašovací jméno:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="91" />
        <source>Password:</source>
        <translation>Heslo:</translation>
    </message>
</context>
<context>
    <name>CreateObjectDialog</name>
    <message>
        <location filename="../../desktop/ui/crm/create.py" line="32" />
        <source>New company from this e-mail</source>
        <translation>Nová firma z tohoto e-mailu</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/create.py" line="33" />
        <source>New contact from this e-mail</source>
        <translation>Nový kontakt z tohoto e-mailu</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/create.py" line="34" />
        <source>New project from this e-mail</source>
        <translation>Nový projekt z tohoto e-mailu</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/create.py" line="35" />
        <source>New task from this e-mail</source>
        <translation>Nový úkol z tohoto e-mailu</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/create.py" line="41" />
        <source>Name</source>
        <translation>Název</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/create.py" line="44" />
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/create.py" line="50" />
        <location filename="../../desktop/ui/crm/create.py" line="60" />
        <source>(none)</source>
        <translation>(žádná)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/create.py" line="56" />
        <source>Company</source>
        <translation>Firma</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/create.py" line="66" />
        <source>Project</source>
        <translation>Projekt</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/create.py" line="69" />
        <source>File this e-mail under it</source>
        <translation>Zařadit pod něj tento e-mail</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/create.py" line="72" />
        <source>Create</source>
        <translation>Vytvořit</translation>
    </message>
</context>
<context>
    <name>CrmLoginDialog</name>
    <message>
        <location filename="../../desktop/ui/crm/login.py" line="50" />
        <source>Connect Caflou</source>
        <translation>Připojit Caflou</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/login.py" line="56" />
        <source>only with two-factor sign-in</source>
        <translation>jen při dvoufázovém přihlášení</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/login.py" line="58" />
        <source>Account</source>
        <translation>Účet</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/login.py" line="62" />
        <source>Caflou address</source>
        <translation>Adresa Caflou</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/login.py" line="63" />
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/login.py" line="64" />
        <source>Password</source>
        <translation>Heslo</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/login.py" line="65" />
        <source>Two-factor code</source>
        <translation>Dvoufázový kód</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/login.py" line="68" />
        <source>Sign in</source>
        <translation>Přihlásit</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/login.py" line="95" />
        <source>Signing in and reading the CRM…</source>
        <translation>Přihlašuji a načítám CRM…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/login.py" line="128" />
        <source>Choose the account Holub should use.</source>
        <translation>Vyberte účet, který má Holub používat.</translation>
    </message>
</context>
<context>
    <name>CrmMenu</name>
    <message>
        <location filename="../../desktop/ui/crm/crm_menu.py" line="77" />
        <source>C&amp;RM</source>
        <translation>C&amp;RM</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/crm_menu.py" line="78" />
        <source>&amp;Connect Caflou…</source>
        <translation>&amp;Připojit Caflou…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/crm_menu.py" line="79" />
        <source>&amp;Pull now</source>
        <translation>&amp;Načíst teď</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/crm_menu.py" line="80" />
        <source>&amp;Disconnect</source>
        <translation>&amp;Odpojit</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/crm_menu.py" line="88" />
        <source>Read companies, projects and tasks again</source>
        <translation>Znovu načíst firmy, projekty a úkoly</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/crm_menu.py" line="90" />
        <source>Forget the Caflou account %1; Holub uses its local CRM</source>
        <translation>Zapomenout účet Caflou %1; Holub použije své místní CRM</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/crm_menu.py" line="95" />
        <source>Connect Caflou first</source>
        <translation>Nejprve připojte Caflou</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/crm_menu.py" line="121" />
        <source>Caflou is connected</source>
        <translation>Caflou je připojeno</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/crm_menu.py" line="129" />
        <source>Reading the CRM…</source>
        <translation>Načítám CRM…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/crm_menu.py" line="134" />
        <source>The CRM is read</source>
        <translation>CRM je načteno</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/crm_menu.py" line="143" />
        <source>Reading the CRM failed: %1</source>
        <translation>Načtení CRM selhalo: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/crm_menu.py" line="153" />
        <source>Disconnect Caflou</source>
        <translation>Odpojit Caflou</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/crm_menu.py" line="155" />
        <source>Forget the Caflou account of %1? Holub keeps your mail and filings and uses its local CRM; nothing is deleted in Caflou.</source>
        <translation>Zapomenout účet Caflou uživatele %1? Holub si ponechá vaši poštu i zařazení a použije své místní CRM; v Caflou se nic nesmaže.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/crm_menu.py" line="176" />
        <source>Caflou is disconnected</source>
        <translation>Caflou je odpojeno</translation>
    </message>
</context>
<context>
    <name>CrmObjectView</name>
    <message>
        <location filename="../../desktop/ui/crm/object_view.py" line="89" />
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/object_view.py" line="89" />
        <source>From</source>
        <translation>Od</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/object_view.py" line="89" />
        <source>Subject</source>
        <translation>Předmět</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/object_view.py" line="89" />
        <source>Filed by</source>
        <translation>Zařadil(a)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/object_view.py" line="111" />
        <source>Remove from this company</source>
        <translation>Odebrat z této firmy</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/object_view.py" line="112" />
        <source>Remove from this project</source>
        <translation>Odebrat z tohoto projektu</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/object_view.py" line="113" />
        <source>Remove from this task</source>
        <translation>Odebrat z tohoto úkolu</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/object_view.py" line="128" />
        <source>Details</source>
        <translation>Podrobnosti</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/object_view.py" line="129" />
        <source>E-mails</source>
        <translation>E-maily</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/object_view.py" line="142" />
        <source>Search by name or #id</source>
        <translation>Hledat podle názvu nebo #id</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/object_view.py" line="154" />
        <source>New company…</source>
        <translation>Nová firma…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/object_view.py" line="155" />
        <source>New project…</source>
        <translation>Nový projekt…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/object_view.py" line="156" />
        <source>New task…</source>
        <translation>Nový úkol…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/object_view.py" line="236" />
        <source>(not in the CRM)</source>
        <translation>(v CRM není)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/object_view.py" line="252" />
        <source>you</source>
        <translation>vy</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/object_view.py" line="267" />
        <source>E-mails (%1)</source>
        <translation>E-maily (%1)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/object_view.py" line="297" />
        <source>Filed by %1 in the CRM</source>
        <translation>V CRM zařadil(a) %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/object_view.py" line="302" />
        <source>Colleagues' e-mails are hidden: the CRM gives you no right to read them.</source>
        <translation>E-maily kolegů jsou skryté: CRM vám nedává právo je číst.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/object_view.py" line="307" />
        <source>Colleagues' e-mails could not be read: %1</source>
        <translation>E-maily kolegů se nepodařilo načíst: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/object_view.py" line="321" />
        <source>Id</source>
        <translation>Id</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/object_view.py" line="325" />
        <location filename="../../desktop/ui/crm/object_view.py" line="336" />
        <source>Name</source>
        <translation>Název</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/object_view.py" line="329" />
        <location filename="../../desktop/ui/crm/object_view.py" line="338" />
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/object_view.py" line="333" />
        <source>Contacts</source>
        <translation>Kontakty</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/object_view.py" line="339" />
        <source>Add contact</source>
        <translation>Přidat kontakt</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/object_view.py" line="349" />
        <source>Project</source>
        <translation>Projekt</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/object_view.py" line="353" />
        <source>Company</source>
        <translation>Firma</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/object_view.py" line="358" />
        <source>Save</source>
        <translation>Uložit</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/object_view.py" line="359" />
        <source>Delete</source>
        <translation>Smazat</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/object_view.py" line="379" />
        <location filename="../../desktop/ui/crm/object_view.py" line="397" />
        <source>Due date</source>
        <translation>Termín</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/object_view.py" line="380" />
        <location filename="../../desktop/ui/crm/object_view.py" line="400" />
        <source>State</source>
        <translation>Stav</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/object_view.py" line="381" />
        <location filename="../../desktop/ui/crm/object_view.py" line="407" />
        <source>Assignee</source>
        <translation>Řešitel</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/object_view.py" line="383" />
        <source>Due</source>
        <translation>Termín</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/object_view.py" line="398" />
        <source>Done</source>
        <translation>Splněno</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/object_view.py" line="402" />
        <source>Nobody</source>
        <translation>Nikdo</translation>
    </message>
</context>
<context>
    <name>DraftsView</name>
    <message>
        <location filename="../../desktop/ui/compose/drafts_view.py" line="35" />
        <source>Drafts</source>
        <translation>Koncepty</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/drafts_view.py" line="37" />
        <source>Mailbox</source>
        <translation>Schránka</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/drafts_view.py" line="37" />
        <source>To</source>
        <translation>Komu</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/drafts_view.py" line="37" />
        <source>Subject</source>
        <translation>Předmět</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/drafts_view.py" line="37" />
        <source>Edited</source>
        <translation>Upraveno</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/drafts_view.py" line="43" />
        <source>Open</source>
        <translation>Otevřít</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/drafts_view.py" line="44" />
        <source>Go on writing this message</source>
        <translation>Pokračovat v psaní této zprávy</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/drafts_view.py" line="46" />
        <source>Discard</source>
        <translation>Zahodit</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/drafts_view.py" line="47" />
        <source>Delete the draft without sending it</source>
        <translation>Smazat koncept bez odeslání</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/drafts_view.py" line="49" />
        <source>No drafts.</source>
        <translation>Žádné koncepty.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/drafts_view.py" line="73" />
        <location filename="../../desktop/ui/compose/drafts_view.py" line="113" />
        <source>(no subject)</source>
        <translation>(bez předmětu)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/drafts_view.py" line="111" />
        <source>Discard draft</source>
        <translation>Zahodit koncept</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/drafts_view.py" line="112" />
        <source>Discard the draft “{subject}”? It cannot be brought back.</source>
        <translation>Zahodit koncept „{subject}“? Vrátit to nepůjde.</translation>
    </message>
</context>
<context>
    <name>ErrorText</name>
    <message>
        <location filename="../../desktop/ui/error_text.py" line="27" />
        <source>Connection refused by the IMAP server %1. Check the server and port.</source>
        <translation>IMAP server %1 odmítl spojení. Zkontrolujte server a port.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/error_text.py" line="30" />
        <source>Connection refused by the SMTP server %1. Check the server and port.</source>
        <translation>SMTP server %1 odmítl spojení. Zkontrolujte server a port.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/error_text.py" line="35" />
        <source>The IMAP server %1 did not answer in time (timeout).</source>
        <translation>IMAP server %1 neodpověděl včas (vypršel časový limit).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/error_text.py" line="38" />
        <source>The SMTP server %1 did not answer in time (timeout).</source>
        <translation>SMTP server %1 neodpověděl včas (vypršel časový limit).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/error_text.py" line="43" />
        <source>The connection to the IMAP server %1 was lost: %2.</source>
        <translation>Spojení s IMAP serverem %1 se přerušilo: %2.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/error_text.py" line="46" />
        <source>The connection to the SMTP server %1 was lost: %2.</source>
        <translation>Spojení se SMTP serverem %1 se přerušilo: %2.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/error_text.py" line="51" />
        <source>Cannot reach the IMAP server %1: %2.</source>
        <translation>IMAP server %1 není dostupný: %2.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/error_text.py" line="52" />
        <source>Cannot reach the SMTP server %1: %2.</source>
        <translation>SMTP server %1 není dostupný: %2.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/error_text.py" line="55" />
        <source>TLS with the IMAP server %1 failed: %2.</source>
        <translation>Šifrované spojení (TLS) s IMAP serverem %1 selhalo: %2.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/error_text.py" line="56" />
        <source>TLS with the SMTP server %1 failed: %2.</source>
        <translation>Šifrované spojení (TLS) se SMTP serverem %1 selhalo: %2.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/error_text.py" line="59" />
        <source>The IMAP server %1 presented a certificate that is not trusted (%2). If the server uses a certificate of its own, choose its CA certificate file in Add mailbox.</source>
        <translation>IMAP server %1 se prokázal certifikátem, kterému nelze důvěřovat (%2). Pokud server používá vlastní certifikát, zvolte jeho soubor certifikátu CA v Přidat schránku.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/error_text.py" line="65" />
        <source>The SMTP server %1 presented a certificate that is not trusted (%2). If the server uses a certificate of its own, choose its CA certificate file in Add mailbox.</source>
        <translation>SMTP server %1 se prokázal certifikátem, kterému nelze důvěřovat (%2). Pokud server používá vlastní certifikát, zvolte jeho soubor certifikátu CA v Přidat schránku.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/error_text.py" line="74" />
        <source>Unknown host: %1 (the IMAP server name could not be found).</source>
        <translation>Neznámý server: %1 (název IMAP serveru se nepodařilo najít).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/error_text.py" line="77" />
        <source>Unknown host: %1 (the SMTP server name could not be found).</source>
        <translation>Neznámý server: %1 (název SMTP serveru se nepodařilo najít).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/error_text.py" line="107" />
        <source>The connection to the IMAP server %1 was lost during the sync (it will be resumed next time).</source>
        <translation>Spojení s IMAP serverem %1 se během synchronizace přerušilo (příště bude pokračovat).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/error_text.py" line="118" />
        <source>The IMAP server %1 answered with an error: %2</source>
        <translation>IMAP server %1 odpověděl chybou: %2</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/error_text.py" line="153" />
        <source>The IMAP server refused the login for %1: wrong user name or password (with two-factor sign-in use an app password).</source>
        <translation>IMAP server odmítl přihlášení %1: špatné uživatelské jméno nebo heslo (při dvoufázovém ověření použijte heslo pro aplikace).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/error_text.py" line="166" />
        <source>The SMTP server refused the login for %1: %2. Check the user name and password.</source>
        <translation>SMTP server odmítl přihlášení %1: %2. Zkontrolujte uživatelské jméno a heslo.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/error_text.py" line="179" />
        <source>The server's certificate has changed since you trusted it (now %1). Check with your mail provider before trusting it again.</source>
        <translation>Certifikát serveru se změnil od chvíle, kdy jste mu důvěřovali (nyní %1). Než mu znovu uvěříte, ověřte to u svého poskytovatele pošty.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/error_text.py" line="187" />
        <source>The Microsoft sign-in is no longer valid; sign in again.</source>
        <translation>Přihlášení k Microsoftu už neplatí; přihlaste se znovu.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/error_text.py" line="193" />
        <source>Google refused Holub's refreshed sign-in for this mailbox; sign in again.</source>
        <translation>Google odmítl obnovené přihlášení Holuba k této schránce; přihlaste se znovu.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/error_text.py" line="199" />
        <source>Microsoft Graph refused the refreshed sign-in; sign in again.</source>
        <translation>Microsoft Graph odmítl obnovené přihlášení; přihlaste se znovu.</translation>
    </message>
</context>
<context>
    <name>FilePickerDialog</name>
    <message>
        <location filename="../../desktop/ui/crm/picker.py" line="40" />
        <source>File under…</source>
        <translation>Zařadit pod…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/picker.py" line="43" />
        <source>Company, project or task name or #id</source>
        <translation>Název firmy, projektu či úkolu nebo #id</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/picker.py" line="46" />
        <source>Everything</source>
        <translation>Vše</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/picker.py" line="51" />
        <source>File</source>
        <translation>Zařadit</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/crm/picker.py" line="57" />
        <source>File %n message(s) under:</source>
        <translation>
            <numerusform>Zařadit %n zprávu pod:</numerusform>
            <numerusform>Zařadit %n zprávy pod:</numerusform>
            <numerusform>Zařadit %n zpráv pod:</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/picker.py" line="110" />
        <source>Filing…</source>
        <translation>Zařazování…</translation>
    </message>
</context>
<context>
    <name>FilingChips</name>
    <message>
        <location filename="../../desktop/ui/crm/chips.py" line="103" />
        <source>%1 #%2 — click to remove this filing</source>
        <translation>%1 #%2 — kliknutím zařazení odeberete</translation>
    </message>
</context>
<context>
    <name>FolderTreeModel</name>
    <message>
        <location filename="../../desktop/ui/folder_tree.py" line="138" />
        <location filename="../../desktop/ui/folder_tree.py" line="142" />
        <source>Inbox</source>
        <translation>Doručená pošta</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/folder_tree.py" line="158" />
        <source>%1: the sign-in expired or was revoked. Sign in again.</source>
        <translation>%1: přihlášení vypršelo nebo bylo odvoláno. Přihlaste se znovu.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/folder_tree.py" line="177" />
        <source>Signals</source>
        <translation>Signály</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/folder_tree.py" line="182" />
        <source>Outbox</source>
        <translation>K odeslání</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/folder_tree.py" line="140" />
        <location filename="../../desktop/ui/folder_tree.py" line="184" />
        <source>Drafts</source>
        <translation>Koncepty</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/folder_tree.py" line="139" />
        <source>Sent</source>
        <translation>Odesláno</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/folder_tree.py" line="187" />
        <source>Deleted in Holub</source>
        <translation>Smazané v Holubovi</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/folder_tree.py" line="189" />
        <source>Messages hidden in Holub; they are still on the server</source>
        <translation>Zprávy skryté v Holubovi; na serveru zůstávají</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/folder_tree.py" line="192" />
        <source>CRM</source>
        <translation>CRM</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/folder_tree.py" line="193" />
        <source>Companies</source>
        <translation>Firmy</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/folder_tree.py" line="194" />
        <source>Projects</source>
        <translation>Projekty</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/folder_tree.py" line="195" />
        <source>Tasks</source>
        <translation>Úkoly</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/folder_tree.py" line="198" />
        <source>Search: %1</source>
        <translation>Hledání: %1</translation>
    </message>
</context>
<context>
    <name>LinkDialog</name>
    <message>
        <location filename="../../desktop/ui/signature/link_dialog.py" line="47" />
        <source>Link</source>
        <translation>Odkaz</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signature/link_dialog.py" line="47" />
        <source>Edit link</source>
        <translation>Upravit odkaz</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signature/link_dialog.py" line="49" />
        <source>what the reader sees, e.g. Firma s.r.o.</source>
        <translation>co uvidí čtenář, např. Firma s.r.o.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signature/link_dialog.py" line="56" />
        <source>Text:</source>
        <translation>Text:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signature/link_dialog.py" line="57" />
        <source>Address:</source>
        <translation>Adresa:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signature/link_dialog.py" line="61" />
        <source>Remove link</source>
        <translation>Odebrat odkaz</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signature/link_dialog.py" line="77" />
        <source>Enter a web address (https://…) or an e-mail address.</source>
        <translation>Zadejte webovou adresu (https://…) nebo e-mailovou adresu.</translation>
    </message>
</context>
<context>
    <name>LoginMethod</name>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="105" />
        <source>Plain</source>
        <translation>PLAIN</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="106" />
        <source>Login</source>
        <translation>LOGIN</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="108" />
        <source>How Holub sends the password: Plain uses PLAIN, or LOGIN where the server has only that; Login always uses LOGIN. Leave Plain unless told otherwise.</source>
        <translation>Jak Holub posílá heslo: PLAIN použije PLAIN, nebo LOGIN, pokud server nabízí jen ten; LOGIN použije vždy LOGIN. Ponechte PLAIN, pokud vám někdo neřekne jinak.</translation>
    </message>
</context>
<context>
    <name>MailPane</name>
    <message>
        <location filename="../../desktop/ui/mail_pane.py" line="135" />
        <source>No messages in this folder.</source>
        <translation>V této složce nejsou žádné zprávy.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/mail_pane.py" line="136" />
        <source>No messages match the search.</source>
        <translation>Hledání neodpovídá žádná zpráva.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/mail_pane.py" line="138" />
        <source>Nothing is deleted in Holub. A message you delete is hidden here, where Restore brings it back; the server keeps it either way.</source>
        <translation>V Holubovi není nic smazáno. Smazaná zpráva se skryje sem a Obnovit zprávu ji vrátí; na serveru zůstává tak jako tak.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/mail_pane.py" line="147" />
        <source>Filed under:</source>
        <translation>Zařazeno k:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/mail_pane.py" line="345" />
        <source>Could not save the change: %1</source>
        <translation>Změnu se nepodařilo uložit: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/mail_pane.py" line="373" />
        <source>%n message(s) hidden in Holub (still on the server). Ctrl+Z brings them back.</source>
        <translation>
            <numerusform>%n zpráva skryta v Holubovi (na serveru zůstává). Ctrl+Z ji vrátí.</numerusform>
            <numerusform>%n zprávy skryty v Holubovi (na serveru zůstávají). Ctrl+Z je vrátí.</numerusform>
            <numerusform>%n zpráv skryto v Holubovi (na serveru zůstávají). Ctrl+Z je vrátí.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/mail_pane.py" line="385" />
        <source>Nothing to undo</source>
        <translation>Není co vrátit</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/mail_pane.py" line="422" />
        <source>Restore %n message(s)</source>
        <translation>
            <numerusform>Obnovit %n zprávu</numerusform>
            <numerusform>Obnovit %n zprávy</numerusform>
            <numerusform>Obnovit %n zpráv</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/mail_pane.py" line="429" />
        <source>%n message(s) back in their folders.</source>
        <translation>
            <numerusform>%n zpráva je zpět ve své složce.</numerusform>
            <numerusform>%n zprávy jsou zpět ve svých složkách.</numerusform>
            <numerusform>%n zpráv je zpět ve svých složkách.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MailboxCommands</name>
    <message>
        <location filename="../../desktop/ui/mailbox_commands.py" line="41" />
        <source>%1 removed from Holub; its mail is still on the server.</source>
        <translation>%1 odebrána z Holuba; její pošta zůstává na serveru.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/mailbox_commands.py" line="59" />
        <source>Importing %1…</source>
        <translation>Importuji %1…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/mailbox_commands.py" line="64" />
        <source>%n message(s) imported.</source>
        <translation>
            <numerusform>Importována %n zpráva.</numerusform>
            <numerusform>Importovány %n zprávy.</numerusform>
            <numerusform>Importováno %n zpráv.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MailboxSettingsDialog</name>
    <message>
        <location filename="../../desktop/ui/mailbox_settings.py" line="56" />
        <source>Mailbox settings – %1</source>
        <translation>Nastavení schránky – %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/mailbox_settings.py" line="63" />
        <source>Set when the mailbox was added; it cannot change.</source>
        <translation>Nastaveno při přidání schránky; nelze změnit.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/mailbox_settings.py" line="64" />
        <source>File e-mail under CRM objects automatically</source>
        <translation>Automaticky párovat e-maily s CRM</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/mailbox_settings.py" line="66" />
        <source>Suggest CRM objects (signals)</source>
        <translation>Navrhovat objekty CRM (signály)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/mailbox_settings.py" line="68" />
        <source>Show a snippet in the message list</source>
        <translation>Zobrazit v seznamu zpráv úryvek</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/mailbox_settings.py" line="70" />
        <source>Notify me of new mail</source>
        <translation>Upozorňovat na novou poštu</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/mailbox_settings.py" line="74" />
        <source>Connection name:</source>
        <translation>Název připojení:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/mailbox_settings.py" line="75" />
        <source>E-mail address:</source>
        <translation>E-mailová adresa:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/mailbox_settings.py" line="76" />
        <source>Sender name:</source>
        <translation>Jméno odesílatele:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/mailbox_settings.py" line="77" />
        <source>Import e-mails from:</source>
        <translation>Importovat e-maily od:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/mailbox_settings.py" line="85" />
        <source>Filed mail is published to the CRM for the team; unfiled mail of a mailbox that is not shared is never published.</source>
        <translation>Zařazená pošta se zveřejňuje v CRM pro tým; nezařazená pošta schránky, která není sdílená, se nezveřejňuje nikdy.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/mailbox_settings.py" line="99" />
        <source>Add the signature to replies and forwards too</source>
        <translation>Vkládat podpis i do odpovědí a přeposílaných zpráv</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/mailbox_settings.py" line="113" />
        <source>Never pair these addresses or domains (one per line):</source>
        <translation>Tyto adresy a domény nikdy nepárovat (jedna na řádek):</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/mailbox_settings.py" line="127" />
        <source>the e-mail address, if empty</source>
        <translation>e-mailová adresa, pokud je prázdné</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/mailbox_settings.py" line="130" />
        <source>unchanged</source>
        <translation>beze změny</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/mailbox_settings.py" line="138" />
        <source>General</source>
        <translation>Obecné</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/mailbox_settings.py" line="139" />
        <source>Signature</source>
        <translation>Podpis</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/mailbox_settings.py" line="140" />
        <source>Pairing and sharing</source>
        <translation>Párování a sdílení</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/mailbox_settings.py" line="141" />
        <source>Rules</source>
        <translation>Pravidla</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/mailbox_settings.py" line="142" />
        <source>Sharing</source>
        <translation>Sdílení</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/mailbox_settings.py" line="144" />
        <source>Connection</source>
        <translation>Připojení</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/mailbox_settings.py" line="147" />
        <source>Sign-in</source>
        <translation>Přihlášení</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/mailbox_settings.py" line="231" />
        <source>The connection name must not be empty.</source>
        <translation>Název připojení nesmí být prázdný.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/mailbox_settings.py" line="234" />
        <source>Enter the password to use with the new server or login.</source>
        <translation>Zadejte heslo pro nový server nebo přihlašovací jméno.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/mailbox_settings.py" line="264" />
        <source>Signing in to the IMAP and SMTP servers…</source>
        <translation>Přihlašuji se k serverům IMAP a SMTP…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/mailbox_settings.py" line="266" />
        <source>Saving…</source>
        <translation>Ukládání…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="290" />
        <source>demo</source>
        <translation>ukázka</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="295" />
        <source>Search (from: to: subject: has:attachment is:unread before: after:)</source>
        <translation>Hledat (from: to: subject: has:attachment is:unread before: after:)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="636" />
        <source>Sign in again</source>
        <translation>Přihlásit se znovu</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="228" />
        <source>The CRM views are not available in this build.</source>
        <translation>Pohledy CRM nejsou v této verzi k dispozici.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/mail_pane.py" line="363" />
        <source>Delete %n message(s)</source>
        <translation>
            <numerusform>Odstranit %n zprávu</numerusform>
            <numerusform>Odstranit %n zprávy</numerusform>
            <numerusform>Odstranit %n zpráv</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/main_window.py" line="563" />
        <source>%n message(s) found</source>
        <translation>
            <numerusform>Nalezena %n zpráva</numerusform>
            <numerusform>Nalezeny %n zprávy</numerusform>
            <numerusform>Nalezeno %n zpráv</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_controller.py" line="116" />
        <source>Imported mail is not synchronised</source>
        <translation>Importovaná pošta se nesynchronizuje</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_controller.py" line="121" />
        <source>Choose a mailbox to refresh</source>
        <translation>Vyberte schránku, kterou chcete obnovit</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_controller.py" line="127" />
        <source>Synchronising %1…</source>
        <translation>Synchronizuji %1…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_controller.py" line="130" />
        <source>Refresh is possible once every 5 minutes; available again at %1</source>
        <translation>Obnovit lze jednou za 5 minut; znovu to půjde v %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_controller.py" line="135" />
        <source>Synchronise %1 now (F5)</source>
        <translation>Synchronizovat %1 hned (F5)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="515" />
        <source>%1 › %2: %3 messages, %4 unread</source>
        <translation>%1 › %2: %3 zpráv, %4 nepřečtených</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="524" />
        <source>Something went wrong: %1 (details in holub.log)</source>
        <translation>Něco se pokazilo: %1 (podrobnosti v holub.log)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/notifier.py" line="94" />
        <source>%n new message(s) in %1</source>
        <translation>
            <numerusform>%n nová zpráva ve schránce %1</numerusform>
            <numerusform>%n nové zprávy ve schránce %1</numerusform>
            <numerusform>%n nových zpráv ve schránce %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MessageDelegate</name>
    <message>
        <location filename="../../desktop/ui/message_list.py" line="922" />
        <source>(no subject)</source>
        <translation>(bez předmětu)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/message_list.py" line="1022" />
        <source>Sending…</source>
        <translation>Odesílám…</translation>
    </message>
</context>
<context>
    <name>MessageListModel</name>
    <message>
        <location filename="../../desktop/ui/message_list.py" line="251" />
        <source>From</source>
        <translation>Od</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/message_list.py" line="252" />
        <source>Subject</source>
        <translation>Předmět</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/message_list.py" line="253" />
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/message_list.py" line="254" />
        <source>Size</source>
        <translation>Velikost</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/message_list.py" line="258" />
        <source>Starred, has attachments, filed under a CRM object</source>
        <translation>S hvězdičkou, s přílohou, zařazeno k objektu CRM</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/message_list.py" line="411" />
        <source>Sending…</source>
        <translation>Odesílám…</translation>
    </message>
</context>
<context>
    <name>NewObjectDialog</name>
    <message>
        <location filename="../../desktop/ui/crm/new_object.py" line="31" />
        <source>New company</source>
        <translation>Nová firma</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/new_object.py" line="32" />
        <source>New project</source>
        <translation>Nový projekt</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/new_object.py" line="33" />
        <source>New task</source>
        <translation>Nový úkol</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/new_object.py" line="38" />
        <source>Name</source>
        <translation>Název</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/new_object.py" line="43" />
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/new_object.py" line="45" />
        <location filename="../../desktop/ui/crm/new_object.py" line="52" />
        <source>(none)</source>
        <translation>(žádná)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/new_object.py" line="50" />
        <source>Company</source>
        <translation>Firma</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/new_object.py" line="57" />
        <source>Project</source>
        <translation>Projekt</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/new_object.py" line="59" />
        <source>Create</source>
        <translation>Vytvořit</translation>
    </message>
</context>
<context>
    <name>OutboxView</name>
    <message>
        <location filename="../../desktop/ui/compose/outbox_view.py" line="33" />
        <source>Outbox</source>
        <translation>K odeslání</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/outbox_view.py" line="36" />
        <source>State</source>
        <translation>Stav</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/outbox_view.py" line="37" />
        <source>To</source>
        <translation>Komu</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/outbox_view.py" line="38" />
        <source>Subject</source>
        <translation>Předmět</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/outbox_view.py" line="39" />
        <source>Tries</source>
        <translation>Pokusy</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/outbox_view.py" line="40" />
        <source>Server's answer</source>
        <translation>Odpověď serveru</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/outbox_view.py" line="46" />
        <source>Retry</source>
        <translation>Zkusit znovu</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/outbox_view.py" line="48" />
        <source>Discard</source>
        <translation>Zahodit</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/outbox_view.py" line="49" />
        <source>Delete the failed message without sending it</source>
        <translation>Smazat neodeslanou zprávu bez odeslání</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/outbox_view.py" line="51" />
        <source>The outbox is empty.</source>
        <translation>Ve složce K odeslání nic není.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/outbox_view.py" line="60" />
        <source>Queued</source>
        <translation>Ve frontě</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/outbox_view.py" line="61" />
        <source>Sending</source>
        <translation>Odesílá se</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/outbox_view.py" line="62" />
        <source>Sent</source>
        <translation>Odesláno</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/outbox_view.py" line="63" />
        <source>Failed</source>
        <translation>Selhalo</translation>
    </message>
</context>
<context>
    <name>PairingReason</name>
    <message>
        <location filename="../../desktop/ui/crm/reasons.py" line="25" />
        <source>sender %1 is the e-mail of a company</source>
        <translation>adresa odesílatele %1 je e-mail firmy</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/reasons.py" line="28" />
        <source>sender %1 is the e-mail of a contact</source>
        <translation>adresa odesílatele %1 je e-mail kontaktu</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/reasons.py" line="31" />
        <source>recipient %1 is the e-mail of a company</source>
        <translation>adresa příjemce %1 je e-mail firmy</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/reasons.py" line="34" />
        <source>recipient %1 is the e-mail of a contact</source>
        <translation>adresa příjemce %1 je e-mail kontaktu</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/reasons.py" line="39" />
        <source>sender %1 belongs to several companies: %2</source>
        <translation>adresa odesílatele %1 patří několika firmám: %2</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/reasons.py" line="40" />
        <source>recipient %1 belongs to several companies: %2</source>
        <translation>adresa příjemce %1 patří několika firmám: %2</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/reasons.py" line="47" />
        <source>#%1# names both a project and a task</source>
        <translation>#%1# je číslo projektu i úkolu</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/reasons.py" line="53" />
        <source>#%1# in the subject</source>
        <translation>#%1# v předmětu</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/reasons.py" line="59" />
        <source>project of task #%1#</source>
        <translation>projekt úkolu #%1#</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/reasons.py" line="65" />
        <source>company of task #%1#</source>
        <translation>firma úkolu #%1#</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/reasons.py" line="79" />
        <source>suggested in Caflou</source>
        <translation>navrženo v Caflou</translation>
    </message>
</context>
<context>
    <name>PlainReader</name>
    <message>
        <location filename="../../desktop/ui/placeholders.py" line="47" />
        <source>This message could not be read fully; its source is shown.</source>
        <translation>Zprávu se nepodařilo přečíst celou; zobrazuje se její zdroj.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/placeholders.py" line="54" />
        <source>From</source>
        <translation>Od</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/placeholders.py" line="57" />
        <source>To</source>
        <translation>Komu</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/placeholders.py" line="58" />
        <source>Date</source>
        <translation>Datum</translation>
    </message>
</context>
<context>
    <name>ReaderView</name>
    <message>
        <location filename="../../desktop/ui/reader/view.py" line="136" />
        <source>Plain text</source>
        <translation>Prostý text</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reader/view.py" line="137" />
        <source>Show the message as plain text</source>
        <translation>Zobrazit zprávu jako prostý text</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reader/view.py" line="147" />
        <source>Remote content blocked</source>
        <translation>Vzdálený obsah je zablokován</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reader/view.py" line="148" />
        <source>Load remote content</source>
        <translation>Načíst vzdálený obsah</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reader/view.py" line="149" />
        <source>Always for this sender</source>
        <translation>Vždy od tohoto odesílatele</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reader/view.py" line="304" />
        <source>Loading the message from the server…</source>
        <translation>Načítám zprávu ze serveru…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reader/view.py" line="354" />
        <source>The message could not be fetched from the server: {error}</source>
        <translation>Zprávu se nepodařilo načíst ze serveru: {error}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/reader/view.py" line="370" />
        <source>Remote content blocked: %n item(s)</source>
        <translation>
            <numerusform>Zablokován vzdálený obsah: %n položka</numerusform>
            <numerusform>Zablokován vzdálený obsah: %n položky</numerusform>
            <numerusform>Zablokován vzdálený obsah: %n položek</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reader/view.py" line="421" />
        <source>From</source>
        <translation>Od</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reader/view.py" line="422" />
        <source>To</source>
        <translation>Komu</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reader/view.py" line="423" />
        <source>Cc</source>
        <translation>Kopie</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reader/view.py" line="424" />
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reader/view.py" line="425" />
        <source>Subject</source>
        <translation>Předmět</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reader/view.py" line="430" />
        <source>This message could not be read; its raw source is shown.</source>
        <translation>Zprávu se nepodařilo přečíst; zobrazuje se její zdrojový text.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reader/view.py" line="431" />
        <source>Parts of this message could not be read.</source>
        <translation>Části této zprávy se nepodařilo přečíst.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reader/view.py" line="432" />
        <source>This message has no content stored.</source>
        <translation>Tato zpráva nemá uložený žádný obsah.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reader/view.py" line="442" />
        <source>A rule failed on this message: %1</source>
        <translation>Pravidlo na této zprávě selhalo: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/reader/view.py" line="444" />
        <source> (and %n more)</source>
        <translation>
            <numerusform> (a ještě %n)</numerusform>
            <numerusform> (a ještě %n)</numerusform>
            <numerusform> (a ještě %n)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reader/view.py" line="501" />
        <source>(unnamed)</source>
        <translation>(bez názvu)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reader/view.py" line="505" />
        <source>Save…</source>
        <translation>Uložit…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reader/view.py" line="506" />
        <source>Open</source>
        <translation>Otevřít</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reader/view.py" line="514" />
        <source>Holub opens only documents, pictures, audio, video and archives: save this file and open it yourself if you trust it.</source>
        <translation>Holub otevírá jen dokumenty, obrázky, zvuk, video a archivy: tento soubor uložte a otevřete sami, pokud mu důvěřujete.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reader/view.py" line="526" />
        <source>Save attachment</source>
        <translation>Uložit přílohu</translation>
    </message>
</context>
<context>
    <name>RuleEditor</name>
    <message>
        <location filename="../../desktop/ui/rules/editor.py" line="112" />
        <source>Rule</source>
        <translation>Pravidlo</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/rules/editor.py" line="120" />
        <source>All mailboxes</source>
        <translation>Všechny schránky</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/rules/editor.py" line="124" />
        <source>e.g. from:acme.cz has:attachment filed:no</source>
        <translation>např. from:acme.cz has:attachment filed:no</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/rules/editor.py" line="129" />
        <source>Stop processing further rules</source>
        <translation>Nezpracovávat další pravidla</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/rules/editor.py" line="136" />
        <source>Add an action</source>
        <translation>Přidat akci</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/rules/editor.py" line="139" />
        <source>Run now on existing mail…</source>
        <translation>Spustit nyní na existující poště…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/rules/editor.py" line="147" />
        <source>Name:</source>
        <translation>Název:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/rules/editor.py" line="148" />
        <source>Applies to:</source>
        <translation>Platí pro:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/rules/editor.py" line="150" />
        <source>Condition:</source>
        <translation>Podmínka:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/rules/editor.py" line="155" />
        <source>Actions:</source>
        <translation>Akce:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/rules/editor.py" line="164" />
        <source>Matching messages (up to 20):</source>
        <translation>Odpovídající zprávy (nejvýše 20):</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/rules/editor.py" line="205" />
        <source>Type a condition in the search language.</source>
        <translation>Zadejte podmínku ve vyhledávacím jazyce.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/rules/editor.py" line="208" />
        <location filename="../../desktop/ui/rules/editor.py" line="281" />
        <source>Counting…</source>
        <translation>Počítám…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/rules/editor.py" line="231" />
        <source>%n matching message(s)</source>
        <translation>
            <numerusform>%n odpovídající zpráva</numerusform>
            <numerusform>%n odpovídající zprávy</numerusform>
            <numerusform>%n odpovídajících zpráv</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/rules/editor.py" line="293" />
        <source>No existing message is waiting for this rule.</source>
        <translation>Žádná existující zpráva na toto pravidlo nečeká.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/rules/editor.py" line="297" />
        <source>Run the rule now</source>
        <translation>Spustit pravidlo nyní</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/rules/editor.py" line="298" />
        <source>Apply the rule to %n existing message(s)?</source>
        <translation>
            <numerusform>Použít pravidlo na %n existující zprávu?</numerusform>
            <numerusform>Použít pravidlo na %n existující zprávy?</numerusform>
            <numerusform>Použít pravidlo na %n existujících zpráv?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/rules/editor.py" line="320" />
        <source>Applied to %n message(s).</source>
        <translation>
            <numerusform>Použito na %n zprávu.</numerusform>
            <numerusform>Použito na %n zprávy.</numerusform>
            <numerusform>Použito na %n zpráv.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RulesTab</name>
    <message>
        <location filename="../../desktop/ui/rules/tab.py" line="42" />
        <source>Add…</source>
        <translation>Přidat…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/rules/tab.py" line="44" />
        <source>Edit…</source>
        <translation>Upravit…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/rules/tab.py" line="46" />
        <source>Remove</source>
        <translation>Odebrat</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/rules/tab.py" line="54" />
        <source>Rules run on new mail in this order (drag to change it). A rule is active once saved; use Run now in the editor for mail already here.</source>
        <translation>Pravidla se na novou poštu použijí v tomto pořadí (změníte přetažením). Pravidlo platí hned po uložení; na již staženou poštu ho použijete tlačítkem Spustit nyní v editoru.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/rules/tab.py" line="68" />
        <source>all mailboxes</source>
        <translation>všechny schránky</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/rules/tab.py" line="70" />
        <source>last run %1</source>
        <translation>naposledy %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/rules/tab.py" line="72" />
        <source>not run yet</source>
        <translation>zatím nespuštěno</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/rules/tab.py" line="74" />
        <source>%n message(s)</source>
        <translation>
            <numerusform>%n zpráva</numerusform>
            <numerusform>%n zprávy</numerusform>
            <numerusform>%n zpráv</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/rules/tab.py" line="79" />
        <source>Last error: %1</source>
        <translation>Poslední chyba: %1</translation>
    </message>
</context>
<context>
    <name>SentNotice</name>
    <message>
        <location filename="../../desktop/ui/compose/sent_notice.py" line="26" />
        <source>(no subject)</source>
        <translation>(bez předmětu)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/sent_notice.py" line="28" />
        <source>Sent: %1</source>
        <translation>Odesláno: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/sent_notice.py" line="30" />
        <source>unknown error</source>
        <translation>neznámá chyba</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/sent_notice.py" line="32" />
        <source>Not sent: %1 — %2. It waits in the Outbox.</source>
        <translation>Neodesláno: %1 — %2. Zpráva čeká ve složce K odeslání.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../desktop/ui/settings.py" line="51" />
        <source>Settings</source>
        <translation>Nastavení</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="54" />
        <source>System language</source>
        <translation>Jazyk systému</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="59" />
        <source>Announce new mail</source>
        <translation>Oznamovat novou poštu</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="62" />
        <source>Show an icon in the system tray</source>
        <translation>Zobrazit ikonu v oznamovací oblasti</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="66" />
        <source>Language:</source>
        <translation>Jazyk:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="67" />
        <source>Notifications:</source>
        <translation>Oznámení:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="70" />
        <source>Reply templates:</source>
        <translation>Šablony odpovědí:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="89" />
        <source>%1, named by the keyring configuration</source>
        <translation>%1, určeno nastavením klíčenky</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="91" />
        <source>%1: a plain-text file, allowed by you</source>
        <translation>%1: soubor v prostém textu, povolený vámi</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="92" />
        <source>None: no secure keyring, so no password is stored</source>
        <translation>Nikde: chybí zabezpečená klíčenka, proto se hesla neukládají</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="97" />
        <source>Allow a plain-text keyring</source>
        <translation>Povolit úložiště hesel v prostém textu</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="102" />
        <source>Only where no secure keyring exists: passwords are then kept in a file in your home directory that anyone who can read your files can read.</source>
        <translation>Jen tam, kde není žádná zabezpečená klíčenka: hesla se pak ukládají do souboru v domovské složce, který si přečte každý, kdo může číst vaše soubory.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="108" />
        <source>Passwords kept in:</source>
        <translation>Hesla uložena v:</translation>
    </message>
</context>
<context>
    <name>SharingTab</name>
    <message>
        <location filename="../../desktop/ui/sharing/tab.py" line="44" />
        <source>Colleagues of the Caflou account can open this mailbox in their Holub. Read: open, read and search. Read+Write: also reply, forward, file and delete (in Caflou; your mail server is never changed). A shared mailbox publishes all its mail in the import window to Caflou, not only filed mail.</source>
        <translation>Kolegové z účtu Caflou mohou tuto schránku otevřít ve svém Holubovi. Čtení: otevřít, číst a hledat. Čtení i zápis: navíc odpovídat, přeposílat, zařazovat a mazat (v Caflou; váš poštovní server se nikdy nemění). Sdílená schránka publikuje do Caflou všechnu poštu z období importu, nejen zařazenou.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sharing/tab.py" line="54" />
        <source>Colleague</source>
        <translation>Kolega</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sharing/tab.py" line="54" />
        <source>Access</source>
        <translation>Přístup</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sharing/tab.py" line="68" />
        <source>Not shared</source>
        <translation>Nesdíleno</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sharing/tab.py" line="69" />
        <source>Read</source>
        <translation>Čtení</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sharing/tab.py" line="70" />
        <source>Read+Write</source>
        <translation>Čtení a zápis</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sharing/tab.py" line="74" />
        <source>Save sharing</source>
        <translation>Uložit sdílení</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sharing/tab.py" line="82" />
        <source>Sharing goes through Caflou: connect Caflou first (CRM menu).</source>
        <translation>Sdílení jde přes Caflou: nejprve připojte Caflou (nabídka CRM).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sharing/tab.py" line="88" />
        <source>The Caflou account has no other users (Pull now fetches them).</source>
        <translation>Účet Caflou nemá další uživatele (Stáhnout nyní je načte).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sharing/tab.py" line="122" />
        <source>Writing the sharing to Caflou…</source>
        <translation>Zapisuji sdílení do Caflou…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/sharing/tab.py" line="134" />
        <source>Shared with %n colleague(s).</source>
        <translation>
            <numerusform>Sdíleno s %n kolegou.</numerusform>
            <numerusform>Sdíleno s %n kolegy.</numerusform>
            <numerusform>Sdíleno s %n kolegy.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sharing/tab.py" line="136" />
        <source>Not shared with anyone.</source>
        <translation>Nesdíleno s nikým.</translation>
    </message>
</context>
<context>
    <name>SignInAgainBox</name>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="678" />
        <source>Sign-in</source>
        <translation>Přihlášení</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="687" />
        <source>Sign in again</source>
        <translation>Přihlásit se znovu</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="690" />
        <source>Cancel sign-in</source>
        <translation>Zrušit přihlášení</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="693" />
        <source>Sign in on another device with a code</source>
        <translation>Přihlásit se na jiném zařízení pomocí kódu</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="714" />
        <source>The sign-in of %1 has expired or was revoked: sign in again.</source>
        <translation>Přihlášení účtu %1 vypršelo nebo bylo odvoláno: přihlaste se znovu.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="716" />
        <source>Signed in as %1.</source>
        <translation>Přihlášeno jako %1.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="725" />
        <source>Waiting for the sign-in in the browser…</source>
        <translation>Čekám na přihlášení v prohlížeči…</translation>
    </message>
</context>
<context>
    <name>SignInNotice</name>
    <message>
        <location filename="../../desktop/ui/signin_notice.py" line="59" />
        <source>%1: Sign in again</source>
        <translation>%1: Přihlásit se znovu</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signin_notice.py" line="62" />
        <source>The provider no longer accepts the sign-in of %1, so it is not synced. Click to sign in again.</source>
        <translation>Poskytovatel už nepřijímá přihlášení účtu %1, proto se nesynchronizuje. Klepnutím se přihlásíte znovu.</translation>
    </message>
</context>
<context>
    <name>SignalsView</name>
    <message>
        <location filename="../../desktop/ui/crm/signals.py" line="93" />
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/signals.py" line="94" />
        <source>From</source>
        <translation>Od</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/signals.py" line="95" />
        <source>Subject</source>
        <translation>Předmět</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/signals.py" line="96" />
        <source>Suggestion</source>
        <translation>Návrh</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/signals.py" line="97" />
        <source>Why</source>
        <translation>Proč</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/signals.py" line="100" />
        <source>Accept</source>
        <translation>Přijmout</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/signals.py" line="101" />
        <source>Dismiss</source>
        <translation>Zamítnout</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/signals.py" line="167" />
        <source>Choose which suggestion to accept below</source>
        <translation>Vyberte níže, který návrh přijmout</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/signals.py" line="169" />
        <source>File the selected messages (A)</source>
        <translation>Zařadit vybrané zprávy (A)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/signals.py" line="185" />
        <source>Accept one:</source>
        <translation>Přijmout jeden:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/signals.py" line="189" />
        <source>File the message here and dismiss the other suggestions</source>
        <translation>Zařadit zprávu sem a ostatní návrhy zamítnout</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/signals.py" line="102" />
        <source>Forget the selected suggestions (D)</source>
        <translation>Zapomenout vybrané návrhy (D)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/crm/signals.py" line="144" />
        <source>%n open signal(s)</source>
        <translation>
            <numerusform>%n otevřený signál</numerusform>
            <numerusform>%n otevřené signály</numerusform>
            <numerusform>%n otevřených signálů</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SignatureEditor</name>
    <message>
        <location filename="../../desktop/ui/signature/editor.py" line="93" />
        <source>Formatting</source>
        <translation>Formátování</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signature/editor.py" line="94" />
        <source>Insert</source>
        <translation>Vložit</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signature/editor.py" line="156" />
        <source>Undo</source>
        <translation>Zpět</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signature/editor.py" line="159" />
        <source>Redo</source>
        <translation>Znovu</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signature/editor.py" line="163" />
        <source>B</source>
        <translation>T</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signature/editor.py" line="164" />
        <source>Bold</source>
        <translation>Tučně</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signature/editor.py" line="167" />
        <source>I</source>
        <translation>K</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signature/editor.py" line="168" />
        <source>Italic</source>
        <translation>Kurzíva</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signature/editor.py" line="171" />
        <source>U</source>
        <translation>P</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signature/editor.py" line="172" />
        <source>Underline</source>
        <translation>Podtržení</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signature/editor.py" line="185" />
        <source>Font</source>
        <translation>Písmo</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signature/editor.py" line="191" />
        <source>Font size</source>
        <translation>Velikost písma</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signature/editor.py" line="199" />
        <source>Colour…</source>
        <translation>Barva…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signature/editor.py" line="199" />
        <location filename="../../desktop/ui/signature/editor.py" line="323" />
        <source>Text colour</source>
        <translation>Barva textu</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signature/editor.py" line="204" />
        <source>• List</source>
        <translation>• Seznam</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signature/editor.py" line="205" />
        <source>Bulleted list</source>
        <translation>Odrážky</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signature/editor.py" line="208" />
        <source>1. List</source>
        <translation>1. Seznam</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signature/editor.py" line="209" />
        <source>Numbered list</source>
        <translation>Číslovaný seznam</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signature/editor.py" line="214" />
        <source>Left</source>
        <translation>Vlevo</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signature/editor.py" line="214" />
        <source>Align left</source>
        <translation>Zarovnat vlevo</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signature/editor.py" line="215" />
        <source>Centre</source>
        <translation>Na střed</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signature/editor.py" line="216" />
        <source>Right</source>
        <translation>Vpravo</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signature/editor.py" line="216" />
        <source>Align right</source>
        <translation>Zarovnat vpravo</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signature/editor.py" line="224" />
        <source>(a paragraph or the selected picture)</source>
        <translation>(odstavec nebo vybraný obrázek)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signature/editor.py" line="228" />
        <source>Link…</source>
        <translation>Odkaz…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signature/editor.py" line="229" />
        <source>Insert or edit a link</source>
        <translation>Vložit nebo upravit odkaz</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signature/editor.py" line="232" />
        <source>Picture…</source>
        <translation>Obrázek…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signature/editor.py" line="233" />
        <source>Insert a picture (logo) from a file</source>
        <translation>Vložit obrázek (logo) ze souboru</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signature/editor.py" line="236" />
        <source>Paste picture</source>
        <translation>Vložit obrázek</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signature/editor.py" line="237" />
        <source>Insert the picture on the clipboard</source>
        <translation>Vložit obrázek ze schránky</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signature/editor.py" line="240" />
        <source>Smaller</source>
        <translation>Menší</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signature/editor.py" line="241" />
        <source>Make the picture smaller</source>
        <translation>Zmenšit obrázek</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signature/editor.py" line="244" />
        <source>Larger</source>
        <translation>Větší</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signature/editor.py" line="245" />
        <source>Make the picture larger</source>
        <translation>Zvětšit obrázek</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signature/editor.py" line="485" />
        <source>Insert a picture</source>
        <translation>Vložit obrázek</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signature/editor.py" line="486" />
        <source>Pictures (*.png *.jpg *.jpeg *.gif *.bmp *.webp)</source>
        <translation>Obrázky (*.png *.jpg *.jpeg *.gif *.bmp *.webp)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signature/editor.py" line="507" />
        <source>There is no picture on the clipboard.</source>
        <translation>Ve schránce není žádný obrázek.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signature/editor.py" line="518" />
        <source>Picture {w} × {h} px, sent at this size: drag its edge, or + / -</source>
        <translation>Obrázek {w} × {h} px, odešle se v této velikosti: táhněte za okraj, nebo + / -</translation>
    </message>
</context>
<context>
    <name>SignaturePreview</name>
    <message>
        <location filename="../../desktop/ui/signature/preview.py" line="53" />
        <source>As sent – light</source>
        <translation>Odeslaný – světlý</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signature/preview.py" line="54" />
        <source>As sent – dark</source>
        <translation>Odeslaný – tmavý</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signature/preview.py" line="55" />
        <source>Plain text</source>
        <translation>Prostý text</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signature/preview.py" line="57" />
        <source>What recipients see: in a light and a dark mail reader, and as plain text</source>
        <translation>Co uvidí příjemci: ve světlém a tmavém poštovním programu a jako prostý text</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/signature/preview.py" line="62" />
        <source>(no signature)</source>
        <translation>(bez podpisu)</translation>
    </message>
</context>
<context>
    <name>SuggestionBar</name>
    <message>
        <location filename="../../desktop/ui/suggestion_bar.py" line="58" />
        <source>Suggested:</source>
        <translation>Návrhy:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/suggestion_bar.py" line="62" />
        <source>File the message here (the other suggestions are dismissed)</source>
        <translation>Zařadit zprávu sem (ostatní návrhy se zamítnou)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/suggestion_bar.py" line="66" />
        <source>Dismiss</source>
        <translation>Zamítnout</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/suggestion_bar.py" line="68" />
        <source>Forget these suggestions</source>
        <translation>Zapomenout tyto návrhy</translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <location filename="../../desktop/ui/sync_status.py" line="56" />
        <source>Sync error – details</source>
        <translation>Chyba synchronizace – podrobnosti</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_status.py" line="68" />
        <source>Caflou: sign in again (CRM › Connect Caflou…)</source>
        <translation>Caflou: přihlaste se znovu (CRM › Připojit Caflou…)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_status.py" line="72" />
        <location filename="../../desktop/ui/sync_status.py" line="118" />
        <source>never</source>
        <translation>nikdy</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_status.py" line="73" />
        <source>Caflou: %1, last pull %2</source>
        <translation>Caflou: %1, naposledy načteno %2</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_status.py" line="75" />
        <source>publishing…</source>
        <translation>zveřejňuji…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_status.py" line="77" />
        <source>%1 waiting to publish</source>
        <translation>%1 čeká na zveřejnění</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_status.py" line="80" />
        <source>publishing waits for the CRM</source>
        <translation>zveřejnění čeká na CRM</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_status.py" line="82" />
        <source>%1 refused by the CRM</source>
        <translation>%1 odmítnuto CRM</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_status.py" line="84" />
        <source>the %1 plan has no e-mail; %2 or higher has it</source>
        <translation>tarif %1 nemá e-maily; mají je tarify %2 a vyšší</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_status.py" line="121" />
        <source>Last sync: %1</source>
        <translation>Poslední synchronizace: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/sync_status.py" line="134" />
        <source>Synchronisation failed</source>
        <translation>Synchronizace selhala</translation>
    </message>
</context>
<context>
    <name>TaskText</name>
    <message>
        <location filename="../../desktop/ui/crm/task_text.py" line="21" />
        <source>Done</source>
        <translation>Splněno</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/task_text.py" line="22" />
        <source>Overdue</source>
        <translation>Po termínu</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/task_text.py" line="23" />
        <source>Not done</source>
        <translation>Nesplněno</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/task_text.py" line="30" />
        <source>No due date</source>
        <translation>Bez termínu</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/task_text.py" line="38" />
        <source>user #%1</source>
        <translation>uživatel #%1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/task_text.py" line="41" />
        <source>Nobody</source>
        <translation>Nikdo</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/task_text.py" line="50" />
        <source>due %1</source>
        <translation>termín %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/task_text.py" line="72" />
        <source>Due: %1</source>
        <translation>Termín: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/task_text.py" line="73" />
        <source>State: %1</source>
        <translation>Stav: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/task_text.py" line="76" />
        <source>Assignee: %1</source>
        <translation>Řešitel: %1</translation>
    </message>
</context>
<context>
    <name>TemplatesDialog</name>
    <message>
        <location filename="../../desktop/ui/rules/templates.py" line="32" />
        <source>Templates</source>
        <translation>Šablony</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/rules/templates.py" line="37" />
        <source>empty: Re: and the original subject</source>
        <translation>prázdné: Re: a původní předmět</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/rules/templates.py" line="40" />
        <source>{sender_name}, {subject} and {date} are replaced in the subject and text.</source>
        <translation>{sender_name}, {subject} a {date} se v předmětu a textu nahradí.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/rules/templates.py" line="47" />
        <source>New</source>
        <translation>Nová</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/rules/templates.py" line="49" />
        <source>Save</source>
        <translation>Uložit</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/rules/templates.py" line="51" />
        <source>Remove</source>
        <translation>Odebrat</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/rules/templates.py" line="58" />
        <source>Name:</source>
        <translation>Název:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/rules/templates.py" line="59" />
        <source>Subject:</source>
        <translation>Předmět:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/rules/templates.py" line="60" />
        <source>Text:</source>
        <translation>Text:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/rules/templates.py" line="119" />
        <source>Saved.</source>
        <translation>Uloženo.</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <location filename="../../desktop/ui/welcome.py" line="55" />
        <source>Welcome to Holub</source>
        <translation>Vítejte v Holubovi</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/welcome.py" line="58" />
        <source>Holub files your e-mail under the companies, projects and tasks it belongs to. Add a mailbox to start, or look around in the demo first.</source>
        <translation>Holub zařazuje vaše e-maily k firmám, projektům a úkolům, ke kterým patří. Začněte přidáním schránky, nebo se nejdřív rozhlédněte v ukázce.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/welcome.py" line="62" />
        <source>Add mailbox…</source>
        <translation>Přidat schránku…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/welcome.py" line="63" />
        <source>Open the demo</source>
        <translation>Otevřít ukázku</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/welcome.py" line="64" />
        <source>Connect Caflou…</source>
        <translation>Připojit Caflou…</translation>
    </message>
</context>
<context>
    <name>WindowDialogs</name>
    <message>
        <location filename="../../desktop/ui/window_dialogs.py" line="36" />
        <source>Writing mail is not available in this build.</source>
        <translation>Psaní zpráv není v této verzi k dispozici.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/window_dialogs.py" line="127" />
        <source>Remove mailbox</source>
        <translation>Odebrat schránku</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/window_dialogs.py" line="129" />
        <source>Remove %1 from Holub?

Holub forgets its mail, filings and settings on this computer. Nothing changes on the server: adding the mailbox again brings the mail back.</source>
        <translation>Odebrat %1 z Holuba?

Holub zapomene její poštu, zařazení a nastavení na tomto počítači. Na serveru se nic nezmění: po opětovném přidání schránky se pošta vrátí.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/window_dialogs.py" line="137" />
        <source>Remove</source>
        <translation>Odebrat</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/window_dialogs.py" line="148" />
        <source>Import mail</source>
        <translation>Import pošty</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/window_dialogs.py" line="156" />
        <source>Mail (*.mbox *.mbx *.eml *.msg)</source>
        <translation>Pošta (*.mbox *.mbx *.eml *.msg)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/window_dialogs.py" line="156" />
        <source>All files (*)</source>
        <translation>Všechny soubory (*)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/window_dialogs.py" line="171" />
        <source>About Holub</source>
        <translation>O Holubovi</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/window_dialogs.py" line="172" />
        <source>Holub — e-mail filed under your CRM's companies, projects and tasks.</source>
        <translation>Holub — e-maily zařazené k firmám, projektům a úkolům ve vašem CRM.</translation>
    </message>
</context>
<context>
    <name>crm</name>
    <message>
        <location filename="../../desktop/ui/crm/chips.py" line="24" />
        <source>Company</source>
        <translation>Firma</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/chips.py" line="25" />
        <source>Project</source>
        <translation>Projekt</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/chips.py" line="26" />
        <source>Task</source>
        <translation>Úkol</translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <location filename="../../desktop/ui/rules/templates.py" line="136" />
        <source>Templates…</source>
        <translation>Šablony…</translation>
    </message>
</context>
<context>
    <name>widget</name>
    <message>
        <location filename="../../desktop/ui/rules/editor.py" line="41" />
        <source>Mark as read</source>
        <translation>Označit jako přečtené</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/rules/editor.py" line="42" />
        <source>Delete (in Holub only)</source>
        <translation>Smazat (jen v Holubovi)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/rules/editor.py" line="43" />
        <source>Add a label</source>
        <translation>Přidat štítek</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/rules/editor.py" line="44" />
        <source>Move to a Holub folder</source>
        <translation>Přesunout do složky v Holubovi</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/rules/editor.py" line="45" />
        <source>Save attachments to a directory</source>
        <translation>Uložit přílohy do adresáře</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/rules/editor.py" line="46" />
        <source>Create a task in the CRM</source>
        <translation>Vytvořit úkol v CRM</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/rules/editor.py" line="47" />
        <source>Forward to an address</source>
        <translation>Přeposlat na adresu</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/rules/editor.py" line="48" />
        <source>Reply with a template</source>
        <translation>Odpovědět šablonou</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/rules/editor.py" line="49" />
        <source>Add the e-mail as a comment in the CRM</source>
        <translation>Vložit e-mail jako komentář v CRM</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/rules/editor.py" line="56" />
        <source>Received mail</source>
        <translation>Přijaté e-maily</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/rules/editor.py" line="57" />
        <source>Sent mail</source>
        <translation>Odeslané e-maily</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/rules/editor.py" line="58" />
        <source>Received and sent mail</source>
        <translation>Přijaté i odeslané e-maily</translation>
    </message>
</context>
</TS>