#include "FleetPage.h"

#include "FleetModels.h"
#include "TimeFormat.h"
#include "fleet/FleetChannel.h"

#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace bk::ui {

namespace {

QTableView* makeTable(FleetTableModel* model, const QString& name, QWidget* parent) {
    auto* proxy = new QSortFilterProxyModel(parent);
    proxy->setSourceModel(model);
    proxy->setSortRole(FleetTableModel::SortRole);
    auto* view = new QTableView(parent);
    view->setModel(proxy);
    view->setSortingEnabled(true);
    view->sortByColumn(0, Qt::AscendingOrder);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    view->horizontalHeader()->setStretchLastSection(true);
    view->horizontalHeader()->setHighlightSections(false);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->setTabKeyNavigation(false);
    view->setAccessibleName(name);
    return view;
}

QGroupBox* boxed(const QString& title, QWidget* content, QWidget* parent) {
    auto* box = new QGroupBox(title, parent);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(content);
    return box;
}

} // namespace

FleetPage::FleetPage(std::shared_ptr<store::Database> db, std::shared_ptr<Clock> clock,
                     qint64 refreshMs, qint64 silentAfterMs, QWidget* parent)
    : QWidget(parent)
    , m_db(std::move(db))
    , m_clock(std::move(clock))
    , m_refreshMs(refreshMs)
    , m_silentAfterMs(silentAfterMs)
    , m_engines(new FleetEngineModel(silentAfterMs, this))
    , m_claims(new FleetClaimModel(this))
    , m_reports(new FleetReportModel(this))
    , m_commands(new FleetCommandModel(this))
    , m_summary(new QLabel(this))
    , m_controls(new QLabel(this)) {
    m_engineView = makeTable(m_engines, tr("Engines"), this);
    m_claimView = makeTable(m_claims, tr("Leases and claims"), this);
    m_reportView = makeTable(m_reports, tr("Reports by engine"), this);
    m_commandView = makeTable(m_commands, tr("Commands"), this);
    m_commandView->sortByColumn(FleetCommandModel::IssuedColumn, Qt::DescendingOrder);
    m_controls->setAccessibleName(tr("Connector controls"));
    m_controls->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_controls->setWordWrap(true);
    m_controls->hide();
    m_summary->setAccessibleName(tr("Fleet summary"));
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setText(tr("Reading the fleet…"));

    auto* bottom = new QSplitter(Qt::Horizontal, this);
    bottom->addWidget(boxed(tr("Leases and claims"), m_claimView, this));
    bottom->addWidget(boxed(tr("Reports by engine"), m_reportView, this));
    bottom->setSizes({760, 640});
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(boxed(tr("Engines"), m_engineView, this));
    split->addWidget(bottom);
    split->addWidget(boxed(tr("Commands (Run now, Reconcile, Resync)"), m_commandView, this));
    split->setChildrenCollapsible(false);
    split->setSizes({200, 400, 200});
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 0);
    layout->addWidget(m_summary);
    layout->addWidget(m_controls);
    layout->addWidget(split, 1);
}

void FleetPage::start() {
    if (m_started)
        return;
    m_started = true;
    onTick();
}

// Once a second: countdowns and "ago" columns move; a read starts when refreshMs passed.
void FleetPage::onTick() {
    const qint64 now = m_clock->nowMs();
    render(now);
    if (m_lastReadMs < 0 || now - m_lastReadMs >= m_refreshMs)
        refreshNow();
    m_clock->callAfter(1000, this, [this] { onTick(); });
}

void FleetPage::refreshNow() {
    if (m_reading)
        return;
    m_reading = true;
    const qint64 now = m_clock->nowMs();
    m_lastReadMs = now;
    m_tasks.run([db = m_db, now, last = m_lastLetterId] { return read(db, now, last); },
                [this](const Read& r) {
                    m_reading = false;
                    apply(r);
                });
}

FleetPage::Read FleetPage::read(const std::shared_ptr<store::Database>& db, qint64 nowMs,
                                qint64 lastLetterId) {
    Read r;
    r.fleet = readFleetStatus(db, nowMs);
    if (auto all = SnapshotStore(db).loadAll())
        r.snapshots = *all;
    else
        r.snapshotError = all.error().message;
    fleet::FleetChannel channel(db);
    if (auto commands = channel.recent(50))
        r.commands = *commands;
    else
        r.channelError = commands.error().message;
    if (auto controls = channel.controls())
        r.controls = *controls;
    else
        r.channelError = controls.error().message;
    // Letters other engines stored: the first read only learns where the queue ends.
    if (lastLetterId < 0) {
        if (auto q = db->exec(u"SELECT COALESCE(MAX(id), 0) FROM deadletters_letters"_s);
            q && q->next())
            r.lastLetterId = q->value(0).toLongLong();
    } else if (auto q = db->exec(
                   u"SELECT id FROM deadletters_letters WHERE id > ? ORDER BY id LIMIT 500"_s,
                   {lastLetterId})) {
        r.lastLetterId = lastLetterId;
        while (q->next()) {
            r.newLetters << q->value(0).toLongLong();
            r.lastLetterId = r.newLetters.constLast();
        }
    }
    return r;
}

void FleetPage::apply(const Read& r) {
    m_engines->setEngines(r.fleet.engines);
    m_claims->setClaims(r.fleet.claims);
    m_errors = r.fleet.errors;
    if (r.snapshots) {
        m_reports->setSnapshots(*r.snapshots);
        Q_EMIT snapshotsRead(*r.snapshots);
    } else {
        m_errors << tr("reports: %1").arg(r.snapshotError);
    }
    if (r.channelError.isEmpty()) {
        m_commands->setCommands(r.commands);
        QStringList paused, open, closed;
        for (const auto& c : r.controls) {
            if (c.paused)
                paused << c.connectorId;
            if (c.breakerOverride == u"open"_s)
                open << c.connectorId;
            else if (c.breakerOverride == u"closed"_s)
                closed << c.connectorId;
        }
        QStringList parts;
        if (!paused.isEmpty())
            parts << tr("Paused across the fleet: %1").arg(paused.join(u", "_s));
        if (!open.isEmpty())
            parts << tr("breaker forced open: %1").arg(open.join(u", "_s));
        if (!closed.isEmpty())
            parts << tr("breaker forced closed: %1").arg(closed.join(u", "_s));
        m_controls->setText(parts.join(u" · "_s));
        m_controls->setVisible(!parts.isEmpty());
    } else {
        m_errors << tr("commands: %1").arg(r.channelError);
    }
    if (r.lastLetterId >= 0)
        m_lastLetterId = r.lastLetterId;
    if (!r.newLetters.isEmpty())
        Q_EMIT deadLettersAdded(r.newLetters);
    render(m_clock->nowMs());
    Q_EMIT refreshed();
}

void FleetPage::render(qint64 nowMs) {
    m_engines->setNow(nowMs);
    m_claims->setNow(nowMs);
    m_reports->setNow(nowMs);
    m_commands->setNow(nowMs);
    if (m_lastReadMs < 0)
        return;
    int running = 0, silent = 0, stopped = 0;
    for (int r = 0; r < m_engines->rowCount(); ++r) {
        switch (m_engines->state(r)) {
        case FleetEngineState::Running:
            ++running;
            break;
        case FleetEngineState::Silent:
            ++silent;
            break;
        case FleetEngineState::Stopped:
            ++stopped;
            break;
        }
    }
    QString text = tr("%n engine(s) share this store: %1 running, %2 silent (no heartbeat for "
                      "%3), %4 stopped · %5 claim(s) held · read %6",
                      nullptr, m_engines->rowCount())
                       .arg(running)
                       .arg(silent)
                       .arg(formatSpan(m_silentAfterMs))
                       .arg(stopped)
                       .arg(m_claims->rowCount())
                       .arg(formatRelative(m_lastReadMs, nowMs));
    if (!m_errors.isEmpty())
        text += u"\n"_s + tr("Not readable: %1").arg(m_errors.join(u"; "_s));
    m_summary->setText(text);
}

} // namespace bk::ui
