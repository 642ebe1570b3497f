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
    <name>alerts</name>
    <message>
        <source>INFO</source>
        <translation>INFO</translation>
    </message>
    <message>
        <source>WARNING</source>
        <translation>WAARSCHUWING</translation>
    </message>
    <message>
        <source>CRITICAL</source>
        <translation>KRITIEK</translation>
    </message>
    <message>
        <source>[REMINDER]</source>
        <translation>[HERINNERING]</translation>
    </message>
    <message>
        <source>[RECOVERED]</source>
        <translation>[HERSTELD]</translation>
    </message>
    <message>
        <source>%1

Incident: %2
Time: %3
</source>
        <translation>%1

Incident: %2
Tijd: %3
</translation>
    </message>
</context>
<context>
    <name>auth</name>
    <message>
        <source>encrypted database</source>
        <translation>versleutelde database</translation>
    </message>
    <message>
        <source>secrets are encrypted with the master key in %1</source>
        <translation>geheimen zijn versleuteld met de hoofdsleutel in %1</translation>
    </message>
    <message>
        <source>the encrypted secret store does not work: %1</source>
        <translation>de versleutelde geheimenopslag werkt niet: %1</translation>
    </message>
    <message>
        <source>keychain (service &quot;%1&quot;)</source>
        <translation>sleutelhanger (service &quot;%1&quot;)</translation>
    </message>
    <message>
        <source>the OS keychain stores and returns secrets</source>
        <translation>de sleutelhanger van het besturingssysteem slaat geheimen op en geeft ze terug</translation>
    </message>
</context>
<context>
    <name>bk::ConsoleSession</name>
    <message>
        <source>No engine is running for this workspace.</source>
        <translation>Er draait geen engine voor deze werkruimte.</translation>
    </message>
    <message>
        <source>The demo could not start: %1</source>
        <translation>De demo kon niet starten: %1</translation>
    </message>
    <message>
        <source>The engine could not start: %1</source>
        <translation>De engine kon niet starten: %1</translation>
    </message>
    <message>
        <source>Dead letters</source>
        <translation>Dead letters</translation>
    </message>
    <message>
        <source>Reconciliation</source>
        <translation>Afstemming</translation>
    </message>
    <message>
        <source>Secrets: %1 answers</source>
        <translation>Geheimen: %1 antwoordt</translation>
    </message>
    <message>
        <source>Secrets: %1 unavailable — %2 Tokens cannot be refreshed until it answers.</source>
        <translation>Geheimen: %1 niet beschikbaar — %2 Tokens kunnen pas worden vernieuwd als deze weer antwoordt.</translation>
    </message>
    <message>
        <source>Bridgekeeper</source>
        <translation>Bridgekeeper</translation>
    </message>
    <message>
        <source>Open a workspace first: the support bundle describes its engine.</source>
        <translation>Open eerst een werkruimte: de ondersteuningsbundel beschrijft de engine ervan.</translation>
    </message>
    <message>
        <source>Open a workspace first: definitions are imported into it.</source>
        <translation>Open eerst een werkruimte: de definities worden daarin geïmporteerd.</translation>
    </message>
    <message>
        <source>Fleet</source>
        <translation>Vloot</translation>
    </message>
</context>
<context>
    <name>bk::DemoSession</name>
    <message>
        <source>cannot create the demo folder %1</source>
        <translation>kan de demomap %1 niet aanmaken</translation>
    </message>
    <message>
        <source>the sandbox did not start: %1</source>
        <translation>de sandbox is niet gestart: %1</translation>
    </message>
    <message>
        <source>cannot write the demo key file in %1</source>
        <translation>kan het sleutelbestand van de demo niet schrijven in %1</translation>
    </message>
    <message>
        <source>Demo: Shopify and Pipedrive into Exact Online</source>
        <translation>Demo: Shopify en Pipedrive naar Exact Online</translation>
    </message>
    <message>
        <source>cannot write the demo workspace %1</source>
        <translation>kan de demowerkruimte %1 niet schrijven</translation>
    </message>
    <message>
        <source>cannot store the demo secrets: %1</source>
        <translation>kan de geheimen van de demo niet opslaan: %1</translation>
    </message>
    <message>
        <source>Two Pipedrive persons with an empty last name and a broken e-mail were added</source>
        <translation>Twee Pipedrive-personen met een lege achternaam en een ongeldig e-mailadres zijn toegevoegd</translation>
    </message>
    <message>
        <source>Shopify answers 429 to most calls for a minute</source>
        <translation>Shopify antwoordt een minuut lang 429 op de meeste aanroepen</translation>
    </message>
    <message>
        <source>Exact Online is down (503) for six minutes</source>
        <translation>Exact Online is zes minuten onbereikbaar (503)</translation>
    </message>
    <message>
        <source>Changed by the demo (%1)</source>
        <translation>Gewijzigd door de demo (%1)</translation>
    </message>
</context>
<context>
    <name>bk::Engine</name>
    <message>
        <source>Webhooks of %1 are falling behind</source>
        <translation>Webhooks van %1 lopen achter</translation>
    </message>
    <message numerus="yes">
        <source>Engine %1 started with %n connector(s)</source>
        <translation>
            <numerusform>Engine %1 gestart met %n connector</numerusform>
            <numerusform>Engine %1 gestart met %n connectors</numerusform>
        </translation>
    </message>
    <message>
        <source>Flow %1: %2</source>
        <translation>Flow %1: %2</translation>
    </message>
    <message>
        <source>Reconciliation of %1: %2</source>
        <translation>Afstemming van %1: %2</translation>
    </message>
    <message>
        <source>Resync of %1 record %2: %3</source>
        <translation>Opnieuw synchroniseren van %1 record %2: %3</translation>
    </message>
    <message>
        <source>paused by an operator</source>
        <translation>gepauzeerd door een operator</translation>
    </message>
    <message>
        <source>forced open by an operator</source>
        <translation>door een operator geforceerd geopend</translation>
    </message>
    <message>
        <source>forced closed by an operator</source>
        <translation>door een operator geforceerd gesloten</translation>
    </message>
    <message>
        <source>this engine runs no flows</source>
        <translation>deze engine voert geen flows uit</translation>
    </message>
    <message>
        <source>connector &quot;%1&quot; is not in this workspace</source>
        <translation>connector &quot;%1&quot; staat niet in deze werkruimte</translation>
    </message>
    <message>
        <source>connector &quot;%1&quot; has no OAuth connection</source>
        <translation>connector &quot;%1&quot; heeft geen OAuth-koppeling</translation>
    </message>
    <message>
        <source>no client secret is stored for %1; store it with &quot;bridgekeeper-engine secrets set&quot;</source>
        <translation>er is geen client secret opgeslagen voor %1; sla het op met &quot;bridgekeeper-engine secrets set&quot;</translation>
    </message>
    <message>
        <source>New tokens stored</source>
        <translation>Nieuwe tokens opgeslagen</translation>
    </message>
    <message>
        <source>the engine is not running</source>
        <translation>de engine draait niet</translation>
    </message>
    <message>
        <source>The action did not reach the fleet: %1</source>
        <translation>De actie heeft de vloot niet bereikt: %1</translation>
    </message>
    <message>
        <source>%1 of %2 sent to the fleet (command %3)</source>
        <translation>%1 van %2 naar de vloot gestuurd (opdracht %3)</translation>
    </message>
    <message>
        <source>the command could not be stored</source>
        <translation>de opdracht kon niet worden opgeslagen</translation>
    </message>
    <message>
        <source>%1 of %2 asked by %3</source>
        <translation>%1 van %2 gevraagd door %3</translation>
    </message>
    <message>
        <source>this engine does not run flow %1</source>
        <translation>deze engine voert flow %1 niet uit</translation>
    </message>
    <message>
        <source>no result within an hour</source>
        <translation>geen resultaat binnen een uur</translation>
    </message>
    <message>
        <source>unknown command &quot;%1&quot;</source>
        <translation>onbekende opdracht &quot;%1&quot;</translation>
    </message>
    <message>
        <source>no engine</source>
        <translation>geen engine</translation>
    </message>
    <message>
        <source>%1 of %2 on %3: %4</source>
        <translation>%1 van %2 op %3: %4</translation>
    </message>
    <message>
        <source>done</source>
        <translation>klaar</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>mislukt</translation>
    </message>
    <message>
        <source>Store unreachable: %1; retrying</source>
        <translation>Opslag onbereikbaar: %1; nieuwe poging volgt</translation>
    </message>
    <message>
        <source>Store reachable again: %1</source>
        <translation>Opslag weer bereikbaar: %1</translation>
    </message>
</context>
<context>
    <name>bk::Health</name>
    <message>
        <source>needs re-authorisation</source>
        <translation>moet opnieuw worden geautoriseerd</translation>
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
        <translation>begrensd door rate limit</translation>
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
    <name>bk::ReplayPlanner</name>
    <message>
        <source>Flow %1</source>
        <translation>Flow %1</translation>
    </message>
    <message>
        <source>map with %1, write to %2/%3</source>
        <translation>mappen met %1, schrijven naar %2/%3</translation>
    </message>
    <message>
        <source>Connector %1</source>
        <translation>Connector %1</translation>
    </message>
    <message>
        <source>resource %1 of %2 cannot be written</source>
        <translation>resource %1 van %2 kan niet worden geschreven</translation>
    </message>
    <message>
        <source>the payload is not a JSON object: %1</source>
        <translation>de payload is geen JSON-object: %1</translation>
    </message>
    <message>
        <source>mapping could not run: %1</source>
        <translation>de mapping kon niet worden uitgevoerd: %1</translation>
    </message>
    <message>
        <source>connector &quot;%1&quot; is not in this workspace</source>
        <translation>connector &quot;%1&quot; staat niet in deze werkruimte</translation>
    </message>
    <message>
        <source>%1 is not of the same type as %2</source>
        <translation>%1 is niet van hetzelfde type als %2</translation>
    </message>
    <message>
        <source>the letter&apos;s URL %1 is not below %2&apos;s API base</source>
        <translation>de URL %1 van de letter valt niet onder de API-basis van %2</translation>
    </message>
    <message>
        <source>dead letter %1 has neither a URL nor a flow</source>
        <translation>dead letter %1 heeft geen URL en geen flow</translation>
    </message>
    <message>
        <source>dead letter %1 holds a request, not a source record: it can go to another connector, not through a flow</source>
        <translation>dead letter %1 bevat een verzoek, geen bronrecord: het kan naar een andere connector, niet door een flow</translation>
    </message>
    <message>
        <source>dead letter %1 holds a source record: replay it through a flow</source>
        <translation>dead letter %1 bevat een bronrecord: speel het opnieuw af via een flow</translation>
    </message>
    <message>
        <source>unknown replay target</source>
        <translation>onbekend doel voor opnieuw afspelen</translation>
    </message>
    <message numerus="yes">
        <source>the payload does not fit %1: %2 (%3) and %n more</source>
        <translation>
            <numerusform>de payload past niet bij %1: %2 (%3) en nog %n</numerusform>
            <numerusform>de payload past niet bij %1: %2 (%3) en nog %n andere</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bk::auth::TokenVault</name>
    <message>
        <source>%1: tokens cannot be read</source>
        <translation>%1: tokens kunnen niet worden gelezen</translation>
    </message>
    <message>
        <source>%1: token refresh quota used up</source>
        <translation>%1: quotum voor tokenvernieuwing verbruikt</translation>
    </message>
    <message>
        <source>%1: token refresh paused</source>
        <translation>%1: tokenvernieuwing gepauzeerd</translation>
    </message>
    <message>
        <source>%1: token refresh failing</source>
        <translation>%1: tokenvernieuwing mislukt</translation>
    </message>
    <message>
        <source>The access token expires at %1 and refreshing fails: %2</source>
        <translation>Het access token verloopt om %1 en vernieuwen mislukt: %2</translation>
    </message>
    <message>
        <source>%1: rotated token not stored</source>
        <translation>%1: vernieuwd token niet opgeslagen</translation>
    </message>
    <message>
        <source>The new refresh token could not be written to the secret store (%1). It is kept in memory and the write is retried; do not stop the engine.</source>
        <translation>Het nieuwe refresh token kon niet in de geheimenopslag worden geschreven (%1). Het blijft in het geheugen en het schrijven wordt opnieuw geprobeerd; stop de engine niet.</translation>
    </message>
    <message>
        <source>the rotated token is stored now</source>
        <translation>het vernieuwde token is nu opgeslagen</translation>
    </message>
    <message>
        <source>token refresh works again</source>
        <translation>tokenvernieuwing werkt weer</translation>
    </message>
    <message>
        <source>token refresh is no longer held back</source>
        <translation>tokenvernieuwing wordt niet langer tegengehouden</translation>
    </message>
    <message>
        <source>%1 needs re-authorisation</source>
        <translation>%1 moet opnieuw worden geautoriseerd</translation>
    </message>
    <message>
        <source>. Open the console and authorise the connection again.</source>
        <translation>. Open de console en autoriseer de koppeling opnieuw.</translation>
    </message>
    <message>
        <source>the connection is authorised again</source>
        <translation>de koppeling is weer geautoriseerd</translation>
    </message>
    <message>
        <source>%1: re-authorisation due soon</source>
        <translation>%1: binnenkort opnieuw autoriseren</translation>
    </message>
    <message>
        <source>The refresh token expires at %1; a human must re-authorise before then.</source>
        <translation>Het refresh token verloopt om %1; iemand moet vóór die tijd opnieuw autoriseren.</translation>
    </message>
    <message>
        <source>the refresh token was renewed</source>
        <translation>het refresh token is vernieuwd</translation>
    </message>
</context>
<context>
    <name>bk::deadletters::ReplayJobRunner</name>
    <message>
        <source>circuit open, probe at %1</source>
        <translation>circuit open, test om %1</translation>
    </message>
    <message>
        <source>circuit open</source>
        <translation>circuit open</translation>
    </message>
    <message>
        <source>vendor outage: %1</source>
        <translation>storing bij leverancier: %1</translation>
    </message>
    <message>
        <source>the connector needs re-authorisation</source>
        <translation>de connector moet opnieuw worden geautoriseerd</translation>
    </message>
    <message>
        <source>the connector is paused</source>
        <translation>de connector is gepauzeerd</translation>
    </message>
    <message>
        <source>live calls are waiting for a rate-limit slot; they go first</source>
        <translation>live-aanroepen wachten op ruimte binnen de rate limit; die gaan voor</translation>
    </message>
    <message>
        <source>waiting for the rate-limit budget (%1: %2 of %3 used, %4 kept for live traffic; resets at %5)</source>
        <translation>wacht op budget binnen de rate limit (%1: %2 van %3 gebruikt, %4 gereserveerd voor live verkeer; reset om %5)</translation>
    </message>
    <message>
        <source>it would go through connector %1, not %2</source>
        <translation>het zou via connector %1 gaan, niet via %2</translation>
    </message>
</context>
<context>
    <name>bk::sync::FlowWorker</name>
    <message>
        <source>the engine is stopping</source>
        <translation>de engine stopt</translation>
    </message>
    <message>
        <source>the flow has not started yet</source>
        <translation>de flow is nog niet gestart</translation>
    </message>
    <message>
        <source>another engine is working this flow; try again later</source>
        <translation>een andere engine werkt aan deze flow; probeer het later opnieuw</translation>
    </message>
    <message>
        <source>another engine took this flow over</source>
        <translation>een andere engine heeft deze flow overgenomen</translation>
    </message>
</context>
<context>
    <name>bk::sync::RecordResyncer</name>
    <message>
        <source>this record has no source record (an unlinked duplicate in the destination); nothing to resync</source>
        <translation>dit record heeft geen bronrecord (een niet-gekoppeld duplicaat in de bestemming); niets opnieuw te synchroniseren</translation>
    </message>
    <message>
        <source>the source record no longer exists (extras are never deleted)</source>
        <translation>het bronrecord bestaat niet meer (extra records worden nooit verwijderd)</translation>
    </message>
    <message>
        <source>reading the source record failed: %1</source>
        <translation>het bronrecord lezen is mislukt: %1</translation>
    </message>
    <message>
        <source>the source record does not map: %1</source>
        <translation>het bronrecord laat zich niet mappen: %1</translation>
    </message>
    <message>
        <source>reading the destination record failed: %1</source>
        <translation>het bestemmingsrecord lezen is mislukt: %1</translation>
    </message>
    <message>
        <source>the destination refused the write; it is now a dead letter of flow %1</source>
        <translation>de bestemming weigerde het schrijven; het is nu een dead letter van flow %1</translation>
    </message>
    <message>
        <source>written, but the id map has no destination record</source>
        <translation>geschreven, maar de id-koppeling heeft geen bestemmingsrecord</translation>
    </message>
    <message>
        <source>written to %1 (not read back: %2)</source>
        <translation>geschreven naar %1 (niet teruggelezen: %2)</translation>
    </message>
    <message>
        <source>written, but reading it back failed: %1</source>
        <translation>geschreven, maar teruglezen is mislukt: %1</translation>
    </message>
    <message>
        <source>resynced: both sides agree</source>
        <translation>opnieuw gesynchroniseerd: beide kanten komen overeen</translation>
    </message>
    <message>
        <source>written, but still differs in %1</source>
        <translation>geschreven, maar verschilt nog in %1</translation>
    </message>
    <message>
        <source>in agreement after a resync</source>
        <translation>in overeenstemming na opnieuw synchroniseren</translation>
    </message>
</context>
<context>
    <name>bk::sync::SyncScheduler</name>
    <message>
        <source>flow &quot;%1&quot; is not scheduled</source>
        <translation>flow &quot;%1&quot; is niet ingepland</translation>
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
        <translation>
            <numerusform>%n melding sinds de console startte (waarschuwing en kritiek).</numerusform>
            <numerusform>%n meldingen sinds de console startte (waarschuwing en kritiek).</numerusform>
        </translation>
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
        <translation>
            <numerusform>Keten gecontroleerd: %n regel, geen enkele gewijzigd, verwijderd of ingevoegd.</numerusform>
            <numerusform>Keten gecontroleerd: %n regels, geen enkele gewijzigd, verwijderd of ingevoegd.</numerusform>
        </translation>
    </message>
    <message>
        <source>Chain BROKEN: %1</source>
        <translation>Keten GEBROKEN: %1</translation>
    </message>
    <message>
        <source>Refresh audit lo&amp;g</source>
        <translation>Auditlo&amp;g verversen</translation>
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
    <message>
        <source>Show reconciliation &amp;differences</source>
        <translation>&amp;Verschillen van de afstemming tonen</translation>
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
        <translation>Zoeken in reden, URL, record-id&apos;s, inhoud…</translation>
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
        <translation>
            <numerusform>%n onbestelbaar bericht</numerusform>
            <numerusform>%n onbestelbare berichten</numerusform>
        </translation>
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
    <message>
        <source>Dry r&amp;un</source>
        <translation>Proef&amp;run</translation>
    </message>
    <message>
        <source>Replay &amp;jobs</source>
        <translation>Afspeel&amp;taken</translation>
    </message>
    <message>
        <source>Where Replay and Dry run send the dead letter</source>
        <translation>Waar Opnieuw afspelen en Proefrun de dead letter naartoe sturen</translation>
    </message>
    <message>
        <source>Original target</source>
        <translation>Oorspronkelijk doel</translation>
    </message>
    <message>
        <source>Se&amp;nd to:</source>
        <translation>Ve&amp;rsturen naar:</translation>
    </message>
    <message>
        <source>Dr&amp;y run</source>
        <translation>Proefr&amp;un</translation>
    </message>
    <message>
        <source>Map and validate the edited payload for the chosen target without sending it</source>
        <translation>De bewerkte payload voor het gekozen doel mappen en valideren zonder hem te versturen</translation>
    </message>
    <message>
        <source>Outcome of the last replay</source>
        <translation>Uitkomst van de laatste keer opnieuw afspelen</translation>
    </message>
    <message>
        <source>Replay all selected dead letters as a job paced inside the rate-limit budget</source>
        <translation>Alle geselecteerde dead letters opnieuw afspelen als taak, gedoseerd binnen het budget van de rate limit</translation>
    </message>
    <message>
        <source>Original flow (%1)</source>
        <translation>Oorspronkelijke flow (%1)</translation>
    </message>
    <message>
        <source>Replaying dead letter %1 to %2…</source>
        <translation>Dead letter %1 wordt opnieuw afgespeeld naar %2…</translation>
    </message>
    <message>
        <source>Replay of dead letter %1 succeeded.</source>
        <translation>Opnieuw afspelen van dead letter %1 is gelukt.</translation>
    </message>
    <message>
        <source>Replay of dead letter %1 failed: %2</source>
        <translation>Opnieuw afspelen van dead letter %1 is mislukt: %2</translation>
    </message>
    <message numerus="yes">
        <source>Started a replay job for %n dead letter(s).</source>
        <translation>
            <numerusform>Afspeeltaak gestart voor %n dead letter.</numerusform>
            <numerusform>Afspeeltaak gestart voor %n dead letters.</numerusform>
        </translation>
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
        <translation>
            <numerusform>%n onbestelbaar bericht verwerpen? Het blijft in de opslag, gemarkeerd als verworpen, en de reden komt in het auditlogboek.</numerusform>
            <numerusform>%n onbestelbare berichten verwerpen? Ze blijven in de opslag, gemarkeerd als verworpen, en de reden komt in het auditlogboek.</numerusform>
        </translation>
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
    <name>bk::ui::DryRunView</name>
    <message>
        <source>Dry run result</source>
        <translation>Resultaat van de proefrun</translation>
    </message>
    <message>
        <source>Validation errors of the dry run</source>
        <translation>Validatiefouten van de proefrun</translation>
    </message>
    <message>
        <source>Request body the replay would send</source>
        <translation>Request body die het opnieuw afspelen zou versturen</translation>
    </message>
    <message>
        <source>Request body that would be sent:</source>
        <translation>Request body die verstuurd zou worden:</translation>
    </message>
    <message>
        <source>Dry run maps and validates the payload for the chosen target without sending it.</source>
        <translation>Een proefrun mapt en valideert de payload voor het gekozen doel zonder hem te versturen.</translation>
    </message>
    <message>
        <source>Dry run of dead letter %1 running…</source>
        <translation>Proefrun van dead letter %1 loopt…</translation>
    </message>
    <message>
        <source>Dry run of dead letter %1 could not run: %2</source>
        <translation>Proefrun van dead letter %1 kon niet worden uitgevoerd: %2</translation>
    </message>
    <message>
        <source>%1 %2 through connector %3</source>
        <translation>%1 %2 via connector %3</translation>
    </message>
    <message>
        <source>no destination schema known</source>
        <translation>geen bestemmingsschema bekend</translation>
    </message>
    <message>
        <source>Would send %1 — valid against %2.</source>
        <translation>Zou %1 versturen — geldig volgens %2.</translation>
    </message>
    <message numerus="yes">
        <source>Would send %1 — %n problem(s) against %2; the replay would be refused.</source>
        <translation>
            <numerusform>Zou %1 versturen — %n probleem volgens %2; opnieuw afspelen zou worden geweigerd.</numerusform>
            <numerusform>Zou %1 versturen — %n problemen volgens %2; opnieuw afspelen zou worden geweigerd.</numerusform>
        </translation>
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
    <name>bk::ui::FieldDiffModel</name>
    <message>
        <source>(none)</source>
        <translation>(geen)</translation>
    </message>
    <message>
        <source>differs</source>
        <translation>verschilt</translation>
    </message>
    <message>
        <source>same</source>
        <translation>gelijk</translation>
    </message>
    <message>
        <source>%1 differs: source %2, destination %3</source>
        <translation>%1 verschilt: bron %2, bestemming %3</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Veld</translation>
    </message>
    <message>
        <source>Source (mapped)</source>
        <translation>Bron (gemapt)</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>Bestemming</translation>
    </message>
</context>
<context>
    <name>bk::ui::FleetClaimModel</name>
    <message>
        <source>flow lease</source>
        <translation>flow-lease</translation>
    </message>
    <message>
        <source>token refresh</source>
        <translation>tokenvernieuwing</translation>
    </message>
    <message>
        <source>webhook events</source>
        <translation>webhook-gebeurtenissen</translation>
    </message>
    <message>
        <source>outbox entries</source>
        <translation>outbox-items</translation>
    </message>
    <message>
        <source>not leased</source>
        <translation>niet geleased</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>verlopen</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Soort</translation>
    </message>
    <message>
        <source>Resource</source>
        <translation>Bron</translation>
    </message>
    <message>
        <source>Held by</source>
        <translation>In handen van</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Aantal</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>Resterende tijd</translation>
    </message>
</context>
<context>
    <name>bk::ui::FleetCommandModel</name>
    <message>
        <source>waiting for an engine</source>
        <translation>wacht op een engine</translation>
    </message>
    <message>
        <source>claimed by %1</source>
        <translation>opgepakt door %1</translation>
    </message>
    <message>
        <source>done by %1</source>
        <translation>uitgevoerd door %1</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>mislukt</translation>
    </message>
    <message>
        <source>failed on %1</source>
        <translation>mislukt op %1</translation>
    </message>
    <message>
        <source>Run now</source>
        <translation>Nu uitvoeren</translation>
    </message>
    <message>
        <source>Reconcile</source>
        <translation>Afstemmen</translation>
    </message>
    <message>
        <source>Resync record %1</source>
        <translation>Record %1 opnieuw synchroniseren</translation>
    </message>
    <message>
        <source>Asked</source>
        <translation>Gevraagd</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Actie</translation>
    </message>
    <message>
        <source>Flow</source>
        <translation>Flow</translation>
    </message>
    <message>
        <source>Asked by</source>
        <translation>Gevraagd door</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Toestand</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Uitkomst</translation>
    </message>
</context>
<context>
    <name>bk::ui::FleetEngineModel</name>
    <message>
        <source>running</source>
        <translation>actief</translation>
    </message>
    <message>
        <source>silent</source>
        <translation>stil</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>gestopt</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nooit</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>No heartbeat for more than %1: the engine probably died; its leases run out and other engines take its work over.</source>
        <translation>Geen hartslag voor meer dan %1: de engine is waarschijnlijk uitgevallen; zijn leases verlopen en andere engines nemen zijn werk over.</translation>
    </message>
    <message>
        <source>Stopped gracefully at %1; it handed its leases back.</source>
        <translation>Netjes gestopt om %1; de leases zijn teruggegeven.</translation>
    </message>
    <message>
        <source>Engine</source>
        <translation>Engine</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Host</translation>
    </message>
    <message>
        <source>PID</source>
        <translation>PID</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Versie</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Gestart</translation>
    </message>
    <message>
        <source>Last heartbeat</source>
        <translation>Laatste hartslag</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Toestand</translation>
    </message>
    <message>
        <source>Listens on</source>
        <translation>Luistert op</translation>
    </message>
</context>
<context>
    <name>bk::ui::FleetPage</name>
    <message>
        <source>Engines</source>
        <translation>Engines</translation>
    </message>
    <message>
        <source>Leases and claims</source>
        <translation>Leases en claims</translation>
    </message>
    <message>
        <source>Reports by engine</source>
        <translation>Meldingen per engine</translation>
    </message>
    <message>
        <source>Fleet summary</source>
        <translation>Vlootoverzicht</translation>
    </message>
    <message>
        <source>Reading the fleet…</source>
        <translation>Vloot wordt gelezen…</translation>
    </message>
    <message>
        <source>reports: %1</source>
        <translation>meldingen: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n engine(s) share this store: %1 running, %2 silent (no heartbeat for %3), %4 stopped · %5 claim(s) held · read %6</source>
        <translation>
            <numerusform>%n engine deelt deze opslag: %1 actief, %2 stil (geen hartslag voor %3), %4 gestopt · %5 claim(s) in handen · gelezen %6</numerusform>
            <numerusform>%n engines delen deze opslag: %1 actief, %2 stil (geen hartslag voor %3), %4 gestopt · %5 claim(s) in handen · gelezen %6</numerusform>
        </translation>
    </message>
    <message>
        <source>Not readable: %1</source>
        <translation>Niet leesbaar: %1</translation>
    </message>
    <message>
        <source>Commands</source>
        <translation>Opdrachten</translation>
    </message>
    <message>
        <source>Connector controls</source>
        <translation>Connectorbediening</translation>
    </message>
    <message>
        <source>Commands (Run now, Reconcile, Resync)</source>
        <translation>Opdrachten (Nu uitvoeren, Afstemmen, Opnieuw synchroniseren)</translation>
    </message>
    <message>
        <source>Paused across the fleet: %1</source>
        <translation>Gepauzeerd in de hele vloot: %1</translation>
    </message>
    <message>
        <source>breaker forced open: %1</source>
        <translation>onderbreker geforceerd open: %1</translation>
    </message>
    <message>
        <source>breaker forced closed: %1</source>
        <translation>onderbreker geforceerd dicht: %1</translation>
    </message>
    <message>
        <source>commands: %1</source>
        <translation>opdrachten: %1</translation>
    </message>
</context>
<context>
    <name>bk::ui::FleetRelay</name>
    <message>
        <source>reported by %1</source>
        <translation>gemeld door %1</translation>
    </message>
    <message>
        <source>%1 (reported by %2)</source>
        <translation>%1 (gemeld door %2)</translation>
    </message>
</context>
<context>
    <name>bk::ui::FleetReportModel</name>
    <message>
        <source>connector health</source>
        <translation>connectorgezondheid</translation>
    </message>
    <message>
        <source>tokens</source>
        <translation>tokens</translation>
    </message>
    <message>
        <source>rate gauge</source>
        <translation>limietmeter</translation>
    </message>
    <message>
        <source>webhook lag</source>
        <translation>webhook-vertraging</translation>
    </message>
    <message>
        <source>flow progress</source>
        <translation>flow-voortgang</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Melding</translation>
    </message>
    <message>
        <source>Of</source>
        <translation>Van</translation>
    </message>
    <message>
        <source>Reported by</source>
        <translation>Gemeld door</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Bijgewerkt</translation>
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
    <name>bk::ui::ImportDefinitionsDialog</name>
    <message>
        <source>&amp;Choose zip…</source>
        <translation>&amp;Zip kiezen…</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importeren</translation>
    </message>
    <message>
        <source>&amp;Reopen workspace</source>
        <translation>Werkruimte &amp;opnieuw openen</translation>
    </message>
    <message>
        <source>Import definitions</source>
        <translation>Definities importeren</translation>
    </message>
    <message>
        <source>A zip with connector definitions in &lt;i&gt;connectors/&lt;/i&gt; and mapping documents in &lt;i&gt;mappings/&lt;/i&gt;. Every file is checked first; if one is invalid, nothing is written.&lt;br&gt;Connector definitions go to %1, mapping documents to %2.</source>
        <translation>Een zip met connectordefinities in &lt;i&gt;connectors/&lt;/i&gt; en mappingdocumenten in &lt;i&gt;mappings/&lt;/i&gt;. Elk bestand wordt eerst gecontroleerd; is er één ongeldig, dan wordt niets geschreven.&lt;br&gt;Connectordefinities gaan naar %1, mappingdocumenten naar %2.</translation>
    </message>
    <message>
        <source>(none: the workspace lists no connectorDirs)</source>
        <translation>(geen: de werkruimte noemt geen connectorDirs)</translation>
    </message>
    <message>
        <source>Zip file</source>
        <translation>Zipbestand</translation>
    </message>
    <message>
        <source>Import check</source>
        <translation>Controle van de import</translation>
    </message>
    <message>
        <source>Zip files (*.zip)</source>
        <translation>Zipbestanden (*.zip)</translation>
    </message>
    <message>
        <source>Checking %1…</source>
        <translation>%1 wordt gecontroleerd…</translation>
    </message>
    <message>
        <source>connector definition</source>
        <translation>connectordefinitie</translation>
    </message>
    <message>
        <source>mapping document</source>
        <translation>mappingdocument</translation>
    </message>
    <message>
        <source>%1 %2 (%3) → %4%5</source>
        <translation>%1 %2 (%3) → %4%5</translation>
    </message>
    <message>
        <source> [replaces the existing file]</source>
        <translation> [vervangt het bestaande bestand]</translation>
    </message>
    <message numerus="yes">
        <source>All %n file(s) are valid. Import writes them.</source>
        <translation>
            <numerusform>Het bestand is geldig. Importeren schrijft het.</numerusform>
            <numerusform>Alle %n bestanden zijn geldig. Importeren schrijft ze.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;Nothing can be imported:&lt;/b&gt; %n problem(s) found. Fix them and choose the zip again.</source>
        <translation>
            <numerusform>&lt;b&gt;Er kan niets worden geïmporteerd:&lt;/b&gt; %n probleem gevonden. Los het op en kies de zip opnieuw.</numerusform>
            <numerusform>&lt;b&gt;Er kan niets worden geïmporteerd:&lt;/b&gt; %n problemen gevonden. Los ze op en kies de zip opnieuw.</numerusform>
        </translation>
    </message>
    <message>
        <source>Writing…</source>
        <translation>Bezig met schrijven…</translation>
    </message>
    <message>
        <source>&lt;b&gt;The import failed; nothing was changed.&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;De import is mislukt; er is niets gewijzigd.&lt;/b&gt; %1</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n file(s). Reopen the workspace so the engine uses them.</source>
        <translation>
            <numerusform>%n bestand geïmporteerd. Open de werkruimte opnieuw zodat de engine het gebruikt.</numerusform>
            <numerusform>%n bestanden geïmporteerd. Open de werkruimte opnieuw zodat de engine ze gebruikt.</numerusform>
        </translation>
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
        <translation>vertr. (s)</translation>
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
        <translation>Pagina&apos;s</translation>
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
        <translation>&lt;b&gt;Bridgekeeper %1&lt;/b&gt;&lt;p&gt;Beheerconsole voor koppelingen met zakelijke API&apos;s.&lt;/p&gt;</translation>
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
        <translation>
            <numerusform>%n connector vraagt aandacht; ergste: %1</numerusform>
            <numerusform>%n connectoren vragen aandacht; ergste: %1</numerusform>
        </translation>
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
    <message>
        <source>&amp;Import Definitions…</source>
        <translation>Definities &amp;importeren…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>In&amp;stellingen…</translation>
    </message>
    <message>
        <source>&amp;Export Support Bundle…</source>
        <translation>Ondersteuningsbundel &amp;exporteren…</translation>
    </message>
    <message>
        <source>%1 — unreachable</source>
        <translation>%1 — onbereikbaar</translation>
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
        <translation>
            <numerusform>%n probleem: opnieuw afspelen kan pas als het is opgelost.</numerusform>
            <numerusform>%n problemen: opnieuw afspelen kan pas als ze zijn opgelost.</numerusform>
        </translation>
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
        <source>From the vendor&apos;s rate-limit response headers</source>
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
    <name>bk::ui::ReauthoriseDialog</name>
    <message>
        <source>Re-authorise %1</source>
        <translation>%1 opnieuw autoriseren</translation>
    </message>
    <message>
        <source>Preparing the sign-in page…</source>
        <translation>De aanmeldpagina wordt voorbereid…</translation>
    </message>
    <message>
        <source>Vendor sign-in page</source>
        <translation>Aanmeldpagina van de leverancier</translation>
    </message>
    <message>
        <source>The page could not be loaded. Check the connector&apos;s address and your network, then try again.</source>
        <translation>De pagina kon niet worden geladen. Controleer het adres van de connector en uw netwerk en probeer het opnieuw.</translation>
    </message>
    <message>
        <source>Sign in to %1 and allow Bridgekeeper access. This window closes by itself when the new tokens are stored.</source>
        <translation>Meld u aan bij %1 en geef Bridgekeeper toegang. Dit venster sluit vanzelf zodra de nieuwe tokens zijn opgeslagen.</translation>
    </message>
    <message>
        <source>%1 is authorised again.</source>
        <translation>%1 is weer geautoriseerd.</translation>
    </message>
    <message>
        <source>Authorisation did not complete: %1</source>
        <translation>De autorisatie is niet voltooid: %1</translation>
    </message>
</context>
<context>
    <name>bk::ui::ReconcileItemModel</name>
    <message>
        <source>Missing</source>
        <translation>Ontbreekt</translation>
    </message>
    <message>
        <source>Differing</source>
        <translation>Verschilt</translation>
    </message>
    <message>
        <source>Extra</source>
        <translation>Extra</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Resyncing…</source>
        <translation>Opnieuw synchroniseren…</translation>
    </message>
    <message>
        <source>Resolved by resync</source>
        <translation>Opgelost door opnieuw synchroniseren</translation>
    </message>
    <message>
        <source>Still differs after resync</source>
        <translation>Verschilt nog na opnieuw synchroniseren</translation>
    </message>
    <message>
        <source>Resync failed</source>
        <translation>Opnieuw synchroniseren mislukt</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(geen)</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Soort</translation>
    </message>
    <message>
        <source>Source record</source>
        <translation>Bronrecord</translation>
    </message>
    <message>
        <source>Destination record</source>
        <translation>Bestemmingsrecord</translation>
    </message>
    <message>
        <source>Differences</source>
        <translation>Verschillen</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>bk::ui::ReconcilePage</name>
    <message>
        <source>Flow</source>
        <translation>Flow</translation>
    </message>
    <message>
        <source>&amp;Flow:</source>
        <translation>&amp;Flow:</translation>
    </message>
    <message>
        <source>Last reconciliation result</source>
        <translation>Resultaat van de laatste afstemming</translation>
    </message>
    <message>
        <source>Re&amp;load</source>
        <translation>Opnieuw &amp;laden</translation>
    </message>
    <message>
        <source>Reload the reconciliation result</source>
        <translation>Het resultaat van de afstemming opnieuw laden</translation>
    </message>
    <message>
        <source>Reconcile &amp;now</source>
        <translation>&amp;Nu afstemmen</translation>
    </message>
    <message>
        <source>Compare both sides of this flow now</source>
        <translation>Beide kanten van deze flow nu vergelijken</translation>
    </message>
    <message>
        <source>Filter by kind of difference</source>
        <translation>Filteren op soort verschil</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>Alle soorten</translation>
    </message>
    <message>
        <source>&amp;Hide resolved</source>
        <translation>Opgeloste &amp;verbergen</translation>
    </message>
    <message>
        <source>Hide records a resync resolved</source>
        <translation>Records verbergen die door opnieuw synchroniseren zijn opgelost</translation>
    </message>
    <message>
        <source>Search record ids and field names…</source>
        <translation>Zoeken in record-id&apos;s en veldnamen…</translation>
    </message>
    <message>
        <source>Search differing records</source>
        <translation>Verschillende records zoeken</translation>
    </message>
    <message>
        <source>Differing records</source>
        <translation>Verschillende records</translation>
    </message>
    <message>
        <source>Source and destination values</source>
        <translation>Waarden van bron en bestemming</translation>
    </message>
    <message>
        <source>Selected record</source>
        <translation>Geselecteerd record</translation>
    </message>
    <message>
        <source>Reconciliation status</source>
        <translation>Status van de afstemming</translation>
    </message>
    <message>
        <source>Resync progress</source>
        <translation>Voortgang van opnieuw synchroniseren</translation>
    </message>
    <message>
        <source>%v of %m resynced</source>
        <translation>%v van %m opnieuw gesynchroniseerd</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Annuleren</translation>
    </message>
    <message>
        <source>Cancel resyncing the selected records</source>
        <translation>Opnieuw synchroniseren van de geselecteerde records annuleren</translation>
    </message>
    <message>
        <source>&amp;Resync this record</source>
        <translation>Dit record opnieuw &amp;synchroniseren</translation>
    </message>
    <message>
        <source>Fetch this source record again and write it through the flow</source>
        <translation>Dit bronrecord opnieuw ophalen en via de flow schrijven</translation>
    </message>
    <message>
        <source>Resync &amp;selected</source>
        <translation>&amp;Selectie opnieuw synchroniseren</translation>
    </message>
    <message>
        <source>Resync every selected record, one after another</source>
        <translation>Elk geselecteerd record opnieuw synchroniseren, een voor een</translation>
    </message>
    <message>
        <source>Record %1 did not report back in time; moving on.</source>
        <translation>Record %1 meldde zich niet op tijd terug; verder met het volgende.</translation>
    </message>
    <message>
        <source>No flow to show.</source>
        <translation>Geen flow om te tonen.</translation>
    </message>
    <message>
        <source>Loading the last reconciliation of %1…</source>
        <translation>De laatste afstemming van %1 wordt geladen…</translation>
    </message>
    <message>
        <source>Could not read the reconciliation of %1: %2</source>
        <translation>Kon de afstemming van %1 niet lezen: %2</translation>
    </message>
    <message>
        <source>%1 has not been reconciled yet. Use Reconcile now to compare both sides.</source>
        <translation>%1 is nog niet afgestemd. Gebruik Nu afstemmen om beide kanten te vergelijken.</translation>
    </message>
    <message>
        <source>Reconciled %1: %2 missing, %3 differing, %4 extra (%5 source, %6 destination records).</source>
        <translation>%1 afgestemd: %2 ontbrekend, %3 verschillend, %4 extra (%5 bron-, %6 bestemmingsrecords).</translation>
    </message>
    <message>
        <source>The first %1 are listed.</source>
        <translation>De eerste %1 worden getoond.</translation>
    </message>
    <message>
        <source>The latest attempt (%1) failed: %2</source>
        <translation>De laatste poging (%1) is mislukt: %2</translation>
    </message>
    <message>
        <source>No differences listed.</source>
        <translation>Geen verschillen gevonden.</translation>
    </message>
    <message>
        <source>Select a record to see both sides field by field.</source>
        <translation>Selecteer een record om beide kanten veld voor veld te zien.</translation>
    </message>
    <message>
        <source>Source record %1 is missing in the destination (%2).</source>
        <translation>Bronrecord %1 ontbreekt in de bestemming (%2).</translation>
    </message>
    <message>
        <source>Destination record %1 has no source record: %2.</source>
        <translation>Bestemmingsrecord %1 heeft geen bronrecord: %2.</translation>
    </message>
    <message>
        <source>Source record %1 and destination record %2 differ in: %3.</source>
        <translation>Bronrecord %1 en bestemmingsrecord %2 verschillen in: %3.</translation>
    </message>
    <message>
        <source>Last resync (%1): %2</source>
        <translation>Laatste keer opnieuw gesynchroniseerd (%1): %2</translation>
    </message>
    <message>
        <source>Could not read the fields: %1</source>
        <translation>Kon de velden niet lezen: %1</translation>
    </message>
    <message>
        <source>An unlinked duplicate in the destination has no source record to resync; extras are never deleted.</source>
        <translation>Een niet-gekoppeld duplicaat in de bestemming heeft geen bronrecord om opnieuw te synchroniseren; extra records worden nooit verwijderd.</translation>
    </message>
    <message>
        <source>Resyncing record %1…</source>
        <translation>Record %1 wordt opnieuw gesynchroniseerd…</translation>
    </message>
    <message>
        <source>Resyncing record %1 (%2 of %3)…</source>
        <translation>Record %1 wordt opnieuw gesynchroniseerd (%2 van %3)…</translation>
    </message>
    <message>
        <source>Resync cancelled after %1 of %2 records.</source>
        <translation>Opnieuw synchroniseren geannuleerd na %1 van %2 records.</translation>
    </message>
    <message numerus="yes">
        <source>Resynced %n record(s).</source>
        <translation>
            <numerusform>%n record opnieuw gesynchroniseerd.</numerusform>
            <numerusform>%n records opnieuw gesynchroniseerd.</numerusform>
        </translation>
    </message>
    <message>
        <source>Record %1: %2</source>
        <translation>Record %1: %2</translation>
    </message>
    <message>
        <source>Reconciliation of %1 requested; both sides are being read…</source>
        <translation>Afstemming van %1 aangevraagd; beide kanten worden gelezen…</translation>
    </message>
    <message>
        <source>Reconciliation of %1 finished: %2</source>
        <translation>Afstemming van %1 voltooid: %2</translation>
    </message>
    <message>
        <source>Reconciliation of %1 failed: %2</source>
        <translation>Afstemming van %1 mislukt: %2</translation>
    </message>
</context>
<context>
    <name>bk::ui::ReplayJobsPanel</name>
    <message>
        <source>running</source>
        <translation>actief</translation>
    </message>
    <message>
        <source>running — %1</source>
        <translation>actief — %1</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>gepauzeerd</translation>
    </message>
    <message>
        <source>paused: %1</source>
        <translation>gepauzeerd: %1</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>geannuleerd</translation>
    </message>
    <message>
        <source>cancelled: %1</source>
        <translation>geannuleerd: %1</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>voltooid</translation>
    </message>
    <message>
        <source>&amp;Cancel job</source>
        <translation>Taak &amp;annuleren</translation>
    </message>
    <message>
        <source>Bulk replay jobs</source>
        <translation>Taken voor opnieuw afspelen in bulk</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>Taak</translation>
    </message>
    <message>
        <source>Connector</source>
        <translation>Connector</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Done / total</source>
        <translation>Klaar / totaal</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Mislukt</translation>
    </message>
    <message>
        <source>Progress of the selected replay job</source>
        <translation>Voortgang van de geselecteerde afspeeltaak</translation>
    </message>
    <message>
        <source>%v of %m</source>
        <translation>%v van %m</translation>
    </message>
    <message>
        <source>State of the selected replay job</source>
        <translation>Status van de geselecteerde afspeeltaak</translation>
    </message>
    <message>
        <source>Cancel the selected replay job</source>
        <translation>De geselecteerde afspeeltaak annuleren</translation>
    </message>
    <message>
        <source>&quot;Replay selected&quot; starts a job: paced inside the connector&apos;s rate-limit budget, paused while its circuit is open, resumed after a restart.</source>
        <translation>&quot;Selectie opnieuw afspelen&quot; start een taak: gedoseerd binnen het budget van de rate limit van de connector, gepauzeerd zolang het circuit open is, hervat na een herstart.</translation>
    </message>
    <message>
        <source>Job %1 (%2, started by %3): %4 — %5 resolved, %6 failed, %7 skipped, %8 under way.</source>
        <translation>Taak %1 (%2, gestart door %3): %4 — %5 opgelost, %6 mislukt, %7 overgeslagen, %8 onderweg.</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>onbekend</translation>
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
    <name>bk::ui::SettingsDialog</name>
    <message>
        <source>Show desktop &amp;notifications for warnings and critical alerts</source>
        <translation>Bureaublad&amp;meldingen tonen voor waarschuwingen en kritieke alerts</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Instellingen</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Systeemstandaard</translation>
    </message>
    <message>
        <source>Interface language</source>
        <translation>Taal van de interface</translation>
    </message>
    <message>
        <source>The language changes the next time Bridgekeeper starts.</source>
        <translation>De taal verandert de volgende keer dat Bridgekeeper start.</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Taal:</translation>
    </message>
</context>
<context>
    <name>bk::ui::StoreStatusBanner</name>
    <message>
        <source>Store status</source>
        <translation>Opslagstatus</translation>
    </message>
    <message>
        <source>retrying (1 reconnect so far)</source>
        <translation>nieuwe poging volgt (tot nu toe 1 herverbinding)</translation>
    </message>
    <message>
        <source>retrying (%1 reconnects so far)</source>
        <translation>nieuwe poging volgt (tot nu toe %1 herverbindingen)</translation>
    </message>
    <message>
        <source>Store unreachable since %1 — %2</source>
        <translation>Opslag onbereikbaar sinds %1 — %2</translation>
    </message>
    <message>
        <source>%1 does not answer. Webhooks are answered 503 so that their senders retry, and the engine&apos;s writes wait until the store is back.</source>
        <translation>%1 antwoordt niet. Webhooks krijgen 503 zodat de afzenders het opnieuw proberen, en de schrijfacties van de engine wachten tot de opslag terug is.</translation>
    </message>
</context>
<context>
    <name>bk::ui::SupportBundleDialog</name>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Bladeren…</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Exporteren</translation>
    </message>
    <message>
        <source>Export support bundle</source>
        <translation>Ondersteuningsbundel exporteren</translation>
    </message>
    <message>
        <source>The bundle holds the logs, the workspace without secrets, a health snapshot, the schema versions and recent events and alerts. Every value from the secret store is removed from it.</source>
        <translation>De bundel bevat de logs, de werkruimte zonder geheimen, een momentopname van de gezondheid, de schemaversies en recente gebeurtenissen en alerts. Elke waarde uit de geheimenopslag wordt eruit verwijderd.</translation>
    </message>
    <message>
        <source>Bundle file</source>
        <translation>Bundelbestand</translation>
    </message>
    <message>
        <source>What went wrong, and when?</source>
        <translation>Wat ging er mis, en wanneer?</translation>
    </message>
    <message>
        <source>Note for support</source>
        <translation>Notitie voor de ondersteuning</translation>
    </message>
    <message numerus="yes">
        <source>Include the %n selected dead letter(s)</source>
        <translation>
            <numerusform>De %n geselecteerde dead letter meesturen</numerusform>
            <numerusform>De %n geselecteerde dead letters meesturen</numerusform>
        </translation>
    </message>
    <message>
        <source>Select letters in the Dead letters page first to include them.</source>
        <translation>Selecteer eerst letters op de pagina Dead letters om ze mee te sturen.</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;Bestand:</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Notitie:</translation>
    </message>
    <message>
        <source>Export result</source>
        <translation>Resultaat van de export</translation>
    </message>
    <message>
        <source>Save support bundle</source>
        <translation>Ondersteuningsbundel opslaan</translation>
    </message>
    <message>
        <source>Zip files (*.zip)</source>
        <translation>Zipbestanden (*.zip)</translation>
    </message>
    <message>
        <source>Choose where to save the bundle.</source>
        <translation>Kies waar de bundel moet worden opgeslagen.</translation>
    </message>
    <message>
        <source>Reading the secret store to scrub its values…</source>
        <translation>De geheimenopslag wordt gelezen om de waarden eruit te wissen…</translation>
    </message>
    <message>
        <source>Writing %1…</source>
        <translation>%1 wordt geschreven…</translation>
    </message>
    <message>
        <source>&lt;b&gt;The bundle was not written.&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;De bundel is niet geschreven.&lt;/b&gt; %1</translation>
    </message>
    <message numerus="yes">
        <source>Wrote &lt;b&gt;%1&lt;/b&gt; (%2, %n file(s)).</source>
        <translation>
            <numerusform>&lt;b&gt;%1&lt;/b&gt; geschreven (%2, %n bestand).</numerusform>
            <numerusform>&lt;b&gt;%1&lt;/b&gt; geschreven (%2, %n bestanden).</numerusform>
        </translation>
    </message>
    <message>
        <source>Warning: %1; those values were removed by pattern only.</source>
        <translation>Waarschuwing: %1; die waarden zijn alleen op patroon verwijderd.</translation>
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
        <source>Open the vendor&apos;s login page and store fresh tokens</source>
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
        <translation>
            <numerusform>verloopt over %n dag</numerusform>
            <numerusform>verloopt over %n dagen</numerusform>
        </translation>
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
        <translation>
            <numerusform>Nog %n melding; zie de meldingengeschiedenis.</numerusform>
            <numerusform>Nog %n meldingen; zie de meldingengeschiedenis.</numerusform>
        </translation>
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
        <source>Rate limit &quot;%1&quot;</source>
        <translation>Snelheidslimiet &quot;%1&quot;</translation>
    </message>
</context>
<context>
    <name>bk::ui::firstrun</name>
    <message>
        <source>Problem</source>
        <translation>Probleem</translation>
    </message>
</context>
<context>
    <name>bk::ui::firstrun::AuthorisePage</name>
    <message>
        <source>Sign in</source>
        <translation>Aanmelden</translation>
    </message>
    <message>
        <source>Sign in to each connection and allow Bridgekeeper access. This happens in a browser window inside Bridgekeeper; your password is never stored, only the tokens the vendor hands out.</source>
        <translation>Meld u bij elke koppeling aan en geef Bridgekeeper toegang. Dit gebeurt in een browservenster binnen Bridgekeeper; uw wachtwoord wordt nooit opgeslagen, alleen de tokens die de leverancier uitgeeft.</translation>
    </message>
    <message>
        <source>Sign in &amp;again…</source>
        <translation>Opnieuw &amp;aanmelden…</translation>
    </message>
    <message>
        <source>&amp;Sign in to %1…</source>
        <translation>&amp;Aanmelden bij %1…</translation>
    </message>
    <message>
        <source>Sign in to %1</source>
        <translation>Aanmelden bij %1</translation>
    </message>
    <message>
        <source>Not signed in: %1</source>
        <translation>Niet aangemeld: %1</translation>
    </message>
    <message>
        <source>Signed in; tokens received.</source>
        <translation>Aangemeld; tokens ontvangen.</translation>
    </message>
    <message>
        <source>Not signed in yet.</source>
        <translation>Nog niet aangemeld.</translation>
    </message>
    <message>
        <source>%1 sign-in status</source>
        <translation>Aanmeldstatus van %1</translation>
    </message>
    <message>
        <source>the connection is missing</source>
        <translation>de koppeling ontbreekt</translation>
    </message>
</context>
<context>
    <name>bk::ui::firstrun::ConnectorPage</name>
    <message>
        <source>Na&amp;me:</source>
        <translation>Na&amp;am:</translation>
    </message>
    <message>
        <source>Connection name</source>
        <translation>Naam van de koppeling</translation>
    </message>
    <message>
        <source>&amp;API address:</source>
        <translation>&amp;API-adres:</translation>
    </message>
    <message>
        <source>API address</source>
        <translation>API-adres</translation>
    </message>
    <message>
        <source>Si&amp;gn-in address:</source>
        <translation>Aanmeld&amp;adres:</translation>
    </message>
    <message>
        <source>Sign-in address</source>
        <translation>Aanmeldadres</translation>
    </message>
    <message>
        <source>Status &amp;page:</source>
        <translation>Status&amp;pagina:</translation>
    </message>
    <message>
        <source>Status page address</source>
        <translation>Adres van de statuspagina</translation>
    </message>
    <message>
        <source>&amp;Division:</source>
        <translation>&amp;Divisie:</translation>
    </message>
    <message>
        <source>Division number</source>
        <translation>Divisienummer</translation>
    </message>
    <message>
        <source>S&amp;hop:</source>
        <translation>W&amp;inkel:</translation>
    </message>
    <message>
        <source>Shop name</source>
        <translation>Naam van de winkel</translation>
    </message>
    <message>
        <source>C&amp;ompany domain:</source>
        <translation>&amp;Bedrijfsdomein:</translation>
    </message>
    <message>
        <source>Company domain</source>
        <translation>Bedrijfsdomein</translation>
    </message>
    <message>
        <source>&amp;Client id:</source>
        <translation>&amp;Client-id:</translation>
    </message>
    <message>
        <source>Client id</source>
        <translation>Client-id</translation>
    </message>
    <message>
        <source>Client &amp;secret:</source>
        <translation>Client-&amp;secret:</translation>
    </message>
    <message>
        <source>Client secret</source>
        <translation>Client secret</translation>
    </message>
    <message>
        <source>Source: %1</source>
        <translation>Bron: %1</translation>
    </message>
    <message>
        <source>Destination: %1</source>
        <translation>Bestemming: %1</translation>
    </message>
    <message>
        <source>Records are read from this connection.</source>
        <translation>Records worden uit deze koppeling gelezen.</translation>
    </message>
    <message>
        <source>Records are written to this connection.</source>
        <translation>Records worden naar deze koppeling geschreven.</translation>
    </message>
    <message>
        <source>Register Bridgekeeper as an app with %1 and copy its client id and secret here. The secret is kept in the system keychain. Leave an address empty to use %1&apos;s own.</source>
        <translation>Registreer Bridgekeeper als app bij %1 en kopieer de client-id en het secret hierheen. Het secret wordt bewaard in de sleutelhanger van het systeem. Laat een adres leeg om dat van %1 zelf te gebruiken.</translation>
    </message>
    <message>
        <source>sign-in address</source>
        <translation>aanmeldadres</translation>
    </message>
    <message>
        <source>status page</source>
        <translation>statuspagina</translation>
    </message>
    <message>
        <source>The %1 must be a full http(s) address such as %2.</source>
        <translation>Het %1 moet een volledig http(s)-adres zijn, zoals %2.</translation>
    </message>
    <message>
        <source>The %1 is the lower-case name in its web address (letters, digits and dashes).</source>
        <translation>De %1 is de naam in kleine letters uit het webadres (letters, cijfers en streepjes).</translation>
    </message>
    <message>
        <source>shop</source>
        <translation>winkel</translation>
    </message>
    <message>
        <source>company domain</source>
        <translation>bedrijfsdomein</translation>
    </message>
</context>
<context>
    <name>bk::ui::firstrun::FirstRunWizard</name>
    <message>
        <source>Set up Bridgekeeper</source>
        <translation>Bridgekeeper instellen</translation>
    </message>
    <message>
        <source>Checking the workspace…</source>
        <translation>De werkruimte wordt gecontroleerd…</translation>
    </message>
    <message>
        <source>Workspace written: %1</source>
        <translation>Werkruimte geschreven: %1</translation>
    </message>
</context>
<context>
    <name>bk::ui::firstrun::FolderPage</name>
    <message>
        <source>Data folder</source>
        <translation>Gegevensmap</translation>
    </message>
    <message>
        <source>The workspace file and its database go into this folder. Secrets go into the system keychain, never into the folder.</source>
        <translation>Het werkruimtebestand en de database komen in deze map. Geheimen gaan naar de sleutelhanger van het systeem, nooit naar de map.</translation>
    </message>
    <message>
        <source>Workspace name</source>
        <translation>Naam van de werkruimte</translation>
    </message>
    <message>
        <source>B&amp;rowse…</source>
        <translation>B&amp;laderen…</translation>
    </message>
    <message>
        <source>Choose the data folder</source>
        <translation>Kies de gegevensmap</translation>
    </message>
    <message>
        <source>&amp;Folder:</source>
        <translation>&amp;Map:</translation>
    </message>
    <message>
        <source>Na&amp;me:</source>
        <translation>Na&amp;am:</translation>
    </message>
    <message>
        <source>Workspace file:</source>
        <translation>Werkruimtebestand:</translation>
    </message>
    <message>
        <source>My integrations</source>
        <translation>Mijn integraties</translation>
    </message>
    <message>
        <source>Give the folder as a full path, e.g. %1.</source>
        <translation>Geef de map als volledig pad op, bijvoorbeeld %1.</translation>
    </message>
    <message>
        <source>%1 already exists. Choose another name, or go back and open it.</source>
        <translation>%1 bestaat al. Kies een andere naam, of ga terug en open het.</translation>
    </message>
</context>
<context>
    <name>bk::ui::firstrun::MappingPage</name>
    <message>
        <source>What to sync</source>
        <translation>Wat wordt gesynchroniseerd</translation>
    </message>
    <message>
        <source>Pick a mapping document. It says which records move from which API to which, field by field; it decides the two connections you add next.</source>
        <translation>Kies een mappingdocument. Het bepaalt welke records van welke API naar welke gaan, veld voor veld; het bepaalt ook de twee koppelingen die u hierna toevoegt.</translation>
    </message>
    <message>
        <source>Mapping documents</source>
        <translation>Mappingdocumenten</translation>
    </message>
    <message>
        <source>Sync interval</source>
        <translation>Synchronisatie-interval</translation>
    </message>
    <message>
        <source>every minute</source>
        <translation>elke minuut</translation>
    </message>
    <message>
        <source>every 5 minutes</source>
        <translation>elke 5 minuten</translation>
    </message>
    <message>
        <source>every 15 minutes</source>
        <translation>elke 15 minuten</translation>
    </message>
    <message>
        <source>every hour</source>
        <translation>elk uur</translation>
    </message>
    <message>
        <source>&amp;Import from a file…</source>
        <translation>&amp;Importeren uit een bestand…</translation>
    </message>
    <message>
        <source>Import a mapping document from a file</source>
        <translation>Een mappingdocument uit een bestand importeren</translation>
    </message>
    <message>
        <source>&amp;Mapping documents:</source>
        <translation>&amp;Mappingdocumenten:</translation>
    </message>
    <message>
        <source>&amp;Sync:</source>
        <translation>&amp;Synchroniseren:</translation>
    </message>
    <message>
        <source>Import a mapping document</source>
        <translation>Een mappingdocument importeren</translation>
    </message>
    <message>
        <source>Mapping documents (*.json)</source>
        <translation>Mappingdocumenten (*.json)</translation>
    </message>
    <message>
        <source>%1 → %2: %3 to %4</source>
        <translation>%1 → %2: %3 naar %4</translation>
    </message>
    <message>
        <source>%1 cannot be used:
%2</source>
        <translation>%1 kan niet worden gebruikt:
%2</translation>
    </message>
    <message>
        <source>%1 needs the connector type &quot;%2&quot;, which this installation does not have (known: %3).</source>
        <translation>%1 heeft het connectortype &quot;%2&quot; nodig, dat deze installatie niet heeft (bekend: %3).</translation>
    </message>
    <message numerus="yes">
        <source>%1
%n field(s) mapped. Source connection: %2; destination connection: %3.</source>
        <translation>
            <numerusform>%1
%n veld gemapt. Bronkoppeling: %2; bestemmingskoppeling: %3.</numerusform>
            <numerusform>%1
%n velden gemapt. Bronkoppeling: %2; bestemmingskoppeling: %3.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bk::ui::firstrun::SummaryPage</name>
    <message>
        <source>Ready</source>
        <translation>Klaar</translation>
    </message>
    <message>
        <source>Finish writes the workspace, stores the secrets in the system keychain, opens the workspace and starts the first sync.</source>
        <translation>Voltooien schrijft de werkruimte, slaat de geheimen op in de sleutelhanger van het systeem, opent de werkruimte en start de eerste synchronisatie.</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Overzicht</translation>
    </message>
    <message>
        <source>Workspace</source>
        <translation>Werkruimte</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Bestand</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Database</translation>
    </message>
    <message>
        <source>Secrets</source>
        <translation>Geheimen</translation>
    </message>
    <message>
        <source>system keychain, service “%1”</source>
        <translation>sleutelhanger van het systeem, service “%1”</translation>
    </message>
    <message>
        <source>the vendor&apos;s address</source>
        <translation>het adres van de leverancier</translation>
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
        <source>%1 (%2), %3, client id %4 — %5</source>
        <translation>%1 (%2), %3, client-id %4 — %5</translation>
    </message>
    <message>
        <source>signed in</source>
        <translation>aangemeld</translation>
    </message>
    <message>
        <source>not signed in</source>
        <translation>niet aangemeld</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Synchronisatie</translation>
    </message>
    <message>
        <source>%1 → %2 with “%3”, every %4</source>
        <translation>%1 → %2 met “%3”, %4</translation>
    </message>
    <message>
        <source>The workspace was not created: %1</source>
        <translation>De werkruimte is niet aangemaakt: %1</translation>
    </message>
</context>
<context>
    <name>bk::ui::firstrun::WelcomePage</name>
    <message>
        <source>&amp;Create a new workspace</source>
        <translation>Een nieuwe werkruimte &amp;maken</translation>
    </message>
    <message>
        <source>&amp;Open an existing workspace file</source>
        <translation>Een bestaand werkruimtebestand &amp;openen</translation>
    </message>
    <message>
        <source>Open the &amp;demo (built-in sandbox, nothing is sent anywhere)</source>
        <translation>De &amp;demo openen (ingebouwde sandbox, er wordt niets verstuurd)</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Bladeren…</translation>
    </message>
    <message>
        <source>Welcome to Bridgekeeper</source>
        <translation>Welkom bij Bridgekeeper</translation>
    </message>
    <message>
        <source>No workspace was found. A workspace names the APIs Bridgekeeper connects and what it syncs between them.</source>
        <translation>Er is geen werkruimte gevonden. Een werkruimte noemt de API&apos;s die Bridgekeeper koppelt en wat het daartussen synchroniseert.</translation>
    </message>
    <message>
        <source>Workspace file to open</source>
        <translation>Te openen werkruimtebestand</translation>
    </message>
    <message>
        <source>Path of a workspace file (.json)</source>
        <translation>Pad van een werkruimtebestand (.json)</translation>
    </message>
    <message>
        <source>Choose the workspace file</source>
        <translation>Kies het werkruimtebestand</translation>
    </message>
    <message>
        <source>Choose where Bridgekeeper keeps its data, pick what to sync, add the two connections and sign in to them.</source>
        <translation>Kies waar Bridgekeeper zijn gegevens bewaart, kies wat er gesynchroniseerd wordt, voeg de twee koppelingen toe en meld u daarbij aan.</translation>
    </message>
    <message>
        <source>%1 does not exist or is not a file.</source>
        <translation>%1 bestaat niet of is geen bestand.</translation>
    </message>
    <message>
        <source>This file is not a valid workspace:
%1</source>
        <translation>Dit bestand is geen geldige werkruimte:
%1</translation>
    </message>
    <message>
        <source>Open a workspace</source>
        <translation>Een werkruimte openen</translation>
    </message>
    <message>
        <source>Workspace files (*.json)</source>
        <translation>Werkruimtebestanden (*.json)</translation>
    </message>
</context>
<context>
    <name>bk::ui::firstrun::WorkspaceWriter</name>
    <message>
        <source>%1 already exists; nothing was overwritten</source>
        <translation>%1 bestaat al; er is niets overschreven</translation>
    </message>
    <message>
        <source>Storing the secrets in the system keychain…</source>
        <translation>De geheimen worden opgeslagen in de sleutelhanger van het systeem…</translation>
    </message>
    <message>
        <source>the system keychain did not store the secrets: %1</source>
        <translation>de sleutelhanger van het systeem heeft de geheimen niet opgeslagen: %1</translation>
    </message>
    <message>
        <source>Creating the database and writing the workspace file…</source>
        <translation>De database wordt aangemaakt en het werkruimtebestand geschreven…</translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message>
        <source>auth needs: import</source>
        <translation>auth verwacht: import</translation>
    </message>
    <message>
        <source>The connector whose tokens are read from stdin.</source>
        <translation>De connector waarvan de tokens van stdin worden gelezen.</translation>
    </message>
    <message>
        <source>--%1 is required (see: bridgekeeper-engine auth import --help)</source>
        <translation>--%1 is verplicht (zie: bridgekeeper-engine auth import --help)</translation>
    </message>
    <message>
        <source>%1: $.connectors: no connector with id &quot;%2&quot;</source>
        <translation>%1: $.connectors: geen connector met id &quot;%2&quot;</translation>
    </message>
    <message>
        <source>stdin cannot be read</source>
        <translation>stdin kan niet worden gelezen</translation>
    </message>
    <message>
        <source>stdin: not a JSON object (%1); expected {&quot;access_token&quot;: …, &quot;refresh_token&quot;: …, &quot;expires_in&quot;: …}</source>
        <translation>stdin: geen JSON-object (%1); verwacht {&quot;access_token&quot;: …, &quot;refresh_token&quot;: …, &quot;expires_in&quot;: …}</translation>
    </message>
    <message>
        <source>found another JSON value</source>
        <translation>een andere JSON-waarde gevonden</translation>
    </message>
    <message>
        <source>stdin: </source>
        <translation>stdin: </translation>
    </message>
    <message>
        <source>%1: $.store: %2</source>
        <translation>%1: $.store: %2</translation>
    </message>
    <message>
        <source>%1: $.secrets: %2</source>
        <translation>%1: $.secrets: %2</translation>
    </message>
    <message>
        <source>the secret store never answered</source>
        <translation>de geheimenopslag heeft nooit geantwoord</translation>
    </message>
    <message>
        <source>the tokens were not stored: </source>
        <translation>de tokens zijn niet opgeslagen: </translation>
    </message>
    <message>
        <source>Stored tokens for connector %1 in the %2 secret store (access token expires %3, refresh token expires %4).
</source>
        <translation>Tokens voor connector %1 opgeslagen in de geheimenopslag %2 (access token verloopt %3, refresh token verloopt %4).
</translation>
    </message>
    <message>
        <source>bridgekeeper-engine %1</source>
        <translation>bridgekeeper-engine %1</translation>
    </message>
    <message>
        <source>Folder for the store, logs and state (default: XDG data folder).</source>
        <translation>Map voor de opslag, logs en status (standaard: XDG-gegevensmap).</translation>
    </message>
    <message>
        <source>trace, debug, info, warning or error (default: info).</source>
        <translation>trace, debug, info, warning of error (standaard: info).</translation>
    </message>
    <message>
        <source>The workspace file (JSON).</source>
        <translation>Het werkruimtebestand (JSON).</translation>
    </message>
    <message>
        <source> (see: bridgekeeper-engine %1 --help)</source>
        <translation> (zie: bridgekeeper-engine %1 --help)</translation>
    </message>
    <message>
        <source>--log-level: &quot;%1&quot; is not one of trace, debug, info, warning, error</source>
        <translation>--log-level: &quot;%1&quot; is niet een van trace, debug, info, warning, error</translation>
    </message>
    <message>
        <source>--workspace FILE is required</source>
        <translation>--workspace FILE is verplicht</translation>
    </message>
    <message>
        <source>%1 dead letter(s)
</source>
        <translation>%1 dead letter(s)
</translation>
    </message>
    <message>
        <source>cannot replay through &quot;%1&quot;: no auth provider is available (%2)</source>
        <translation>kan niet opnieuw afspelen via &quot;%1&quot;: er is geen authenticatieprovider beschikbaar (%2)</translation>
    </message>
    <message>
        <source>cannot replay through &quot;%1&quot;: it has no usable tokens; authorise it first (console, or `auth import`)</source>
        <translation>kan niet opnieuw afspelen via &quot;%1&quot;: er zijn geen bruikbare tokens; autoriseer eerst (console, of `auth import`)</translation>
    </message>
    <message>
        <source>cannot replay through &quot;%1&quot;: no auth provider for auth type &quot;%2&quot; in this build</source>
        <translation>kan niet opnieuw afspelen via &quot;%1&quot;: geen authenticatieprovider voor authenticatietype &quot;%2&quot; in deze build</translation>
    </message>
    <message>
        <source>--body-file: cannot read %1</source>
        <translation>--body-file: kan %1 niet lezen</translation>
    </message>
    <message>
        <source>dead letter %1 replayed: HTTP %2, resolved
</source>
        <translation>dead letter %1 opnieuw afgespeeld: HTTP %2, opgelost
</translation>
    </message>
    <message>
        <source>dead letter %1 replay failed (%2): %3</source>
        <translation>opnieuw afspelen van dead letter %1 mislukt (%2): %3</translation>
    </message>
    <message>
        <source>deadletters needs one of: %1</source>
        <translation>deadletters verwacht een van: %1</translation>
    </message>
    <message>
        <source>Print machine-readable JSON.</source>
        <translation>Machineleesbare JSON afdrukken.</translation>
    </message>
    <message>
        <source>Only this connector.</source>
        <translation>Alleen deze connector.</translation>
    </message>
    <message>
        <source>Only this flow.</source>
        <translation>Alleen deze flow.</translation>
    </message>
    <message>
        <source>Only this class (permanent, transient, …).</source>
        <translation>Alleen deze klasse (permanent, transient, …).</translation>
    </message>
    <message>
        <source>Only this state (new, replaying, resolved, discarded).</source>
        <translation>Alleen deze status (new, replaying, resolved, discarded).</translation>
    </message>
    <message>
        <source>Only letters whose reason, URL, ids or body contain TEXT.</source>
        <translation>Alleen letters waarvan de reden, URL, id&apos;s of body TEXT bevatten.</translation>
    </message>
    <message>
        <source>Rows per page (default 100).</source>
        <translation>Rijen per pagina (standaard 100).</translation>
    </message>
    <message>
        <source>Rows to skip.</source>
        <translation>Over te slaan rijen.</translation>
    </message>
    <message>
        <source>Dead-letter id.</source>
        <translation>Id van de dead letter.</translation>
    </message>
    <message>
        <source>Why it is discarded (kept in the audit log).</source>
        <translation>Waarom hij wordt verworpen (bewaard in het auditlog).</translation>
    </message>
    <message>
        <source>Replay to this connector instead.</source>
        <translation>In plaats daarvan naar deze connector opnieuw afspelen.</translation>
    </message>
    <message>
        <source>Send this body instead (audited as an edit).</source>
        <translation>In plaats daarvan deze body versturen (als bewerking geaudit).</translation>
    </message>
    <message>
        <source>Operator name for the audit log (default: $USER).</source>
        <translation>Naam van de operator voor het auditlog (standaard: $USER).</translation>
    </message>
    <message>
        <source>--workspace is required (see: bridgekeeper-engine %1 --help)</source>
        <translation>--workspace is verplicht (zie: bridgekeeper-engine %1 --help)</translation>
    </message>
    <message>
        <source>deadletters %1 needs a dead-letter id</source>
        <translation>deadletters %1 verwacht een id van een dead letter</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a dead-letter id</source>
        <translation>&quot;%1&quot; is geen id van een dead letter</translation>
    </message>
    <message>
        <source>deadletters discard needs --reason TEXT</source>
        <translation>deadletters discard verwacht --reason TEXT</translation>
    </message>
    <message>
        <source>dead letter %1 discarded
</source>
        <translation>dead letter %1 verworpen
</translation>
    </message>
    <message>
        <source>connector definition</source>
        <translation>connectordefinitie</translation>
    </message>
    <message>
        <source>mapping document</source>
        <translation>mappingdocument</translation>
    </message>
    <message>
        <source> [replaces the existing file]</source>
        <translation> [vervangt het bestaande bestand]</translation>
    </message>
    <message>
        <source>Validate and list what would be written; write nothing.</source>
        <translation>Valideren en tonen wat er geschreven zou worden; niets schrijven.</translation>
    </message>
    <message>
        <source>The zip to import.</source>
        <translation>De te importeren zip.</translation>
    </message>
    <message>
        <source>name exactly one zip: import FILE.zip</source>
        <translation>geef precies één zip op: import FILE.zip</translation>
    </message>
    <message>
        <source>bridgekeeper-engine: using the console&apos;s last workspace %1</source>
        <translation>bridgekeeper-engine: de laatste werkruimte van de console wordt gebruikt: %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 is valid; %n file(s) would be written:
</source>
        <translation>
            <numerusform>%1 is geldig; %n bestand zou worden geschreven:
</numerusform>
            <numerusform>%1 is geldig; %n bestanden zouden worden geschreven:
</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>imported %n file(s) from %1:
</source>
        <translation>
            <numerusform>%n bestand geïmporteerd uit %1:
</numerusform>
            <numerusform>%n bestanden geïmporteerd uit %1:
</numerusform>
        </translation>
    </message>
    <message>
        <source>Restart the engine (or reopen the workspace in the console) to use them.
</source>
        <translation>Herstart de engine (of open de werkruimte opnieuw in de console) om ze te gebruiken.
</translation>
    </message>
    <message>
        <source>Name of this engine in leases, snapshots and metrics (default host:pid).</source>
        <translation>Naam van deze engine in leases, momentopnamen en metrieken (standaard host:pid).</translation>
    </message>
    <message>
        <source>Serve webhooks and metrics but schedule no flows.</source>
        <translation>Webhooks en metrieken bedienen, maar geen flows inplannen.</translation>
    </message>
    <message>
        <source>Address to serve the simulators on.</source>
        <translation>Adres waarop de simulators luisteren.</translation>
    </message>
    <message>
        <source>Seed of the generated data and injected faults.</source>
        <translation>Seed van de gegenereerde gegevens en ingebrachte fouten.</translation>
    </message>
    <message>
        <source>Run the simulated clock this many times faster.</source>
        <translation>De gesimuleerde klok zoveel keer sneller laten lopen.</translation>
    </message>
    <message>
        <source>Scenario file with faults and webhook receivers.</source>
        <translation>Scenariobestand met fouten en webhookontvangers.</translation>
    </message>
    <message>
        <source>Records in each vendor&apos;s main collection.</source>
        <translation>Records in de hoofdcollectie van elke leverancier.</translation>
    </message>
    <message>
        <source>--listen: </source>
        <translation>--listen: </translation>
    </message>
    <message>
        <source>--seed: not a whole number</source>
        <translation>--seed: geen geheel getal</translation>
    </message>
    <message>
        <source>--speed: must be a number above 0</source>
        <translation>--speed: moet een getal groter dan 0 zijn</translation>
    </message>
    <message>
        <source>--records: must be between 1 and 200000</source>
        <translation>--records: moet tussen 1 en 200000 liggen</translation>
    </message>
    <message>
        <source>--scenario: </source>
        <translation>--scenario: </translation>
    </message>
    <message>
        <source>cannot install the SIGTERM/SIGINT handler</source>
        <translation>kan de SIGTERM/SIGINT-handler niet installeren</translation>
    </message>
    <message>
        <source>seed %1, clock speed %2x; stop with Ctrl+C or SIGTERM</source>
        <translation>seed %1, kloksnelheid %2x; stoppen met Ctrl+C of SIGTERM</translation>
    </message>
    <message>
        <source>sandbox stopped</source>
        <translation>sandbox gestopt</translation>
    </message>
    <message>
        <source>secrets needs: set</source>
        <translation>secrets verwacht: set</translation>
    </message>
    <message>
        <source>The connector the secret belongs to.</source>
        <translation>De connector waartoe het geheim behoort.</translation>
    </message>
    <message>
        <source>client_secret or webhook-secret (with --connector).</source>
        <translation>client_secret of webhook-secret (met --connector).</translation>
    </message>
    <message>
        <source>An e-mail alert channel: its SMTP password.</source>
        <translation>Een e-mailkanaal voor alerts: het SMTP-wachtwoord ervan.</translation>
    </message>
    <message>
        <source>--name must be client_secret or webhook-secret</source>
        <translation>--name moet client_secret of webhook-secret zijn</translation>
    </message>
    <message>
        <source>%1: $.alerts: no alert channel with id &quot;%2&quot;</source>
        <translation>%1: $.alerts: geen alertkanaal met id &quot;%2&quot;</translation>
    </message>
    <message>
        <source>name the secret: --connector ID --name NAME, or --alert-channel ID</source>
        <translation>noem het geheim: --connector ID --name NAME, of --alert-channel ID</translation>
    </message>
    <message>
        <source>stdin was empty: pipe the secret in, e.g. from a password manager</source>
        <translation>stdin was leeg: geef het geheim via een pipe door, bijvoorbeeld uit een wachtwoordbeheerder</translation>
    </message>
    <message>
        <source>the secret was not stored: </source>
        <translation>het geheim is niet opgeslagen: </translation>
    </message>
    <message>
        <source>Stored %1 (%2 bytes) in the %3 secret store.
</source>
        <translation>%1 (%2 bytes) opgeslagen in de geheimenopslag %3.
</translation>
    </message>
    <message>
        <source>Workspace: %1 (%2)
</source>
        <translation>Werkruimte: %1 (%2)
</translation>
    </message>
    <message>
        <source>Store:     %1, schema %2
</source>
        <translation>Opslag:     %1, schema %2
</translation>
    </message>
    <message>
        <source>Connector: %1 (%2)%3
</source>
        <translation>Connector:  %1 (%2)%3
</translation>
    </message>
    <message>
        <source> disabled</source>
        <translation> uitgeschakeld</translation>
    </message>
    <message>
        <source>Health:    %1 %2 %3
</source>
        <translation>Gezondheid: %1 %2 %3
</translation>
    </message>
    <message>
        <source>Flow:      %1  %2/%3 -&gt; %4/%5
</source>
        <translation>Flow:       %1  %2/%3 -&gt; %4/%5
</translation>
    </message>
    <message>
        <source>Where to write the zip.</source>
        <translation>Waar de zip wordt geschreven.</translation>
    </message>
    <message>
        <source>A note for support (what went wrong).</source>
        <translation>Een notitie voor de ondersteuning (wat ging er mis).</translation>
    </message>
    <message>
        <source>Include this dead letter (repeat for more).</source>
        <translation>Deze dead letter meesturen (herhaal voor meer).</translation>
    </message>
    <message>
        <source>--out FILE.zip is required</source>
        <translation>--out FILE.zip is verplicht</translation>
    </message>
    <message>
        <source>--dead-letter: &quot;%1&quot; is not an id</source>
        <translation>--dead-letter: &quot;%1&quot; is geen id</translation>
    </message>
    <message>
        <source>bridgekeeper-engine: warning: %1; those values are removed by pattern only</source>
        <translation>bridgekeeper-engine: waarschuwing: %1; die waarden worden alleen op patroon verwijderd</translation>
    </message>
    <message numerus="yes">
        <source>wrote %1 (%n file(s), %2 bytes)
</source>
        <translation>
            <numerusform>%1 geschreven (%n bestand, %2 bytes)
</numerusform>
            <numerusform>%1 geschreven (%n bestanden, %2 bytes)
</numerusform>
        </translation>
    </message>
    <message>
        <source>The flow to run.</source>
        <translation>De uit te voeren flow.</translation>
    </message>
    <message>
        <source>Run one cycle and exit.</source>
        <translation>Eén cyclus uitvoeren en stoppen.</translation>
    </message>
    <message>
        <source>--%1 is required (see: bridgekeeper-engine sync --help)</source>
        <translation>--%1 is verplicht (zie: bridgekeeper-engine sync --help)</translation>
    </message>
    <message>
        <source>sync needs --once (continuous syncing is &quot;run&quot;)</source>
        <translation>sync verwacht --once (doorlopend synchroniseren is &quot;run&quot;)</translation>
    </message>
    <message>
        <source>%1: $.flows: flow &quot;%2&quot;: %3</source>
        <translation>%1: $.flows: flow &quot;%2&quot;: %3</translation>
    </message>
    <message>
        <source>connector &quot;%1&quot;: %2</source>
        <translation>connector &quot;%1&quot;: %2</translation>
    </message>
    <message>
        <source>flow &quot;%1&quot;: %2</source>
        <translation>flow &quot;%1&quot;: %2</translation>
    </message>
    <message>
        <source>flow %1: %2%3 read in %4 pages, %5 created, %6 updated, %7 unchanged, %8 dead letters; %9 source calls
</source>
        <translation>flow %1: %2%3 gelezen in %4 pagina&apos;s, %5 aangemaakt, %6 bijgewerkt, %7 ongewijzigd, %8 dead letters; %9 bronaanroepen
</translation>
    </message>
    <message>
        <source>initial sync, </source>
        <translation>eerste synchronisatie, </translation>
    </message>
    <message>
        <source>Usage: bridgekeeper-engine COMMAND [OPTIONS]

Headless Bridgekeeper engine and admin CLI.

Commands:
  run --workspace FILE                       Run the engine until SIGTERM.
  sync --workspace FILE --flow ID --once     Run one sync cycle of a flow and exit.
  status --workspace FILE [--json]           Print health, tokens, gauges and lag.
  deadletters list|show|replay|discard --workspace FILE [ID] [--json] [--reason TEXT]
  auth import --workspace FILE --connector ID
                                             Read an access/refresh token pair (JSON) on stdin.
  sandbox [--listen 127.0.0.1:PORT]          Serve the API simulators on their own.
  secrets set --workspace FILE (--connector ID --name client_secret|webhook-secret
              | --alert-channel ID)          Store a secret read from stdin.
  support-bundle --workspace FILE --out FILE.zip [--note TEXT] [--dead-letter ID]
                                             Write a redacted zip for support.
  import FILE.zip [--workspace FILE] [--dry-run]
                                             Import connector definitions and mapping
                                             documents, validated before anything is written.

Options for every command: --data-dir DIR, --log-level LEVEL, --help.
  --version                                  Print the version and exit.

Exit codes: 0 ok, 1 failed, 2 bad arguments or workspace, 3 store unavailable,
4 not available in this build.
</source>
        <translation>Gebruik: bridgekeeper-engine COMMAND [OPTIONS]

Bridgekeeper-engine zonder venster en beheer-CLI.

Opdrachten:
  run --workspace FILE                       De engine draaien tot SIGTERM.
  sync --workspace FILE --flow ID --once     Eén synchronisatiecyclus van een flow en stoppen.
  status --workspace FILE [--json]           Gezondheid, tokens, meters en achterstand tonen.
  deadletters list|show|replay|discard --workspace FILE [ID] [--json] [--reason TEXT]
  auth import --workspace FILE --connector ID
                                             Een access/refresh-tokenpaar (JSON) van stdin lezen.
  sandbox [--listen 127.0.0.1:PORT]          Alleen de API-simulators bedienen.
  secrets set --workspace FILE (--connector ID --name client_secret|webhook-secret
              | --alert-channel ID)          Een geheim van stdin opslaan.
  support-bundle --workspace FILE --out FILE.zip [--note TEXT] [--dead-letter ID]
                                             Een geschoonde zip voor de ondersteuning schrijven.
  import FILE.zip [--workspace FILE] [--dry-run]
                                             Connectordefinities en mappingdocumenten
                                             importeren, gevalideerd voordat er iets wordt geschreven.

Opties voor elke opdracht: --data-dir DIR, --log-level LEVEL, --help.
  --version                                  De versie tonen en stoppen.

Afsluitcodes: 0 gelukt, 1 mislukt, 2 verkeerde argumenten of werkruimte, 3 opslag niet beschikbaar,
4 niet beschikbaar in deze build.
</translation>
    </message>
    <message>
        <source>unknown command &quot;%1&quot; (see: bridgekeeper-engine --help)</source>
        <translation>onbekende opdracht &quot;%1&quot; (zie: bridgekeeper-engine --help)</translation>
    </message>
    <message>
        <source>dead letter %1 holds a source record, and &quot;%2&quot; is no flow of %3: name one with --flow</source>
        <translation>dead letter %1 bevat een bronrecord en &quot;%2&quot; is geen flow van %3: noem er een met --flow</translation>
    </message>
    <message>
        <source>dead letter %1 not replayed: %2</source>
        <translation>dead letter %1 niet opnieuw verzonden: %2</translation>
    </message>
    <message>
        <source>dead letter %1: the plan sends through &quot;%2&quot;</source>
        <translation>dead letter %1: het plan verzendt via &quot;%2&quot;</translation>
    </message>
    <message>
        <source>dead letter %1 is %2: nothing to replay</source>
        <translation>dead letter %1 is %2: niets opnieuw te verzenden</translation>
    </message>
    <message>
        <source>dead letter %1 holds a source record: it is replayed through a flow (--flow), not to a connector</source>
        <translation>dead letter %1 bevat een bronrecord: het wordt via een flow (--flow) opnieuw verzonden, niet naar een connector</translation>
    </message>
    <message>
        <source>dead letter %1 holds a request, not a source record: --flow does not apply (use --connector)</source>
        <translation>dead letter %1 bevat een verzoek, geen bronrecord: --flow is hier niet van toepassing (gebruik --connector)</translation>
    </message>
    <message>
        <source>A source record: map it through this flow instead of its own.</source>
        <translation>Een bronrecord: zet het om via deze flow in plaats van de eigen flow.</translation>
    </message>
    <message>
        <source>the webhook listener did not start: %1</source>
        <translation>de webhook-listener is niet gestart: %1</translation>
    </message>
</context>
<context>
    <name>http</name>
    <message>
        <source>%1 consecutive failures, last: %2</source>
        <translation>%1 fouten achter elkaar, laatste: %2</translation>
    </message>
    <message>
        <source>vendor status page: %1 (%2)</source>
        <translation>statuspagina van de leverancier: %1 (%2)</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Workspace created; the first sync has started.</source>
        <translation>Werkruimte aangemaakt; de eerste synchronisatie is gestart.</translation>
    </message>
</context>
</TS>
