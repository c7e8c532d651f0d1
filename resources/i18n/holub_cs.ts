<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="cs_CZ">
<context>
    <name>AccountDialog</name>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="104" />
        <source>Add mailbox</source>
        <translation>Přidat schránku</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="130" />
        <source>the e-mail address, if empty</source>
        <translation>e-mailová adresa, pokud je prázdné</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="134" />
        <source>only for servers with their own certificate</source>
        <translation>jen pro servery s vlastním certifikátem</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="135" />
        <source>File e-mail under CRM objects automatically</source>
        <translation>Automaticky párovat e-maily s CRM</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="137" />
        <source>Suggest CRM objects (signals)</source>
        <translation>Navrhovat objekty CRM (signály)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="139" />
        <source>Show a snippet in the message list</source>
        <translation>Zobrazit v seznamu zpráv úryvek</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="144" />
        <source>Connection name:</source>
        <translation>Název připojení:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="145" />
        <source>E-mail address:</source>
        <translation>E-mailová adresa:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="146" />
        <source>Sender name:</source>
        <translation>Jméno odesílatele:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="147" />
        <source>Import e-mails from:</source>
        <translation>Importovat e-maily od:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="148" />
        <source>Servers</source>
        <translation>Servery</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="151" />
        <source>CA certificate file:</source>
        <translation>Soubor certifikátu CA:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="207" />
        <source>Enter the mailbox's e-mail address.</source>
        <translation>Zadejte e-mailovou adresu schránky.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="210" />
        <source>Enter the IMAP and SMTP servers.</source>
        <translation>Zadejte servery IMAP a SMTP.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="216" />
        <source>Signing in to the IMAP and SMTP servers…</source>
        <translation>Přihlašuji se k serverům IMAP a SMTP…</translation>
    </message>
</context>
<context>
    <name>Actions</name>
    <message>
        <location filename="../../desktop/ui/actions.py" line="33" />
        <source>&amp;File</source>
        <translation>&amp;Soubor</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="34" />
        <source>&amp;Edit</source>
        <translation>Úpr&amp;avy</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="35" />
        <source>&amp;Message</source>
        <translation>&amp;Zpráva</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="36" />
        <source>&amp;View</source>
        <translation>&amp;Zobrazení</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="37" />
        <source>&amp;Help</source>
        <translation>&amp;Nápověda</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="41" />
        <source>&amp;New message</source>
        <translation>&amp;Nová zpráva</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="42" />
        <source>&amp;Add mailbox…</source>
        <translation>Přid&amp;at schránku…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="46" />
        <source>&amp;Mailbox settings…</source>
        <translation>Nastavení &amp;schránky…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="48" />
        <source>Settings of the current mailbox</source>
        <translation>Nastavení zobrazené schránky</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="50" />
        <source>Open the &amp;demo</source>
        <translation>Otevřít &amp;ukázku</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="51" />
        <source>&amp;Settings…</source>
        <translation>&amp;Nastavení…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="52" />
        <source>&amp;Quit</source>
        <translation>&amp;Ukončit</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="53" />
        <source>&amp;Undo</source>
        <translation>&amp;Zpět</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="54" />
        <source>&amp;Search</source>
        <translation>&amp;Hledat</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="55" />
        <source>&amp;Reply</source>
        <translation>&amp;Odpovědět</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="57" />
        <source>Reply &amp;all</source>
        <translation>Odpovědět &amp;všem</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="59" />
        <source>&amp;Forward</source>
        <translation>&amp;Přeposlat</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="63" />
        <source>Forward as a&amp;ttachment</source>
        <translation>Přeposlat jako příl&amp;ohu</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="69" />
        <source>&amp;Delete</source>
        <translation>O&amp;dstranit</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="71" />
        <source>Hide the message in Holub (nothing changes on the server)</source>
        <translation>Skrýt zprávu v Holubovi (na serveru se nic nezmění)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="73" />
        <source>Mark as r&amp;ead</source>
        <translation>Označit jako př&amp;ečtené</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="75" />
        <source>Mark as &amp;unread</source>
        <translation>Označit jako &amp;nepřečtené</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="77" />
        <source>S&amp;tar</source>
        <translation>Ozna&amp;čit hvězdičkou</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="81" />
        <source>F&amp;ile under…</source>
        <translation>Zařad&amp;it k…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="83" />
        <source>File the message under a company, project or task</source>
        <translation>Zařadit zprávu k firmě, projektu nebo úkolu</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="88" />
        <source>Create a company from the message…</source>
        <translation>Vytvořit ze zprávy firmu…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="94" />
        <source>Create a project from the message…</source>
        <translation>Vytvořit ze zprávy projekt…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="100" />
        <source>Create a task from the message…</source>
        <translation>Vytvořit ze zprávy úkol…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="103" />
        <source>&amp;Refresh</source>
        <translation>&amp;Obnovit</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="104" />
        <source>&amp;Next message</source>
        <translation>&amp;Další zpráva</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="105" />
        <source>&amp;Previous message</source>
        <translation>&amp;Předchozí zpráva</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="109" />
        <source>Group by &amp;conversation</source>
        <translation>Seskupit podle &amp;konverzace</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="113" />
        <source>&amp;Outbox</source>
        <translation>&amp;K odeslání</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/actions.py" line="114" />
        <source>&amp;About Holub</source>
        <translation>&amp;O Holubovi</translation>
    </message>
</context>
<context>
    <name>AppPasswordHint</name>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="46" />
        <source>With two-factor authentication switched on, use an app password created in your provider's security settings.</source>
        <translation>Máte-li zapnuté dvoufázové ověření, použijte heslo aplikace vytvořené v nastavení zabezpečení u svého poskytovatele.</translation>
    </message>
</context>
<context>
    <name>ComposeWindow</name>
    <message>
        <location filename="../../desktop/ui/compose/window.py" line="56" />
        <source>On {date}, {sender} wrote:</source>
        <translation>Dne {date} napsal(a) {sender}:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/window.py" line="57" />
        <source>---------- Forwarded message ----------</source>
        <translation>---------- Přeposlaná zpráva ----------</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/window.py" line="58" />
        <source>From</source>
        <translation>Od</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/window.py" line="59" />
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/window.py" line="60" />
        <source>Subject</source>
        <translation>Předmět</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/window.py" line="61" />
        <source>To</source>
        <translation>Komu</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/window.py" line="62" />
        <source>Cc</source>
        <translation>Kopie</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/window.py" line="159" />
        <source>name@example.com, another@example.com</source>
        <extracomment>outbox id, final state ("sent" | "failed"), error text</extracomment>
        <translation>jmeno@example.com, dalsi@example.com</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/window.py" line="160" />
        <source>From:</source>
        <translation>Od:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/window.py" line="161" />
        <source>To:</source>
        <translation>Komu:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/window.py" line="162" />
        <source>Cc:</source>
        <translation>Kopie:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/window.py" line="163" />
        <source>Bcc:</source>
        <translation>Skrytá kopie:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/window.py" line="164" />
        <source>Subject:</source>
        <translation>Předmět:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/window.py" line="176" />
        <source>Attach…</source>
        <translation>Přiložit…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/window.py" line="177" />
        <source>Remove</source>
        <translation>Odebrat</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/window.py" line="192" />
        <source>Send</source>
        <translation>Odeslat</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/window.py" line="194" />
        <source>Send (Ctrl+Enter)</source>
        <translation>Odeslat (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/window.py" line="196" />
        <source>Retry</source>
        <translation>Zkusit znovu</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/window.py" line="199" />
        <source>Edit</source>
        <translation>Upravit</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/window.py" line="201" />
        <source>Take the message back from the Outbox to change it (e.g. an address)</source>
        <translation>Vzít zprávu zpět ze složky K odeslání a upravit ji (např. adresu)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/window.py" line="223" />
        <source>Formatting</source>
        <translation>Formátování</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/window.py" line="224" />
        <source>Bold</source>
        <translation>Tučně</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/window.py" line="228" />
        <source>Italic</source>
        <translation>Kurzíva</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/window.py" line="232" />
        <source>Link…</source>
        <translation>Odkaz…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/window.py" line="235" />
        <source>Bulleted list</source>
        <translation>Odrážky</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/window.py" line="239" />
        <source>Numbered list</source>
        <translation>Číslovaný seznam</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/window.py" line="289" />
        <source>Insert link</source>
        <translation>Vložit odkaz</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/window.py" line="290" />
        <source>Address (URL):</source>
        <translation>Adresa (URL):</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/window.py" line="322" />
        <source>Attach files</source>
        <translation>Přiložit soubory</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/window.py" line="417" />
        <source>(no subject)</source>
        <translation>(bez předmětu)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/window.py" line="418" />
        <source>Compose: {subject}</source>
        <translation>Nová zpráva: {subject}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/window.py" line="457" />
        <source>Choose the mailbox to send from.</source>
        <translation>Vyberte schránku, ze které se má odeslat.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/window.py" line="487" />
        <location filename="../../desktop/ui/compose/window.py" line="505" />
        <source>Sending…</source>
        <translation>Odesílám…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/window.py" line="533" />
        <source>Sent.</source>
        <translation>Odesláno.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/window.py" line="538" />
        <source>Not sent: {error}. The message waits in the Outbox.</source>
        <translation>Neodesláno: {error}. Zpráva čeká ve složce K odeslání.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/window.py" line="539" />
        <source>unknown error</source>
        <translation>neznámá chyba</translation>
    </message>
</context>
<context>
    <name>ConnectionForm</name>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="59" />
        <source>IMAP server:</source>
        <translation>Server IMAP:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="60" />
        <source>IMAP port:</source>
        <translation>Port IMAP:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="61" />
        <source>IMAP login method:</source>
        <translation>Způsob přihlášení k IMAP:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="62" />
        <source>SMTP server:</source>
        <translation>Server SMTP:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="63" />
        <source>SMTP port:</source>
        <translation>Port SMTP:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="64" />
        <source>SMTP login method:</source>
        <translation>Způsob přihlášení k SMTP:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="65" />
        <source>Login:</source>
        <translation>Přihlašovací jméno:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="66" />
        <source>Password:</source>
        <translation>Heslo:</translation>
    </message>
</context>
<context>
    <name>CreateObjectDialog</name>
    <message>
        <location filename="../../desktop/ui/crm/create.py" line="34" />
        <source>New company from this e-mail</source>
        <translation>Nová firma z tohoto e-mailu</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/create.py" line="35" />
        <source>New contact from this e-mail</source>
        <translation>Nový kontakt z tohoto e-mailu</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/create.py" line="36" />
        <source>New project from this e-mail</source>
        <translation>Nový projekt z tohoto e-mailu</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/create.py" line="37" />
        <source>New task from this e-mail</source>
        <translation>Nový úkol z tohoto e-mailu</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/create.py" line="43" />
        <source>Name</source>
        <translation>Název</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/create.py" line="46" />
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/create.py" line="52" />
        <location filename="../../desktop/ui/crm/create.py" line="62" />
        <source>(none)</source>
        <translation>(žádná)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/create.py" line="58" />
        <source>Company</source>
        <translation>Firma</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/create.py" line="68" />
        <source>Project</source>
        <translation>Projekt</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/create.py" line="71" />
        <source>File this e-mail under it</source>
        <translation>Zařadit pod něj tento e-mail</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/create.py" line="80" />
        <source>Create</source>
        <translation>Vytvořit</translation>
    </message>
</context>
<context>
    <name>CrmLoginDialog</name>
    <message>
        <location filename="../../desktop/ui/crm/login.py" line="58" />
        <source>Connect Caflou</source>
        <translation>Připojit Caflou</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/login.py" line="64" />
        <source>only with two-factor sign-in</source>
        <translation>jen při dvoufázovém přihlášení</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/login.py" line="66" />
        <source>Account</source>
        <translation>Účet</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/login.py" line="70" />
        <source>Caflou address</source>
        <translation>Adresa Caflou</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/login.py" line="71" />
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/login.py" line="72" />
        <source>Password</source>
        <translation>Heslo</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/login.py" line="73" />
        <source>Two-factor code</source>
        <translation>Dvoufázový kód</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/login.py" line="80" />
        <source>Sign in</source>
        <translation>Přihlásit</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/login.py" line="115" />
        <source>Signing in and reading the CRM…</source>
        <translation>Přihlašuji a načítám CRM…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/login.py" line="143" />
        <source>Choose the account Holub should use.</source>
        <translation>Vyberte účet, který má Holub používat.</translation>
    </message>
</context>
<context>
    <name>CrmObjectView</name>
    <message>
        <location filename="../../desktop/ui/crm/object_view.py" line="62" />
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/object_view.py" line="62" />
        <source>From</source>
        <translation>Od</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/object_view.py" line="62" />
        <source>Subject</source>
        <translation>Předmět</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/object_view.py" line="75" />
        <source>Remove from this company</source>
        <translation>Odebrat z této firmy</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/object_view.py" line="76" />
        <source>Remove from this project</source>
        <translation>Odebrat z tohoto projektu</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/object_view.py" line="77" />
        <source>Remove from this task</source>
        <translation>Odebrat z tohoto úkolu</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/object_view.py" line="91" />
        <source>Details</source>
        <translation>Podrobnosti</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/object_view.py" line="92" />
        <source>E-mails</source>
        <translation>E-maily</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/object_view.py" line="105" />
        <source>Search by name or #id</source>
        <translation>Hledat podle názvu nebo #id</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/object_view.py" line="159" />
        <source>(not in the CRM)</source>
        <translation>(v CRM není)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/object_view.py" line="183" />
        <source>E-mails (%1)</source>
        <translation>E-maily (%1)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/object_view.py" line="190" />
        <source>Id</source>
        <translation>Id</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/object_view.py" line="194" />
        <location filename="../../desktop/ui/crm/object_view.py" line="205" />
        <source>Name</source>
        <translation>Název</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/object_view.py" line="198" />
        <location filename="../../desktop/ui/crm/object_view.py" line="207" />
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/object_view.py" line="202" />
        <source>Contacts</source>
        <translation>Kontakty</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/object_view.py" line="208" />
        <source>Add contact</source>
        <translation>Přidat kontakt</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/object_view.py" line="218" />
        <source>Project</source>
        <translation>Projekt</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/object_view.py" line="222" />
        <source>Company</source>
        <translation>Firma</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/object_view.py" line="225" />
        <source>Save</source>
        <translation>Uložit</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/object_view.py" line="226" />
        <source>Delete</source>
        <translation>Smazat</translation>
    </message>
</context>
<context>
    <name>DraftsView</name>
    <message>
        <location filename="../../desktop/ui/compose/drafts_view.py" line="46" />
        <source>Drafts</source>
        <translation>Koncepty</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/drafts_view.py" line="48" />
        <source>Mailbox</source>
        <translation>Schránka</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/drafts_view.py" line="48" />
        <source>To</source>
        <translation>Komu</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/drafts_view.py" line="48" />
        <source>Subject</source>
        <translation>Předmět</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/drafts_view.py" line="48" />
        <source>Edited</source>
        <translation>Upraveno</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/drafts_view.py" line="54" />
        <source>Open</source>
        <translation>Otevřít</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/drafts_view.py" line="55" />
        <source>Go on writing this message</source>
        <translation>Pokračovat v psaní této zprávy</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/drafts_view.py" line="57" />
        <source>Discard</source>
        <translation>Zahodit</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/drafts_view.py" line="58" />
        <source>Delete the draft without sending it</source>
        <translation>Smazat koncept bez odeslání</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/drafts_view.py" line="60" />
        <source>No drafts.</source>
        <translation>Žádné koncepty.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/drafts_view.py" line="84" />
        <location filename="../../desktop/ui/compose/drafts_view.py" line="124" />
        <source>(no subject)</source>
        <translation>(bez předmětu)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/drafts_view.py" line="122" />
        <source>Discard draft</source>
        <translation>Zahodit koncept</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/compose/drafts_view.py" line="123" />
        <source>Discard the draft “{subject}”? It cannot be brought back.</source>
        <translation>Zahodit koncept „{subject}“? Vrátit to nepůjde.</translation>
    </message>
</context>
<context>
    <name>FilePickerDialog</name>
    <message>
        <location filename="../../desktop/ui/crm/picker.py" line="39" />
        <source>File under…</source>
        <translation>Zařadit pod…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/picker.py" line="42" />
        <source>Company, project or task name or #id</source>
        <translation>Název firmy, projektu či úkolu nebo #id</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/picker.py" line="45" />
        <source>Everything</source>
        <translation>Vše</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/picker.py" line="56" />
        <source>File</source>
        <translation>Zařadit</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/crm/picker.py" line="62" />
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
        <location filename="../../desktop/ui/folder_tree.py" line="125" />
        <source>Inbox</source>
        <translation>Doručená pošta</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/folder_tree.py" line="136" />
        <source>Signals</source>
        <translation>Signály</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/folder_tree.py" line="141" />
        <source>Outbox</source>
        <translation>K odeslání</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/folder_tree.py" line="143" />
        <source>Drafts</source>
        <translation>Koncepty</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/folder_tree.py" line="146" />
        <source>CRM</source>
        <translation>CRM</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/folder_tree.py" line="147" />
        <source>Companies</source>
        <translation>Firmy</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/folder_tree.py" line="148" />
        <source>Projects</source>
        <translation>Projekty</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/folder_tree.py" line="149" />
        <source>Tasks</source>
        <translation>Úkoly</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/folder_tree.py" line="152" />
        <source>Search: %1</source>
        <translation>Hledání: %1</translation>
    </message>
</context>
<context>
    <name>LoginMethod</name>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="80" />
        <source>Plain</source>
        <translation>PLAIN</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="81" />
        <source>Login</source>
        <translation>LOGIN</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/account_dialog.py" line="83" />
        <source>How Holub sends the password: Plain uses PLAIN, or LOGIN where the server has only that; Login always uses LOGIN. Leave Plain unless told otherwise.</source>
        <translation>Jak Holub posílá heslo: PLAIN použije PLAIN, nebo LOGIN, pokud server nabízí jen ten; LOGIN použije vždy LOGIN. Ponechte PLAIN, pokud vám někdo neřekne jinak.</translation>
    </message>
</context>
<context>
    <name>MailboxSettingsDialog</name>
    <message>
        <location filename="../../desktop/ui/mailbox_settings.py" line="111" />
        <source>Mailbox settings – %1</source>
        <translation>Nastavení schránky – %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/mailbox_settings.py" line="120" />
        <source>Set when the mailbox was added; it cannot change.</source>
        <translation>Nastaveno při přidání schránky; nelze změnit.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/mailbox_settings.py" line="121" />
        <source>File e-mail under CRM objects automatically</source>
        <translation>Automaticky párovat e-maily s CRM</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/mailbox_settings.py" line="123" />
        <source>Suggest CRM objects (signals)</source>
        <translation>Navrhovat objekty CRM (signály)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/mailbox_settings.py" line="125" />
        <source>Show a snippet in the message list</source>
        <translation>Zobrazit v seznamu zpráv úryvek</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/mailbox_settings.py" line="127" />
        <source>Notify me of new mail</source>
        <translation>Upozorňovat na novou poštu</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/mailbox_settings.py" line="131" />
        <source>Connection name:</source>
        <translation>Název připojení:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/mailbox_settings.py" line="132" />
        <source>E-mail address:</source>
        <translation>E-mailová adresa:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/mailbox_settings.py" line="133" />
        <source>Sender name:</source>
        <translation>Jméno odesílatele:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/mailbox_settings.py" line="134" />
        <source>Import e-mails from:</source>
        <translation>Importovat e-maily od:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/mailbox_settings.py" line="147" />
        <source>Add the signature to replies and forwards too</source>
        <translation>Vkládat podpis i do odpovědí a přeposílaných zpráv</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/mailbox_settings.py" line="150" />
        <source>Bold</source>
        <translation>Tučně</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/mailbox_settings.py" line="151" />
        <source>Italic</source>
        <translation>Kurzíva</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/mailbox_settings.py" line="152" />
        <source>Link…</source>
        <translation>Odkaz…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/mailbox_settings.py" line="154" />
        <source>Insert a picture (logo)…</source>
        <translation>Vložit obrázek (logo)…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/mailbox_settings.py" line="154" />
        <source>Picture…</source>
        <translation>Obrázek…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/mailbox_settings.py" line="175" />
        <source>Colleague's e-mail</source>
        <translation>E-mail kolegy</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/mailbox_settings.py" line="175" />
        <source>Access</source>
        <translation>Přístup</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/mailbox_settings.py" line="180" />
        <source>Add</source>
        <translation>Přidat</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/mailbox_settings.py" line="182" />
        <source>Remove</source>
        <translation>Odebrat</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/mailbox_settings.py" line="191" />
        <source>Never pair these addresses or domains (one per line):</source>
        <translation>Tyto adresy a domény nikdy nepárovat (jedna na řádek):</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/mailbox_settings.py" line="194" />
        <source>Shared with:</source>
        <translation>Sdíleno s:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/mailbox_settings.py" line="208" />
        <source>the e-mail address, if empty</source>
        <translation>e-mailová adresa, pokud je prázdné</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/mailbox_settings.py" line="211" />
        <source>unchanged</source>
        <translation>beze změny</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/mailbox_settings.py" line="219" />
        <source>General</source>
        <translation>Obecné</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/mailbox_settings.py" line="220" />
        <source>Signature</source>
        <translation>Podpis</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/mailbox_settings.py" line="221" />
        <source>Pairing and sharing</source>
        <translation>Párování a sdílení</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/mailbox_settings.py" line="223" />
        <source>Connection</source>
        <translation>Připojení</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/mailbox_settings.py" line="269" />
        <source>Link</source>
        <translation>Odkaz</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/mailbox_settings.py" line="270" />
        <source>Web address (https://…) or e-mail address:</source>
        <translation>Webová adresa (https://…) nebo e-mail:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/mailbox_settings.py" line="283" />
        <source>A link must be a web address or an e-mail address.</source>
        <translation>Odkaz musí být webová adresa nebo e-mailová adresa.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/mailbox_settings.py" line="297" />
        <source>Insert a picture</source>
        <translation>Vložit obrázek</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/mailbox_settings.py" line="298" />
        <source>Pictures (*.png *.jpg *.jpeg *.gif)</source>
        <translation>Obrázky (*.png *.jpg *.jpeg *.gif)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/mailbox_settings.py" line="323" />
        <source>Read</source>
        <translation>Čtení</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/mailbox_settings.py" line="324" />
        <source>Read+Write</source>
        <translation>Čtení a zápis</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/mailbox_settings.py" line="408" />
        <source>The connection name must not be empty.</source>
        <translation>Název připojení nesmí být prázdný.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/mailbox_settings.py" line="440" />
        <source>Signing in to the IMAP and SMTP servers…</source>
        <translation>Přihlašuji se k serverům IMAP a SMTP…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/mailbox_settings.py" line="442" />
        <source>Saving…</source>
        <translation>Ukládání…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="362" />
        <source>demo</source>
        <translation>ukázka</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="367" />
        <source>Search (from: to: subject: has:attachment is:unread before: after:)</source>
        <translation>Hledat (from: to: subject: has:attachment is:unread before: after:)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="369" />
        <source>Sync error – details</source>
        <translation>Chyba synchronizace – podrobnosti</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="372" />
        <source>Filed under:</source>
        <translation>Zařazeno k:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="555" />
        <source>The CRM views are not available in this build.</source>
        <translation>Pohledy CRM nejsou v této verzi k dispozici.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/main_window.py" line="665" />
        <source>Delete %n message(s)</source>
        <translation>
            <numerusform>Odstranit %n zprávu</numerusform>
            <numerusform>Odstranit %n zprávy</numerusform>
            <numerusform>Odstranit %n zpráv</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/main_window.py" line="676" />
        <source>%n message(s) hidden in Holub (still on the server). Ctrl+Z brings them back.</source>
        <translation>
            <numerusform>%n zpráva skryta v Holubovi (na serveru zůstává). Ctrl+Z ji vrátí.</numerusform>
            <numerusform>%n zprávy skryty v Holubovi (na serveru zůstávají). Ctrl+Z je vrátí.</numerusform>
            <numerusform>%n zpráv skryto v Holubovi (na serveru zůstávají). Ctrl+Z je vrátí.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="685" />
        <source>Nothing to undo</source>
        <translation>Není co vrátit</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/main_window.py" line="746" />
        <source>%n message(s) found</source>
        <translation>
            <numerusform>Nalezena %n zpráva</numerusform>
            <numerusform>Nalezeny %n zprávy</numerusform>
            <numerusform>Nalezeno %n zpráv</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="760" />
        <source>Imported mail is not synchronised</source>
        <translation>Importovaná pošta se nesynchronizuje</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="762" />
        <source>Choose a mailbox to refresh</source>
        <translation>Vyberte schránku, kterou chcete obnovit</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="769" />
        <source>Synchronising %1…</source>
        <translation>Synchronizuji %1…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="773" />
        <source>Refresh is possible once every 5 minutes; available again at %1</source>
        <translation>Obnovit lze jednou za 5 minut; znovu to půjde v %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="781" />
        <source>Synchronise %1 now (F5)</source>
        <translation>Synchronizovat %1 hned (F5)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="866" />
        <source>%1 › %2: %3 messages, %4 unread</source>
        <translation>%1 › %2: %3 zpráv, %4 nepřečtených</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="879" />
        <source>never</source>
        <translation>nikdy</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="883" />
        <source>Last sync: %1</source>
        <translation>Poslední synchronizace: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="896" />
        <source>Synchronisation failed</source>
        <translation>Synchronizace selhala</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="909" />
        <source>Something went wrong: %1 (details in holub.log)</source>
        <translation>Něco se pokazilo: %1 (podrobnosti v holub.log)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/main_window.py" line="934" />
        <source>%n new message(s) in %1</source>
        <translation>
            <numerusform>%n nová zpráva ve schránce %1</numerusform>
            <numerusform>%n nové zprávy ve schránce %1</numerusform>
            <numerusform>%n nových zpráv ve schránce %1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="949" />
        <source>Writing mail is not available in this build.</source>
        <translation>Psaní zpráv není v této verzi k dispozici.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="1110" />
        <source>About Holub</source>
        <translation>O Holubovi</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="1111" />
        <source>Holub — e-mail filed under your CRM's companies, projects and tasks.</source>
        <translation>Holub — e-maily zařazené k firmám, projektům a úkolům ve vašem CRM.</translation>
    </message>
</context>
<context>
    <name>MessageDelegate</name>
    <message>
        <location filename="../../desktop/ui/message_list.py" line="583" />
        <source>(no subject)</source>
        <translation>(bez předmětu)</translation>
    </message>
</context>
<context>
    <name>MessageListModel</name>
    <message>
        <location filename="../../desktop/ui/message_list.py" line="358" />
        <source>From</source>
        <translation>Od</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/message_list.py" line="359" />
        <source>Subject</source>
        <translation>Předmět</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/message_list.py" line="360" />
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/message_list.py" line="361" />
        <source>Size</source>
        <translation>Velikost</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/message_list.py" line="365" />
        <source>Starred, has attachments, filed under a CRM object</source>
        <translation>S hvězdičkou, s přílohou, zařazeno k objektu CRM</translation>
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
    <name>PlainReader</name>
    <message>
        <location filename="../../desktop/ui/placeholders.py" line="46" />
        <source>This message could not be read fully; its source is shown.</source>
        <translation>Zprávu se nepodařilo přečíst celou; zobrazuje se její zdroj.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/placeholders.py" line="53" />
        <source>From</source>
        <translation>Od</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/placeholders.py" line="56" />
        <source>To</source>
        <translation>Komu</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/placeholders.py" line="57" />
        <source>Date</source>
        <translation>Datum</translation>
    </message>
</context>
<context>
    <name>ReaderView</name>
    <message>
        <location filename="../../desktop/ui/reader/view.py" line="132" />
        <source>Plain text</source>
        <translation>Prostý text</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reader/view.py" line="133" />
        <source>Show the message as plain text</source>
        <translation>Zobrazit zprávu jako prostý text</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reader/view.py" line="142" />
        <source>Remote content blocked</source>
        <translation>Vzdálený obsah je zablokován</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reader/view.py" line="143" />
        <source>Load remote content</source>
        <translation>Načíst vzdálený obsah</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reader/view.py" line="144" />
        <source>Always for this sender</source>
        <translation>Vždy od tohoto odesílatele</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/reader/view.py" line="259" />
        <source>Remote content blocked: %n item(s)</source>
        <translation>
            <numerusform>Zablokován vzdálený obsah: %n položka</numerusform>
            <numerusform>Zablokován vzdálený obsah: %n položky</numerusform>
            <numerusform>Zablokován vzdálený obsah: %n položek</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reader/view.py" line="300" />
        <source>From</source>
        <translation>Od</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reader/view.py" line="301" />
        <source>To</source>
        <translation>Komu</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reader/view.py" line="302" />
        <source>Cc</source>
        <translation>Kopie</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reader/view.py" line="303" />
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reader/view.py" line="304" />
        <source>Subject</source>
        <translation>Předmět</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reader/view.py" line="309" />
        <source>This message could not be read; its raw source is shown.</source>
        <translation>Zprávu se nepodařilo přečíst; zobrazuje se její zdrojový text.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reader/view.py" line="310" />
        <source>Parts of this message could not be read.</source>
        <translation>Části této zprávy se nepodařilo přečíst.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reader/view.py" line="311" />
        <source>This message has no content stored.</source>
        <translation>Tato zpráva nemá uložený žádný obsah.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reader/view.py" line="334" />
        <source>(unnamed)</source>
        <translation>(bez názvu)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reader/view.py" line="337" />
        <source>Save…</source>
        <translation>Uložit…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reader/view.py" line="338" />
        <source>Open</source>
        <translation>Otevřít</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reader/view.py" line="345" />
        <source>This file could run a program: save it and open it yourself.</source>
        <translation>Tento soubor může spustit program: uložte si ho a otevřete sami.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reader/view.py" line="355" />
        <source>Save attachment</source>
        <translation>Uložit přílohu</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../desktop/ui/settings.py" line="48" />
        <source>Settings</source>
        <translation>Nastavení</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="51" />
        <source>System language</source>
        <translation>Jazyk systému</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="56" />
        <source>Announce new mail</source>
        <translation>Oznamovat novou poštu</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="59" />
        <source>Show an icon in the system tray</source>
        <translation>Zobrazit ikonu v oznamovací oblasti</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="63" />
        <source>Language:</source>
        <translation>Jazyk:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings.py" line="64" />
        <source>Notifications:</source>
        <translation>Oznámení:</translation>
    </message>
</context>
<context>
    <name>SignalsView</name>
    <message>
        <location filename="../../desktop/ui/crm/signals.py" line="36" />
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/signals.py" line="37" />
        <source>From</source>
        <translation>Od</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/signals.py" line="38" />
        <source>Subject</source>
        <translation>Předmět</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/signals.py" line="39" />
        <source>Suggestion</source>
        <translation>Návrh</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/signals.py" line="40" />
        <source>Why</source>
        <translation>Proč</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/signals.py" line="53" />
        <source>Accept</source>
        <translation>Přijmout</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/signals.py" line="54" />
        <source>Dismiss</source>
        <translation>Zamítnout</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/signals.py" line="55" />
        <source>File the selected messages (A)</source>
        <translation>Zařadit vybrané zprávy (A)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/crm/signals.py" line="56" />
        <source>Forget the selected suggestions (D)</source>
        <translation>Zapomenout vybrané návrhy (D)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/crm/signals.py" line="101" />
        <source>%n open signal(s)</source>
        <translation>
            <numerusform>%n otevřený signál</numerusform>
            <numerusform>%n otevřené signály</numerusform>
            <numerusform>%n otevřených signálů</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="118" />
        <source>Welcome to Holub</source>
        <translation>Vítejte v Holubovi</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="121" />
        <source>Holub files your e-mail under the companies, projects and tasks it belongs to. Add a mailbox to start, or look around in the demo first.</source>
        <translation>Holub zařazuje vaše e-maily k firmám, projektům a úkolům, ke kterým patří. Začněte přidáním schránky, nebo se nejdřív rozhlédněte v ukázce.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="125" />
        <source>Add mailbox…</source>
        <translation>Přidat schránku…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="126" />
        <source>Open the demo</source>
        <translation>Otevřít ukázku</translation>
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
</TS>