#pragma once

#include "Clock.h"
#include "LagHistory.h"

#include <memory>

#include <QWidget>

class QChart;
class QChartView;
class QComboBox;
class QDateTimeAxis;
class QLineSeries;
class QValueAxis;

namespace bk::ui {

/// Webhook lag of one connector over the last hour or 24 hours: p50 and p95 lag, the inbox
/// backlog and the alert threshold. Reads a LagHistory; new points are appended to the
/// series incrementally and old ones dropped from the front.
class LagChart : public QWidget {
    Q_OBJECT
public:
    LagChart(std::shared_ptr<Clock> clock, const LagHistory* history, QWidget* parent = nullptr);

    void setConnector(const QString& connectorId);
    void setThresholdMs(qint64 thresholdMs);
    /// Shows the last 24 hours (one-minute buckets) instead of the last hour.
    void setDayRange(bool day);
    /// Appends what arrived in the history since the last call.
    void update(const QString& connectorId);
    /// Slides the time axis to nowMs.
    void tick(qint64 nowMs);

    int pointCount() const;
    QChartView* view() const { return m_view; }

private:
    void rebuild();
    void sync();
    void rescale();
    qint64 windowMs() const;

    std::shared_ptr<Clock> m_clock;
    const LagHistory* m_history;
    QString m_connectorId;
    bool m_day = false;
    qint64 m_thresholdMs = 5 * 60'000;
    qint64 m_lastTimeMs = -1; ///< bucket time of the newest point in the series
    QComboBox* m_range;
    QChart* m_chart;
    QChartView* m_view;
    QLineSeries* m_p50;
    QLineSeries* m_p95;
    QLineSeries* m_backlog;
    QLineSeries* m_threshold;
    QDateTimeAxis* m_timeAxis;
    QValueAxis* m_lagAxis;
    QValueAxis* m_backlogAxis;
};

} // namespace bk::ui
