#include "LagChart.h"

#include <algorithm>
#include <cmath>

#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtCharts/QDateTimeAxis>
#include <QtCharts/QLineSeries>
#include <QtCharts/QValueAxis>

using namespace Qt::StringLiterals;

namespace bk::ui {

namespace {

// A "nice" axis maximum: 1, 2 or 5 times a power of ten, at least minimum.
double niceCeiling(double value, double minimum) {
    value = std::max(value, minimum);
    const double magnitude = std::pow(10.0, std::floor(std::log10(value)));
    for (double step : {1.0, 2.0, 5.0, 10.0})
        if (step * magnitude >= value)
            return step * magnitude;
    return 10 * magnitude;
}

} // namespace

LagChart::LagChart(std::shared_ptr<Clock> clock, const LagHistory* history, QWidget* parent)
    : QWidget(parent)
    , m_clock(std::move(clock))
    , m_history(history)
    , m_range(new QComboBox(this))
    , m_chart(new QChart)
    , m_view(new QChartView(m_chart, this))
    , m_p50(new QLineSeries(m_chart))
    , m_p95(new QLineSeries(m_chart))
    , m_backlog(new QLineSeries(m_chart))
    , m_threshold(new QLineSeries(m_chart))
    , m_timeAxis(new QDateTimeAxis(m_chart))
    , m_lagAxis(new QValueAxis(m_chart))
    , m_backlogAxis(new QValueAxis(m_chart)) {
    m_range->addItem(tr("Last hour"));
    m_range->addItem(tr("Last 24 hours"));
    m_range->setAccessibleName(tr("Lag chart time range"));
    connect(m_range, &QComboBox::currentIndexChanged, this, [this](int i) { setDayRange(i == 1); });
    auto* rangeLabel = new QLabel(tr("&Range:"), this);
    rangeLabel->setBuddy(m_range);

    m_p50->setName(tr("p50 lag"));
    m_p95->setName(tr("p95 lag"));
    m_backlog->setName(tr("backlog"));
    m_threshold->setName(tr("alert threshold"));
    m_p50->setPen(QPen(QColor(0x19, 0x76, 0xd2), 2));
    m_p95->setPen(QPen(QColor(0x7b, 0x1f, 0xa2), 2));
    m_backlog->setPen(QPen(QColor(0x78, 0x90, 0x9c), 1.5, Qt::DashLine));
    m_threshold->setPen(QPen(QColor(0xd3, 0x2f, 0x2f), 1.5, Qt::DashDotLine));
    for (QLineSeries* s : {m_p50, m_p95, m_backlog, m_threshold})
        m_chart->addSeries(s);

    m_timeAxis->setFormat(u"HH:mm"_s);
    m_timeAxis->setTickCount(7);
    m_lagAxis->setTitleText(tr("lag (s)"));
    m_lagAxis->setLabelFormat(u"%.0f"_s);
    m_backlogAxis->setTitleText(tr("backlog"));
    m_backlogAxis->setLabelFormat(u"%.0f"_s);
    m_chart->addAxis(m_timeAxis, Qt::AlignBottom);
    m_chart->addAxis(m_lagAxis, Qt::AlignLeft);
    m_chart->addAxis(m_backlogAxis, Qt::AlignRight);
    for (QLineSeries* s : {m_p50, m_p95, m_threshold}) {
        s->attachAxis(m_timeAxis);
        s->attachAxis(m_lagAxis);
    }
    m_backlog->attachAxis(m_timeAxis);
    m_backlog->attachAxis(m_backlogAxis);
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_chart->setTitle(tr("Webhook lag"));
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setAccessibleName(tr("Webhook lag chart"));
    m_view->setAccessibleDescription(
        tr("p50 and p95 webhook lag, inbox backlog and the alert threshold over time"));
    m_view->setMinimumHeight(200);

    auto* top = new QHBoxLayout;
    top->addStretch();
    top->addWidget(rangeLabel);
    top->addWidget(m_range);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_view, 1);
    rebuild();
}

qint64 LagChart::windowMs() const {
    return m_day ? 24 * 3'600'000LL : 3'600'000LL;
}

void LagChart::setConnector(const QString& connectorId) {
    if (connectorId == m_connectorId)
        return;
    m_connectorId = connectorId;
    rebuild();
}

void LagChart::setThresholdMs(qint64 thresholdMs) {
    m_thresholdMs = thresholdMs;
    tick(m_clock->nowMs());
    rescale();
}

void LagChart::setDayRange(bool day) {
    if (day == m_day)
        return;
    m_day = day;
    if (m_range->currentIndex() != (day ? 1 : 0))
        m_range->setCurrentIndex(day ? 1 : 0);
    m_timeAxis->setFormat(day ? u"ddd HH:mm"_s : u"HH:mm"_s);
    rebuild();
}

void LagChart::update(const QString& connectorId) {
    if (connectorId == m_connectorId)
        sync();
}

void LagChart::rebuild() {
    m_p50->clear();
    m_p95->clear();
    m_backlog->clear();
    m_lastTimeMs = -1;
    sync();
    tick(m_clock->nowMs());
}

void LagChart::sync() {
    const RingBuffer<LagPoint>* ring =
        m_history ? m_history->series(m_connectorId, m_day) : nullptr;
    if (!ring || ring->empty()) {
        rescale();
        return;
    }
    // The ring is in time order: find the first bucket not yet (fully) in the series.
    std::size_t lo = 0;
    std::size_t hi = ring->size();
    while (lo < hi) {
        const std::size_t mid = (lo + hi) / 2;
        if (ring->at(mid).timeMs < m_lastTimeMs)
            lo = mid + 1;
        else
            hi = mid;
    }
    std::size_t i = lo;
    if (i < ring->size() && ring->at(i).timeMs == m_lastTimeMs && m_p50->count() > 0) {
        // The newest bucket absorbed more samples: update its point in place.
        const LagPoint& p = ring->at(i);
        const int last = m_p50->count() - 1;
        m_p50->replace(last, QPointF(double(p.timeMs), p.p50Ms / 1000.0));
        m_p95->replace(last, QPointF(double(p.timeMs), p.p95Ms / 1000.0));
        m_backlog->replace(last, QPointF(double(p.timeMs), p.backlog));
        ++i;
    }
    if (i < ring->size()) {
        QList<QPointF> p50, p95, backlog;
        const qsizetype n = qsizetype(ring->size() - i);
        p50.reserve(n);
        p95.reserve(n);
        backlog.reserve(n);
        for (; i < ring->size(); ++i) {
            const LagPoint& p = ring->at(i);
            p50.append(QPointF(double(p.timeMs), p.p50Ms / 1000.0));
            p95.append(QPointF(double(p.timeMs), p.p95Ms / 1000.0));
            backlog.append(QPointF(double(p.timeMs), p.backlog));
        }
        m_p50->append(p50);
        m_p95->append(p95);
        m_backlog->append(backlog);
    }
    m_lastTimeMs = ring->back().timeMs;

    // Drop what slid out of the window (the ring itself may hold more).
    const double start = double(m_clock->nowMs() - windowMs());
    int old = 0;
    while (old < m_p50->count() && m_p50->at(old).x() < start)
        ++old;
    if (old > 0) {
        m_p50->removePoints(0, old);
        m_p95->removePoints(0, old);
        m_backlog->removePoints(0, old);
    }
    rescale();
}

void LagChart::rescale() {
    double maxLag = 0;
    double maxBacklog = 0;
    for (int i = 0; i < m_p95->count(); ++i) {
        maxLag = std::max(maxLag, m_p95->at(i).y());
        maxBacklog = std::max(maxBacklog, m_backlog->at(i).y());
    }
    // Keep the threshold in view so the distance to it is visible.
    m_lagAxis->setRange(0, niceCeiling(std::max(maxLag, m_thresholdMs / 1000.0) * 1.1, 1));
    m_backlogAxis->setRange(0, niceCeiling(maxBacklog * 1.1, 10));
}

void LagChart::tick(qint64 nowMs) {
    const qint64 start = nowMs - windowMs();
    m_timeAxis->setRange(QDateTime::fromMSecsSinceEpoch(start),
                         QDateTime::fromMSecsSinceEpoch(nowMs));
    const double y = m_thresholdMs / 1000.0;
    const QList<QPointF> line{QPointF(double(start), y), QPointF(double(nowMs), y)};
    m_threshold->replace(line);
}

int LagChart::pointCount() const {
    return m_p50->count();
}

} // namespace bk::ui
