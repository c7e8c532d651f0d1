<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en">
<context>
    <name>FilePickerDialog</name>
    <message numerus="yes">
        <location filename="../../desktop/ui/crm/picker.py" line="57" />
        <source>File %n message(s) under:</source>
        <translation><numerusform>File %n message under:</numerusform><numerusform>File %n messages under:</numerusform></translation>
    </message>
</context>
<context>
    <name>MailPane</name>
    <message numerus="yes">
        <location filename="../../desktop/ui/mail_pane.py" line="373" />
        <source>%n message(s) hidden in Holub (still on the server). Ctrl+Z brings them back.</source>
        <translation><numerusform>%n message hidden in Holub (still on the server). Ctrl+Z brings them back.</numerusform><numerusform>%n messages hidden in Holub (still on the server). Ctrl+Z brings them back.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/mail_pane.py" line="422" />
        <source>Restore %n message(s)</source>
        <translation><numerusform>Restore %n message</numerusform><numerusform>Restore %n messages</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/mail_pane.py" line="429" />
        <source>%n message(s) back in their folders.</source>
        <translation><numerusform>%n message back in their folders.</numerusform><numerusform>%n messages back in their folders.</numerusform></translation>
    </message>
</context>
<context>
    <name>MailboxCommands</name>
    <message numerus="yes">
        <location filename="../../desktop/ui/mailbox_commands.py" line="64" />
        <source>%n message(s) imported.</source>
        <translation><numerusform>%n message imported.</numerusform><numerusform>%n messages imported.</numerusform></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <location filename="../../desktop/ui/mail_pane.py" line="363" />
        <source>Delete %n message(s)</source>
        <translation><numerusform>Delete %n message</numerusform><numerusform>Delete %n messages</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/main_window.py" line="563" />
        <source>%n message(s) found</source>
        <translation><numerusform>%n message found</numerusform><numerusform>%n messages found</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/notifier.py" line="94" />
        <source>%n new message(s) in %1</source>
        <translation><numerusform>%n new message in %1</numerusform><numerusform>%n new messages in %1</numerusform></translation>
    </message>
</context>
<context>
    <name>ReaderView</name>
    <message numerus="yes">
        <location filename="../../desktop/ui/reader/view.py" line="370" />
        <source>Remote content blocked: %n item(s)</source>
        <translation><numerusform>Remote content blocked: %n item</numerusform><numerusform>Remote content blocked: %n items</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/reader/view.py" line="444" />
        <source> (and %n more)</source>
        <translation><numerusform> (and %n more)</numerusform><numerusform> (and %n more)</numerusform></translation>
    </message>
</context>
<context>
    <name>RuleEditor</name>
    <message numerus="yes">
        <location filename="../../desktop/ui/rules/editor.py" line="231" />
        <source>%n matching message(s)</source>
        <translation><numerusform>%n matching message</numerusform><numerusform>%n matching messages</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/rules/editor.py" line="298" />
        <source>Apply the rule to %n existing message(s)?</source>
        <translation><numerusform>Apply the rule to %n existing message?</numerusform><numerusform>Apply the rule to %n existing messages?</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/rules/editor.py" line="320" />
        <source>Applied to %n message(s).</source>
        <translation><numerusform>Applied to %n message.</numerusform><numerusform>Applied to %n messages.</numerusform></translation>
    </message>
</context>
<context>
    <name>RulesTab</name>
    <message numerus="yes">
        <location filename="../../desktop/ui/rules/tab.py" line="74" />
        <source>%n message(s)</source>
        <translation><numerusform>%n message</numerusform><numerusform>%n messages</numerusform></translation>
    </message>
</context>
<context>
    <name>SharingTab</name>
    <message numerus="yes">
        <location filename="../../desktop/ui/sharing/tab.py" line="134" />
        <source>Shared with %n colleague(s).</source>
        <translation><numerusform>Shared with %n colleague.</numerusform><numerusform>Shared with %n colleagues.</numerusform></translation>
    </message>
</context>
<context>
    <name>SignalsView</name>
    <message numerus="yes">
        <location filename="../../desktop/ui/crm/signals.py" line="144" />
        <source>%n open signal(s)</source>
        <translation><numerusform>%n open signal</numerusform><numerusform>%n open signals</numerusform></translation>
    </message>
</context>
</TS>