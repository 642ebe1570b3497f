<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>bk::Engine</name>
    <message numerus="yes">
        <source>Engine %1 started with %n connector(s)</source>
        <translation>
            <numerusform>Engine %1 started with %n connector</numerusform>
            <numerusform>Engine %1 started with %n connectors</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bk::ReplayPlanner</name>
    <message numerus="yes">
        <source>the payload does not fit %1: %2 (%3) and %n more</source>
        <translation>
            <numerusform>the payload does not fit %1: %2 (%3) and %n more</numerusform>
            <numerusform>the payload does not fit %1: %2 (%3) and %n more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bk::ui::AlertHistoryPage</name>
    <message numerus="yes">
        <source>%n alert(s) since the console started (warning and critical).</source>
        <translation>
            <numerusform>%n alert since the console started (warning and critical).</numerusform>
            <numerusform>%n alerts since the console started (warning and critical).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bk::ui::AuditLogView</name>
    <message numerus="yes">
        <source>Chain verified: %n entr(y/ies), none altered, removed or inserted.</source>
        <translation>
            <numerusform>Chain verified: %n entry, none altered, removed or inserted.</numerusform>
            <numerusform>Chain verified: %n entries, none altered, removed or inserted.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bk::ui::DeadLetterPage</name>
    <message numerus="yes">
        <source>%n dead letter(s)</source>
        <translation>
            <numerusform>%n dead letter</numerusform>
            <numerusform>%n dead letters</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Started a replay job for %n dead letter(s).</source>
        <translation>
            <numerusform>Started a replay job for %n dead letter.</numerusform>
            <numerusform>Started a replay job for %n dead letters.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bk::ui::DiscardDialog</name>
    <message numerus="yes">
        <source>Discard %n dead letter(s)? They stay in the store, marked discarded, and the reason is written to the audit log.</source>
        <translation>
            <numerusform>Discard %n dead letter? It stays in the store, marked discarded, and the reason is written to the audit log.</numerusform>
            <numerusform>Discard %n dead letters? They stay in the store, marked discarded, and the reason is written to the audit log.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bk::ui::DryRunView</name>
    <message numerus="yes">
        <source>Would send %1 — %n problem(s) against %2; the replay would be refused.</source>
        <translation>
            <numerusform>Would send %1 — %n problem against %2; the replay would be refused.</numerusform>
            <numerusform>Would send %1 — %n problems against %2; the replay would be refused.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bk::ui::FleetPage</name>
    <message numerus="yes">
        <source>%n engine(s) share this store: %1 running, %2 silent (no heartbeat for %3), %4 stopped · %5 claim(s) held · read %6</source>
        <translation>
            <numerusform>%n engine shares this store: %1 running, %2 silent (no heartbeat for %3), %4 stopped · %5 claim(s) held · read %6</numerusform>
            <numerusform>%n engines share this store: %1 running, %2 silent (no heartbeat for %3), %4 stopped · %5 claim(s) held · read %6</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bk::ui::ImportDefinitionsDialog</name>
    <message numerus="yes">
        <source>All %n file(s) are valid. Import writes them.</source>
        <translation>
            <numerusform>The file is valid. Import writes it.</numerusform>
            <numerusform>All %n files are valid. Import writes them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;Nothing can be imported:&lt;/b&gt; %n problem(s) found. Fix them and choose the zip again.</source>
        <translation>
            <numerusform>&lt;b&gt;Nothing can be imported:&lt;/b&gt; %n problem found. Fix them and choose the zip again.</numerusform>
            <numerusform>&lt;b&gt;Nothing can be imported:&lt;/b&gt; %n problems found. Fix them and choose the zip again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported %n file(s). Reopen the workspace so the engine uses them.</source>
        <translation>
            <numerusform>Imported %n file. Reopen the workspace so the engine uses them.</numerusform>
            <numerusform>Imported %n files. Reopen the workspace so the engine uses them.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bk::ui::MainWindow</name>
    <message numerus="yes">
        <source>%n connector(s) need attention; worst: %1</source>
        <translation>
            <numerusform>%n connector needs attention: %1</numerusform>
            <numerusform>%n connectors need attention; worst: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bk::ui::PayloadEditor</name>
    <message numerus="yes">
        <source>%n problem(s): replay is disabled until they are fixed.</source>
        <translation>
            <numerusform>%n problem: replay is disabled until they are fixed.</numerusform>
            <numerusform>%n problems: replay is disabled until they are fixed.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bk::ui::ReconcilePage</name>
    <message numerus="yes">
        <source>Resynced %n record(s).</source>
        <translation>
            <numerusform>Resynced %n record.</numerusform>
            <numerusform>Resynced %n records.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bk::ui::SupportBundleDialog</name>
    <message numerus="yes">
        <source>Include the %n selected dead letter(s)</source>
        <translation>
            <numerusform>Include the selected dead letter</numerusform>
            <numerusform>Include the %n selected dead letters</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Wrote &lt;b&gt;%1&lt;/b&gt; (%2, %n file(s)).</source>
        <translation>
            <numerusform>Wrote &lt;b&gt;%1&lt;/b&gt; (%2, %n file).</numerusform>
            <numerusform>Wrote &lt;b&gt;%1&lt;/b&gt; (%2, %n files).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bk::ui::TokenPanel</name>
    <message numerus="yes">
        <source>expires in %n day(s)</source>
        <translation>
            <numerusform>expires in %n day</numerusform>
            <numerusform>expires in %n days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bk::ui::TrayController</name>
    <message numerus="yes">
        <source>%n more alert(s); see the alert history.</source>
        <translation>
            <numerusform>%n more alert; see the alert history.</numerusform>
            <numerusform>%n more alerts; see the alert history.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bk::ui::firstrun::MappingPage</name>
    <message numerus="yes">
        <source>%1
%n field(s) mapped. Source connection: %2; destination connection: %3.</source>
        <translation>
            <numerusform>%1
%n field mapped. Source connection: %2; destination connection: %3.</numerusform>
            <numerusform>%1
%n fields mapped. Source connection: %2; destination connection: %3.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message numerus="yes">
        <source>%1 is valid; %n file(s) would be written:
</source>
        <translation>
            <numerusform>%1 is valid; %n file would be written:
</numerusform>
            <numerusform>%1 is valid; %n files would be written:
</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>imported %n file(s) from %1:
</source>
        <translation>
            <numerusform>imported %n file from %1:
</numerusform>
            <numerusform>imported %n files from %1:
</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>wrote %1 (%n file(s), %2 bytes)
</source>
        <translation>
            <numerusform>wrote %1 (%n file, %2 bytes)
</numerusform>
            <numerusform>wrote %1 (%n files, %2 bytes)
</numerusform>
        </translation>
    </message>
</context>
</TS>
