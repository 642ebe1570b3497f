<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl_NL" sourcelanguage="en">
<context>
    <name>Health</name>
    <message>
        <source>no report yet</source>
        <translation>nog geen melding</translation>
    </message>
    <message>
        <source>needs re-authorisation</source>
        <translation>opnieuw autoriseren nodig</translation>
    </message>
    <message>
        <source>circuit open</source>
        <translation>circuit open</translation>
    </message>
    <message>
        <source>vendor outage</source>
        <translation>storing bij leverancier</translation>
    </message>
    <message>
        <source>rate-limited</source>
        <translation>snelheid beperkt</translation>
    </message>
    <message>
        <source>degraded</source>
        <translation>verminderd</translation>
    </message>
    <message>
        <source>healthy</source>
        <translation>gezond</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>gepauzeerd</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>uitgeschakeld</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>leaky bucket of %1, leaking %2 per second</source>
        <translation>lekkende emmer van %1, lekt %2 per seconde</translation>
    </message>
    <message>
        <source>%1 per %2 (%3)</source>
        <translation>%1 per %2 (%3)</translation>
    </message>
    <message>
        <source>%1 per day, reset at %2 UTC</source>
        <translation>%1 per dag, terugzetten om %2 UTC</translation>
    </message>
    <message>
        <source>at most %1 errors per %2, else blocked for %3</source>
        <translation>hoogstens %1 fouten per %2, anders %3 geblokkeerd</translation>
    </message>
</context>
<context>
    <name>TimeFormat</name>
    <message>
        <source>%1d %2:%3</source>
        <translation>%1d %2:%3</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 u</translation>
    </message>
    <message>
        <source>%1 d</source>
        <translation>%1 d</translation>
    </message>
    <message>
        <source>now</source>
        <translation>nu</translation>
    </message>
    <message>
        <source>in %1</source>
        <translation>over %1</translation>
    </message>
    <message>
        <source>%1 ago</source>
        <translation>%1 geleden</translation>
    </message>
</context>
<context>
    <name>bk::ui::AlertHistoryPage</name>
    <message>
        <source>Alert history</source>
        <translation>Meldingengeschiedenis</translation>
    </message>
    <message>
        <source>C&amp;lear history</source>
        <translation>Geschiedenis &amp;wissen</translation>
    </message>
    <message>
        <source>Clear the alert history</source>
        <translation>De meldingengeschiedenis wissen</translation>
    </message>
    <message>
        <source>Number of alerts</source>
        <translation>Aantal meldingen</translation>
    </message>
    <message numerus="yes">
        <source>%n alert(s) since the console started (warning and critical).</source>
        <translation><numerusform>%n melding sinds de console startte (waarschuwing en kritiek).</numerusform><numerusform>%n meldingen sinds de console startte (waarschuwing en kritiek).</numerusform></translation>
    </message>
</context>
<context>
    <name>bk::ui::AuditLogView</name>
    <message>
        <source>Time</source>
        <translation>Tijd</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Gebruiker</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Actie</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Doel</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Voor</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Na</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Auditlogboek</translation>
    </message>
    <message>
        <source>Audit chain verification</source>
        <translation>Controle van de auditketen</translation>
    </message>
    <message>
        <source>&amp;Refresh audit log</source>
        <translation>Auditlogboek &amp;vernieuwen</translation>
    </message>
    <message>
        <source>Refresh audit log</source>
        <translation>Auditlogboek vernieuwen</translation>
    </message>
    <message>
        <source>Reading the audit log…</source>
        <translation>Auditlogboek lezen…</translation>
    </message>
    <message>
        <source>The audit log could not be read: %1</source>
        <translation>Het auditlogboek kon niet worden gelezen: %1</translation>
    </message>
    <message numerus="yes">
        <source>Chain verified: %n entr(y/ies), none altered, removed or inserted.</source>
        <translation><numerusform>Keten gecontroleerd: %n regel, geen enkele gewijzigd, verwijderd of ingevoegd.</numerusform><numerusform>Keten gecontroleerd: %n regels, geen enkele gewijzigd, verwijderd of ingevoegd.</numerusform></translation>
    </message>
    <message>
        <source>Chain BROKEN: %1</source>
        <translation>Keten GEBROKEN: %1</translation>
    </message>
</context>
<context>
    <name>bk::ui::BreakerPanel</name>
    <message>
        <source>Circuit breaker</source>
        <translation>Stroomonderbreker</translation>
    </message>
    <message>
        <source>Force &amp;open</source>
        <translation>&amp;Openen forceren</translation>
    </message>
    <message>
        <source>Force &amp;close</source>
        <translation>&amp;Sluiten forceren</translation>
    </message>
    <message>
        <source>&amp;Probe now</source>
        <translation>Nu &amp;testen</translation>
    </message>
    <message>
        <source>Pa&amp;use</source>
        <translation>Pa&amp;uzeren</translation>
    </message>
    <message>
        <source>Breaker state</source>
        <translation>Toestand van de onderbreker</translation>
    </message>
    <message>
        <source>Breaker policy</source>
        <translation>Beleid van de onderbreker</translation>
    </message>
    <message>
        <source>Force the circuit open</source>
        <translation>Het circuit geforceerd openen</translation>
    </message>
    <message>
        <source>Stop all calls to this connector until the circuit is closed</source>
        <translation>Alle aanroepen naar deze connector stoppen tot het circuit gesloten is</translation>
    </message>
    <message>
        <source>Force the circuit closed</source>
        <translation>Het circuit geforceerd sluiten</translation>
    </message>
    <message>
        <source>Resume calls at once, without waiting for the probe</source>
        <translation>Aanroepen meteen hervatten, zonder op de test te wachten</translation>
    </message>
    <message>
        <source>Probe the connector now</source>
        <translation>De connector nu testen</translation>
    </message>
    <message>
        <source>Send the probe request now instead of at the end of the cooldown</source>
        <translation>Het testverzoek nu versturen in plaats van na de afkoeltijd</translation>
    </message>
    <message>
        <source>Pause or resume the connector</source>
        <translation>De connector pauzeren of hervatten</translation>
    </message>
    <message>
        <source>Forced the circuit of %1 open</source>
        <translation>Circuit van %1 geforceerd geopend</translation>
    </message>
    <message>
        <source>Forced the circuit of %1 closed</source>
        <translation>Circuit van %1 geforceerd gesloten</translation>
    </message>
    <message>
        <source>Asked for a probe of %1</source>
        <translation>Test van %1 aangevraagd</translation>
    </message>
    <message>
        <source>Resumed %1</source>
        <translation>%1 hervat</translation>
    </message>
    <message>
        <source>Paused %1</source>
        <translation>%1 gepauzeerd</translation>
    </message>
    <message>
        <source>Res&amp;ume</source>
        <translation>&amp;Hervatten</translation>
    </message>
    <message>
        <source>no report yet</source>
        <translation>nog geen melding</translation>
    </message>
    <message>
        <source>Open — probe in %1 (cooldown)</source>
        <translation>Open — test over %1 (afkoeltijd)</translation>
    </message>
    <message>
        <source>Open — probe due</source>
        <translation>Open — test staat klaar</translation>
    </message>
    <message>
        <source>; opened %1</source>
        <translation>; geopend %1</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Gesloten</translation>
    </message>
    <message>
        <source> — %1 failed, %2 retried so far</source>
        <translation> — tot nu toe %1 mislukt, %2 opnieuw geprobeerd</translation>
    </message>
</context>
<context>
    <name>bk::ui::ConnectorDetail</name>
    <message>
        <source>Selected connector</source>
        <translation>Gekozen connector</translation>
    </message>
    <message>
        <source>Connector state</source>
        <translation>Toestand van de connector</translation>
    </message>
    <message>
        <source>Rate-limit gauges</source>
        <translation>Meters voor snelheidslimieten</translation>
    </message>
    <message>
        <source>Rate limits</source>
        <translation>Snelheidslimieten</translation>
    </message>
    <message>
        <source>No connector selected</source>
        <translation>Geen connector gekozen</translation>
    </message>
    <message>
        <source> — probe in %1</source>
        <translation> — test over %1</translation>
    </message>
</context>
<context>
    <name>bk::ui::ConnectorStatusModel</name>
    <message>
        <source>waiting for the engine</source>
        <translation>wacht op de engine</translation>
    </message>
    <message>
        <source>disabled in the workspace</source>
        <translation>uitgeschakeld in de werkruimte</translation>
    </message>
    <message>
        <source>probe in %1</source>
        <translation>test over %1</translation>
    </message>
    <message>
        <source>probing</source>
        <translation>bezig met testen</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Connector</source>
        <translation>Connector</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Toestand</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Sinds</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>Gelukt</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Mislukt</translation>
    </message>
    <message>
        <source>Retries</source>
        <translation>Herhalingen</translation>
    </message>
    <message>
        <source>Dead letters</source>
        <translation>Onbestelbare berichten</translation>
    </message>
    <message>
        <source>%1 (probe in %2)</source>
        <translation>%1 (test over %2)</translation>
    </message>
</context>
<context>
    <name>bk::ui::DashboardPage</name>
    <message>
        <source>Connectors</source>
        <translation>Connectoren</translation>
    </message>
    <message>
        <source>Sync progress</source>
        <translation>Synchronisatievoortgang</translation>
    </message>
    <message>
        <source>Recent events</source>
        <translation>Recente gebeurtenissen</translation>
    </message>
    <message>
        <source>Opens after %1 consecutive failures; cooldown %2, then one probe.</source>
        <translation>Opent na %1 opeenvolgende fouten; afkoeltijd %2, daarna één test.</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>onbekend</translation>
    </message>
</context>
<context>
    <name>bk::ui::DeadLetterModel</name>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Aangemaakt</translation>
    </message>
    <message>
        <source>Connector</source>
        <translation>Connector</translation>
    </message>
    <message>
        <source>Flow</source>
        <translation>Stroom</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Klasse</translation>
    </message>
    <message>
        <source>HTTP</source>
        <translation>HTTP</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Toestand</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reden</translation>
    </message>
    <message>
        <source>Replays</source>
        <translation>Herhalingen</translation>
    </message>
</context>
<context>
    <name>bk::ui::DeadLetterPage</name>
    <message>
        <source>Connector</source>
        <translation>Connector</translation>
    </message>
    <message>
        <source>Filter by connector</source>
        <translation>Filteren op connector</translation>
    </message>
    <message>
        <source>Flow</source>
        <translation>Stroom</translation>
    </message>
    <message>
        <source>Filter by flow</source>
        <translation>Filteren op stroom</translation>
    </message>
    <message>
        <source>Filter by error class</source>
        <translation>Filteren op foutklasse</translation>
    </message>
    <message>
        <source>All classes</source>
        <translation>Alle klassen</translation>
    </message>
    <message>
        <source>Filter by state</source>
        <translation>Filteren op toestand</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>Alle toestanden</translation>
    </message>
    <message>
        <source>&amp;From</source>
        <translation>&amp;Van</translation>
    </message>
    <message>
        <source>Created from</source>
        <translation>Aangemaakt vanaf</translation>
    </message>
    <message>
        <source>&amp;To</source>
        <translation>&amp;Tot</translation>
    </message>
    <message>
        <source>Created until</source>
        <translation>Aangemaakt tot</translation>
    </message>
    <message>
        <source>Search reason, URL, record ids, body…</source>
        <translation>Zoeken in reden, URL, record-id's, inhoud…</translation>
    </message>
    <message>
        <source>Search dead letters</source>
        <translation>Onbestelbare berichten zoeken</translation>
    </message>
    <message>
        <source>Number of dead letters</source>
        <translation>Aantal onbestelbare berichten</translation>
    </message>
    <message>
        <source>Re&amp;load</source>
        <translation>&amp;Opnieuw laden</translation>
    </message>
    <message>
        <source>Reload dead letters</source>
        <translation>Onbestelbare berichten opnieuw laden</translation>
    </message>
    <message>
        <source>Dead letters</source>
        <translation>Onbestelbare berichten</translation>
    </message>
    <message numerus="yes">
        <source>%n dead letter(s)</source>
        <translation><numerusform>%n onbestelbaar bericht</numerusform><numerusform>%n onbestelbare berichten</numerusform></translation>
    </message>
    <message>
        <source>Could not read dead letters: %1</source>
        <translation>Onbestelbare berichten konden niet worden gelezen: %1</translation>
    </message>
    <message>
        <source>Dead letter details</source>
        <translation>Details van het onbestelbare bericht</translation>
    </message>
    <message>
        <source>Dead letter</source>
        <translation>Onbestelbaar bericht</translation>
    </message>
    <message>
        <source>&amp;Details</source>
        <translation>&amp;Details</translation>
    </message>
    <message>
        <source>&amp;Payload</source>
        <translation>&amp;Inhoud</translation>
    </message>
    <message>
        <source>&amp;Audit log</source>
        <translation>&amp;Auditlogboek</translation>
    </message>
    <message>
        <source>&amp;Replay</source>
        <translation>&amp;Opnieuw afspelen</translation>
    </message>
    <message>
        <source>Replay this dead letter with the edited payload</source>
        <translation>Dit onbestelbare bericht opnieuw afspelen met de bewerkte inhoud</translation>
    </message>
    <message>
        <source>Replay &amp;selected…</source>
        <translation>&amp;Selectie opnieuw afspelen…</translation>
    </message>
    <message>
        <source>Replay all selected dead letters</source>
        <translation>Alle geselecteerde onbestelbare berichten opnieuw afspelen</translation>
    </message>
    <message>
        <source>D&amp;iscard…</source>
        <translation>&amp;Verwerpen…</translation>
    </message>
    <message>
        <source>Discard the selected dead letters</source>
        <translation>De geselecteerde onbestelbare berichten verwerpen</translation>
    </message>
    <message>
        <source>&amp;Export selected…</source>
        <translation>Selectie &amp;exporteren…</translation>
    </message>
    <message>
        <source>Export the selected dead letters as JSON</source>
        <translation>De geselecteerde onbestelbare berichten als JSON exporteren</translation>
    </message>
    <message>
        <source>Select a dead letter to see its request and attempts.</source>
        <translation>Kies een onbestelbaar bericht om het verzoek en de pogingen te zien.</translation>
    </message>
    <message>
        <source>Dead letter %1</source>
        <translation>Onbestelbaar bericht %1</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>Toestand:</translation>
    </message>
    <message>
        <source>Replays:</source>
        <translation>Herhalingen:</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>Reden:</translation>
    </message>
    <message>
        <source>Connector / flow:</source>
        <translation>Connector / stroom:</translation>
    </message>
    <message>
        <source>Records:</source>
        <translation>Records:</translation>
    </message>
    <message>
        <source>Created:</source>
        <translation>Aangemaakt:</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Verzoek</translation>
    </message>
    <message>
        <source>Attempts (%1)</source>
        <translation>Pogingen (%1)</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Tijd</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>Klasse</translation>
    </message>
    <message>
        <source>Response</source>
        <translation>Antwoord</translation>
    </message>
    <message>
        <source>network</source>
        <translation>netwerk</translation>
    </message>
    <message>
        <source>Fix the payload first: %1</source>
        <translation>Herstel eerst de inhoud: %1</translation>
    </message>
    <message>
        <source>Replaying dead letters…</source>
        <translation>Onbestelbare berichten opnieuw afspelen…</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Annuleren</translation>
    </message>
    <message>
        <source>Bulk replay progress</source>
        <translation>Voortgang van het opnieuw afspelen</translation>
    </message>
    <message>
        <source>Replay selected</source>
        <translation>Selectie opnieuw afspelen</translation>
    </message>
    <message>
        <source>Replaying dead letter %1 (%2 of %3)…</source>
        <translation>Onbestelbaar bericht %1 opnieuw afspelen (%2 van %3)…</translation>
    </message>
    <message>
        <source>Export dead letters</source>
        <translation>Onbestelbare berichten exporteren</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON-bestanden (*.json)</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>Geëxporteerd naar %1</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>Exporteren mislukt: %1</translation>
    </message>
</context>
<context>
    <name>bk::ui::DiscardDialog</name>
    <message>
        <source>Discard dead letters</source>
        <translation>Onbestelbare berichten verwerpen</translation>
    </message>
    <message numerus="yes">
        <source>Discard %n dead letter(s)? They stay in the store, marked discarded, and the reason is written to the audit log.</source>
        <translation><numerusform>%n onbestelbaar bericht verwerpen? Het blijft in de opslag, gemarkeerd als verworpen, en de reden komt in het auditlogboek.</numerusform><numerusform>%n onbestelbare berichten verwerpen? Ze blijven in de opslag, gemarkeerd als verworpen, en de reden komt in het auditlogboek.</numerusform></translation>
    </message>
    <message>
        <source>Reason for discarding</source>
        <translation>Reden om te verwerpen</translation>
    </message>
    <message>
        <source>Reason (required)</source>
        <translation>Reden (verplicht)</translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation>&amp;Verwerpen</translation>
    </message>
</context>
<context>
    <name>bk::ui::EventLogModel</name>
    <message>
        <source>critical</source>
        <translation>kritiek</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>waarschuwing</translation>
    </message>
    <message>
        <source>info</source>
        <translation>info</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Tijd</translation>
    </message>
    <message>
        <source>Connector</source>
        <translation>Connector</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Ernst</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Gebeurtenis</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Bericht</translation>
    </message>
</context>
<context>
    <name>bk::ui::FlowProgressModel</name>
    <message>
        <source>no report yet</source>
        <translation>nog geen melding</translation>
    </message>
    <message>
        <source>bulk sync</source>
        <translation>bulksynchronisatie</translation>
    </message>
    <message>
        <source>running</source>
        <translation>bezig</translation>
    </message>
    <message>
        <source>idle</source>
        <translation>inactief</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>%1 done</source>
        <translation>%1 klaar</translation>
    </message>
    <message>
        <source>estimating…</source>
        <translation>schatten…</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>nog %1</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nooit</translation>
    </message>
    <message>
        <source>%1, succeeded</source>
        <translation>%1, gelukt</translation>
    </message>
    <message>
        <source>%1, failed: %2</source>
        <translation>%1, mislukt: %2</translation>
    </message>
    <message>
        <source>in %1</source>
        <translation>over %1</translation>
    </message>
    <message>
        <source>due</source>
        <translation>nu aan de beurt</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>nog niet</translation>
    </message>
    <message>
        <source>%1: in step</source>
        <translation>%1: in overeenstemming</translation>
    </message>
    <message>
        <source>%1: %2 missing, %3 extra, %4 differing</source>
        <translation>%1: %2 ontbrekend, %3 extra, %4 afwijkend</translation>
    </message>
    <message>
        <source>Flow</source>
        <translation>Stroom</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Toestand</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>Records</translation>
    </message>
    <message>
        <source>ETA</source>
        <translation>Verwacht klaar</translation>
    </message>
    <message>
        <source>Last run</source>
        <translation>Laatste run</translation>
    </message>
    <message>
        <source>Next run</source>
        <translation>Volgende run</translation>
    </message>
    <message>
        <source>Last reconciliation</source>
        <translation>Laatste afstemming</translation>
    </message>
</context>
<context>
    <name>bk::ui::LagChart</name>
    <message>
        <source>Last hour</source>
        <translation>Afgelopen uur</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>Afgelopen 24 uur</translation>
    </message>
    <message>
        <source>Lag chart time range</source>
        <translation>Tijdbereik van de vertragingsgrafiek</translation>
    </message>
    <message>
        <source>&amp;Range:</source>
        <translation>&amp;Bereik:</translation>
    </message>
    <message>
        <source>p50 lag</source>
        <translation>p50-vertraging</translation>
    </message>
    <message>
        <source>p95 lag</source>
        <translation>p95-vertraging</translation>
    </message>
    <message>
        <source>backlog</source>
        <translation>achterstand</translation>
    </message>
    <message>
        <source>alert threshold</source>
        <translation>meldingsdrempel</translation>
    </message>
    <message>
        <source>lag (s)</source>
        <translation>vertraging (s)</translation>
    </message>
    <message>
        <source>Webhook lag</source>
        <translation>Webhookvertraging</translation>
    </message>
    <message>
        <source>Webhook lag chart</source>
        <translation>Grafiek van de webhookvertraging</translation>
    </message>
    <message>
        <source>p50 and p95 webhook lag, inbox backlog and the alert threshold over time</source>
        <translation>p50- en p95-webhookvertraging, achterstand van de inbox en de meldingsdrempel in de tijd</translation>
    </message>
</context>
<context>
    <name>bk::ui::LogModel</name>
    <message>
        <source>Time</source>
        <translation>Tijd</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Niveau</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Categorie</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Bericht</translation>
    </message>
</context>
<context>
    <name>bk::ui::MainWindow</name>
    <message>
        <source>Bridgekeeper</source>
        <translation>Bridgekeeper</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>Pagina's</translation>
    </message>
    <message>
        <source>&amp;Dashboard</source>
        <translation>&amp;Dashboard</translation>
    </message>
    <message>
        <source>&amp;Alerts</source>
        <translation>&amp;Meldingen</translation>
    </message>
    <message>
        <source>Retry &amp;schedule</source>
        <translation>&amp;Herhaalschema</translation>
    </message>
    <message>
        <source>&amp;Workspace</source>
        <translation>&amp;Werkruimte</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Logboek</translation>
    </message>
    <message>
        <source>Engine connection</source>
        <translation>Verbinding met de engine</translation>
    </message>
    <message>
        <source>Keychain health</source>
        <translation>Toestand van de sleutelhanger</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>Opslag</translation>
    </message>
    <message>
        <source>Show &amp;Bridgekeeper</source>
        <translation>&amp;Bridgekeeper tonen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Afsluiten</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Bestand</translation>
    </message>
    <message>
        <source>&amp;Open Workspace…</source>
        <translation>Werkruimte &amp;openen…</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Recent geopend</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>Beel&amp;d</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Meldingen</translation>
    </message>
    <message>
        <source>Retry schedule</source>
        <translation>Herhaalschema</translation>
    </message>
    <message>
        <source>Workspace</source>
        <translation>Werkruimte</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;About Bridgekeeper</source>
        <translation>&amp;Over Bridgekeeper</translation>
    </message>
    <message>
        <source>About Bridgekeeper</source>
        <translation>Over Bridgekeeper</translation>
    </message>
    <message>
        <source>&lt;b&gt;Bridgekeeper %1&lt;/b&gt;&lt;p&gt;Operations console for business-API integrations.&lt;/p&gt;</source>
        <translation>&lt;b&gt;Bridgekeeper %1&lt;/b&gt;&lt;p&gt;Beheerconsole voor koppelingen met zakelijke API's.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Engine attached</source>
        <translation>Engine verbonden</translation>
    </message>
    <message>
        <source>No engine attached</source>
        <translation>Geen engine verbonden</translation>
    </message>
    <message>
        <source>Keychain: %1</source>
        <translation>Sleutelhanger: %1</translation>
    </message>
    <message>
        <source>no engine report yet</source>
        <translation>nog geen melding van de engine</translation>
    </message>
    <message>
        <source>all connectors healthy</source>
        <translation>alle connectoren gezond</translation>
    </message>
    <message numerus="yes">
        <source>%n connector(s) need attention; worst: %1</source>
        <translation><numerusform>%n connector vraagt aandacht; ergste: %1</numerusform><numerusform>%n connectoren vragen aandacht; ergste: %1</numerusform></translation>
    </message>
    <message>
        <source>Open Workspace</source>
        <translation>Werkruimte openen</translation>
    </message>
    <message>
        <source>Workspace files (*.json)</source>
        <translation>Werkruimtebestanden (*.json)</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>%1 openen…</translation>
    </message>
    <message>
        <source>%1 — Bridgekeeper</source>
        <translation>%1 — Bridgekeeper</translation>
    </message>
    <message>
        <source>Workspace opened</source>
        <translation>Werkruimte geopend</translation>
    </message>
    <message>
        <source>Could not open the workspace</source>
        <translation>De werkruimte kon niet worden geopend</translation>
    </message>
</context>
<context>
    <name>bk::ui::PayloadEditor</name>
    <message>
        <source>Payload to replay</source>
        <translation>Inhoud om opnieuw af te spelen</translation>
    </message>
    <message>
        <source>Payload validation</source>
        <translation>Controle van de inhoud</translation>
    </message>
    <message>
        <source>Schema violations</source>
        <translation>Schemaschendingen</translation>
    </message>
    <message>
        <source>Changes against the original payload</source>
        <translation>Wijzigingen ten opzichte van de oorspronkelijke inhoud</translation>
    </message>
    <message>
        <source>Not valid JSON at character %1: %2</source>
        <translation>Geen geldige JSON bij teken %1: %2</translation>
    </message>
    <message>
        <source>The destination expects a JSON object.</source>
        <translation>De bestemming verwacht een JSON-object.</translation>
    </message>
    <message>
        <source>No payload.</source>
        <translation>Geen inhoud.</translation>
    </message>
    <message>
        <source>Not a JSON payload: edited as plain text, not validated.</source>
        <translation>Geen JSON-inhoud: als platte tekst bewerkt, niet gecontroleerd.</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s): replay is disabled until they are fixed.</source>
        <translation><numerusform>%n probleem: opnieuw afspelen kan pas als het is opgelost.</numerusform><numerusform>%n problemen: opnieuw afspelen kan pas als ze zijn opgelost.</numerusform></translation>
    </message>
    <message>
        <source>Valid JSON; matches the %1 schema.</source>
        <translation>Geldige JSON; voldoet aan het schema %1.</translation>
    </message>
    <message>
        <source>Valid JSON (no destination schema known).</source>
        <translation>Geldige JSON (geen schema van de bestemming bekend).</translation>
    </message>
    <message>
        <source>No changes against the original payload.</source>
        <translation>Geen wijzigingen ten opzichte van de oorspronkelijke inhoud.</translation>
    </message>
</context>
<context>
    <name>bk::ui::RateGaugeModel</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>%1 left today</source>
        <translation>vandaag nog %1</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>nog %1</translation>
    </message>
    <message>
        <source>resets in %1</source>
        <translation>terug op nul over %1</translation>
    </message>
    <message>
        <source>reset due</source>
        <translation>terugzetten staat klaar</translation>
    </message>
    <message>
        <source>server</source>
        <translation>server</translation>
    </message>
    <message>
        <source>estimate</source>
        <translation>schatting</translation>
    </message>
    <message>
        <source>From the vendor's rate-limit response headers</source>
        <translation>Uit de limietheaders in de antwoorden van de leverancier</translation>
    </message>
    <message>
        <source>Counted locally; no server figure yet</source>
        <translation>Lokaal geteld; nog geen cijfer van de server</translation>
    </message>
    <message>
        <source>Policy</source>
        <translation>Beleid</translation>
    </message>
    <message>
        <source>Used / limit</source>
        <translation>Gebruikt / limiet</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>Over</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Venster</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Bron</translation>
    </message>
</context>
<context>
    <name>bk::ui::RetryPreviewWidget</name>
    <message>
        <source>Retry timeline</source>
        <translation>Tijdlijn van de herhalingen</translation>
    </message>
    <message>
        <source>span limit</source>
        <translation>tijdslimiet</translation>
    </message>
    <message>
        <source>dead letter</source>
        <translation>onbestelbaar</translation>
    </message>
    <message>
        <source>Policy source</source>
        <translation>Bron van het beleid</translation>
    </message>
    <message>
        <source>Attempts made</source>
        <translation>Gedane pogingen</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Base delay in seconds</source>
        <translation>Basiswachttijd in seconden</translation>
    </message>
    <message>
        <source>Longest delay in seconds</source>
        <translation>Langste wachttijd in seconden</translation>
    </message>
    <message>
        <source>Maximum attempts</source>
        <translation>Maximaal aantal pogingen</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <source>Maximum span in minutes</source>
        <translation>Maximale duur in minuten</translation>
    </message>
    <message>
        <source>Jitter in percent</source>
        <translation>Spreiding in procent</translation>
    </message>
    <message>
        <source>&amp;Defaults from:</source>
        <translation>&amp;Standaard van:</translation>
    </message>
    <message>
        <source>Attempts &amp;made:</source>
        <translation>&amp;Gedane pogingen:</translation>
    </message>
    <message>
        <source>&amp;Base delay:</source>
        <translation>&amp;Basiswachttijd:</translation>
    </message>
    <message>
        <source>Longest &amp;delay:</source>
        <translation>&amp;Langste wachttijd:</translation>
    </message>
    <message>
        <source>Maximum &amp;attempts:</source>
        <translation>Maximaal aantal &amp;pogingen:</translation>
    </message>
    <message>
        <source>Maximum &amp;span:</source>
        <translation>Maximale &amp;duur:</translation>
    </message>
    <message>
        <source>&amp;Jitter (±):</source>
        <translation>Sp&amp;reiding (±):</translation>
    </message>
    <message>
        <source>Operation and policy</source>
        <translation>Bewerking en beleid</translation>
    </message>
    <message>
        <source>Attempt</source>
        <translation>Poging</translation>
    </message>
    <message>
        <source>Delay</source>
        <translation>Wachttijd</translation>
    </message>
    <message>
        <source>Nominal time</source>
        <translation>Nominaal tijdstip</translation>
    </message>
    <message>
        <source>Jitter band</source>
        <translation>Spreidingsband</translation>
    </message>
    <message>
        <source>Planned attempts</source>
        <translation>Geplande pogingen</translation>
    </message>
    <message>
        <source>Dead-letter moment</source>
        <translation>Moment van onbestelbaarheid</translation>
    </message>
    <message>
        <source>+%1</source>
        <translation>+%1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 … %2</source>
        <translation>%1 … %2</translation>
    </message>
    <message>
        <source>%1 (between %2 and %3), at about %4</source>
        <translation>%1 (tussen %2 en %3), omstreeks %4</translation>
    </message>
    <message>
        <source>No attempt is left: the operation becomes a dead letter now.</source>
        <translation>Er is geen poging meer over: de bewerking wordt nu onbestelbaar.</translation>
    </message>
    <message>
        <source>Becomes a dead letter if attempt %1 fails: %2. The %3 span allows no later attempt.</source>
        <translation>Wordt onbestelbaar als poging %1 mislukt: %2. De duur van %3 laat geen latere poging toe.</translation>
    </message>
    <message>
        <source>Becomes a dead letter if attempt %1 (the last of %2) fails: %3.</source>
        <translation>Wordt onbestelbaar als poging %1 (de laatste van %2) mislukt: %3.</translation>
    </message>
    <message>
        <source>span limit at %1 →</source>
        <translation>tijdslimiet bij %1 →</translation>
    </message>
</context>
<context>
    <name>bk::ui::TokenPanel</name>
    <message>
        <source>Tokens</source>
        <translation>Tokens</translation>
    </message>
    <message>
        <source>Re-&amp;authorise…</source>
        <translation>Opnieuw &amp;autoriseren…</translation>
    </message>
    <message>
        <source>Access token:</source>
        <translation>Toegangstoken:</translation>
    </message>
    <message>
        <source>Refresh token:</source>
        <translation>Vernieuwingstoken:</translation>
    </message>
    <message>
        <source>Last refresh:</source>
        <translation>Laatste vernieuwing:</translation>
    </message>
    <message>
        <source>Access token</source>
        <translation>Toegangstoken</translation>
    </message>
    <message>
        <source>Refresh token</source>
        <translation>Vernieuwingstoken</translation>
    </message>
    <message>
        <source>Last refresh</source>
        <translation>Laatste vernieuwing</translation>
    </message>
    <message>
        <source>Re-authorise the connector</source>
        <translation>De connector opnieuw autoriseren</translation>
    </message>
    <message>
        <source>Open the vendor's login page and store fresh tokens</source>
        <translation>De aanmeldpagina van de leverancier openen en nieuwe tokens opslaan</translation>
    </message>
    <message>
        <source>no report yet</source>
        <translation>nog geen melding</translation>
    </message>
    <message>
        <source>no refresh yet</source>
        <translation>nog niet vernieuwd</translation>
    </message>
    <message>
        <source>not authorised — re-authorise to connect</source>
        <translation>niet geautoriseerd — autoriseer opnieuw om te verbinden</translation>
    </message>
    <message>
        <source>expired %1 ago</source>
        <translation>%1 geleden verlopen</translation>
    </message>
    <message>
        <source>refreshes in %1</source>
        <translation>wordt vernieuwd over %1</translation>
    </message>
    <message>
        <source>refresh due now</source>
        <translation>vernieuwing staat nu klaar</translation>
    </message>
    <message>
        <source>expires in %1</source>
        <translation>verloopt over %1</translation>
    </message>
    <message>
        <source>lifetime unknown</source>
        <translation>looptijd onbekend</translation>
    </message>
    <message>
        <source>does not expire</source>
        <translation>verloopt niet</translation>
    </message>
    <message>
        <source>expired — re-authorise</source>
        <translation>verlopen — autoriseer opnieuw</translation>
    </message>
    <message numerus="yes">
        <source>expires in %n day(s)</source>
        <translation><numerusform>verloopt over %n dag</numerusform><numerusform>verloopt over %n dagen</numerusform></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 — succeeded</source>
        <translation>%1 — gelukt</translation>
    </message>
    <message>
        <source>%1 — failed: %2</source>
        <translation>%1 — mislukt: %2</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>geen reden opgegeven</translation>
    </message>
</context>
<context>
    <name>bk::ui::TrayController</name>
    <message>
        <source>No engine report yet</source>
        <translation>Nog geen melding van de engine</translation>
    </message>
    <message>
        <source>Bridgekeeper — %1</source>
        <translation>Bridgekeeper — %1</translation>
    </message>
    <message>
        <source>%1: critical</source>
        <translation>%1: kritiek</translation>
    </message>
    <message>
        <source>%1: warning</source>
        <translation>%1: waarschuwing</translation>
    </message>
    <message>
        <source>Bridgekeeper</source>
        <translation>Bridgekeeper</translation>
    </message>
    <message numerus="yes">
        <source>%n more alert(s); see the alert history.</source>
        <translation><numerusform>Nog %n melding; zie de meldingengeschiedenis.</numerusform><numerusform>Nog %n meldingen; zie de meldingengeschiedenis.</numerusform></translation>
    </message>
</context>
<context>
    <name>bk::ui::WorkspaceOverview</name>
    <message>
        <source>Connectors</source>
        <translation>Connectoren</translation>
    </message>
    <message>
        <source>Flows</source>
        <translation>Stromen</translation>
    </message>
    <message>
        <source>Connector detail</source>
        <translation>Details van de connector</translation>
    </message>
    <message>
        <source>Connector</source>
        <translation>Connector</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>Ingeschakeld</translation>
    </message>
    <message>
        <source>Flow</source>
        <translation>Stroom</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Bron</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>Bestemming</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Schema</translation>
    </message>
    <message>
        <source>Reconcile</source>
        <translation>Afstemmen</translation>
    </message>
    <message>
        <source>No workspace is open.</source>
        <translation>Er is geen werkruimte geopend.</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nee</translation>
    </message>
    <message>
        <source>every %1</source>
        <translation>elke %1</translation>
    </message>
    <message>
        <source>This workspace has no connectors.</source>
        <translation>Deze werkruimte heeft geen connectoren.</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>Id</translation>
    </message>
    <message>
        <source>API base</source>
        <translation>API-basisadres</translation>
    </message>
    <message>
        <source>Client id</source>
        <translation>Client-id</translation>
    </message>
    <message>
        <source>Division</source>
        <translation>Divisie</translation>
    </message>
    <message>
        <source>Shop</source>
        <translation>Winkel</translation>
    </message>
    <message>
        <source>Access token lifetime</source>
        <translation>Looptijd toegangstoken</translation>
    </message>
    <message>
        <source>Refresh token rotates</source>
        <translation>Vernieuwingstoken roteert</translation>
    </message>
    <message>
        <source>Rate limit "%1"</source>
        <translation>Snelheidslimiet "%1"</translation>
    </message>
</context>
</TS>