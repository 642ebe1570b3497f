#pragma once

#include "Clock.h"
#include "PipelineConfig.h"

#include <memory>

#include <QNetworkAccessManager>
#include <QObject>

namespace bk::http {

/// Polls an Atlassian-Statuspage-style /api/v2/status.json and reports when the vendor's
/// indicator enters or leaves one of the configured outage levels (major, critical).
class StatusPageMonitor : public QObject {
    Q_OBJECT
public:
    StatusPageMonitor(StatusPageConfig config, std::shared_ptr<Clock> clock,
                      QNetworkAccessManager* nam, QObject* parent = nullptr);

    /// Polls now, then every poll interval.
    void start();
    void stop();
    bool outage() const { return m_outage; }
    QString indicator() const { return m_indicator; }
    QString description() const { return m_description; }
    qint64 lastPollMs() const { return m_lastPollMs; }

Q_SIGNALS:
    /// outage true: pause the connector; false: resume. description is the vendor's words.
    void outageChanged(bool outage, const QString& indicator, const QString& description);
    void polled(bool ok);

private:
    void poll();
    void schedule();

    StatusPageConfig m_config;
    std::shared_ptr<Clock> m_clock;
    QNetworkAccessManager* m_nam;
    bool m_running = false;
    bool m_outage = false;
    quint64 m_generation = 0;
    QString m_indicator = QStringLiteral("none");
    QString m_description;
    qint64 m_lastPollMs = 0;
};

} // namespace bk::http
