<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en">
<context>
    <name>FilePickerDialog</name>
    <message numerus="yes">
        <location filename="../../desktop/ui/crm/picker.py" line="62" />
        <source>File %n message(s) under:</source>
        <translation><numerusform>File %n message under:</numerusform><numerusform>File %n messages under:</numerusform></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <location filename="../../desktop/ui/main_window.py" line="665" />
        <source>Delete %n message(s)</source>
        <translation><numerusform>Delete %n message</numerusform><numerusform>Delete %n messages</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/main_window.py" line="676" />
        <source>%n message(s) hidden in Holub (still on the server). Ctrl+Z brings them back.</source>
        <translation><numerusform>%n message hidden in Holub (still on the server). Ctrl+Z brings them back.</numerusform><numerusform>%n messages hidden in Holub (still on the server). Ctrl+Z brings them back.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/main_window.py" line="746" />
        <source>%n message(s) found</source>
        <translation><numerusform>%n message found</numerusform><numerusform>%n messages found</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/main_window.py" line="934" />
        <source>%n new message(s) in %1</source>
        <translation><numerusform>%n new message in %1</numerusform><numerusform>%n new messages in %1</numerusform></translation>
    </message>
</context>
<context>
    <name>ReaderView</name>
    <message numerus="yes">
        <location filename="../../desktop/ui/reader/view.py" line="259" />
        <source>Remote content blocked: %n item(s)</source>
        <translation><numerusform>Remote content blocked: %n item</numerusform><numerusform>Remote content blocked: %n items</numerusform></translation>
    </message>
</context>
<context>
    <name>SignalsView</name>
    <message numerus="yes">
        <location filename="../../desktop/ui/crm/signals.py" line="101" />
        <source>%n open signal(s)</source>
        <translation><numerusform>%n open signal</numerusform><numerusform>%n open signals</numerusform></translation>
    </message>
</context>
</TS>