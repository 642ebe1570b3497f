#pragma once

#include "Clock.h"
#include "engine/Snapshots.h"

#include <memory>

#include <QAbstractTableModel>
#include <QHash>
#include <QTimer>

namespace bk::ui {

/// The rate-limit policies of one connector (chosen with setConnector), one row per
/// policy, fed by rateGaugeChanged for every connector. Updates are coalesced.
class RateGaugeModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { PolicyColumn, UsageColumn, LeftColumn, ResetColumn, SourceColumn, ColumnCount };
    enum Role {
        SortRole = Qt::UserRole + 1, ///< typed value to sort on
        UsedRole,                    ///< double
        LimitRole,                   ///< double
        FractionRole,                ///< double used/limit in [0, 1+]
    };

    explicit RateGaugeModel(std::shared_ptr<Clock> clock, QObject* parent = nullptr);

    void setConnector(const QString& connectorId);
    QString connector() const { return m_connectorId; }
    void applyGauge(const RateGauge& gauge);
    void flush();
    void tick();
    /// Latest gauges of any connector (for tests and the status line).
    QList<RateGauge> gauges(const QString& connectorId) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QVariant display(const RateGauge& g, int column) const;
    QVariant sortValue(const RateGauge& g, int column) const;

    std::shared_ptr<Clock> m_clock;
    QString m_connectorId;
    QHash<QString, QList<RateGauge>> m_all; ///< per connector, in arrival order of policies
    QList<RateGauge> m_rows;                ///< m_all[m_connectorId] as shown
    QHash<QString, RateGauge> m_pending;    ///< keyed by connector + policy
    QTimer m_flushTimer;
};

} // namespace bk::ui
