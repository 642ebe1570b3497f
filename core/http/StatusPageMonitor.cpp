#include "StatusPageMonitor.h"

#include "LogCategories.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>

using namespace Qt::StringLiterals;

namespace bk::http {

StatusPageMonitor::StatusPageMonitor(StatusPageConfig config, std::shared_ptr<Clock> clock,
                                     QNetworkAccessManager* nam, QObject* parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_clock(std::move(clock))
    , m_nam(nam) {}

void StatusPageMonitor::start() {
    if (m_running || !m_config.url.isValid() || m_config.url.isEmpty())
        return;
    m_running = true;
    ++m_generation;
    poll();
}

void StatusPageMonitor::stop() {
    m_running = false;
    ++m_generation;
}

void StatusPageMonitor::schedule() {
    if (!m_running)
        return;
    const quint64 gen = m_generation;
    m_clock->callAfter(m_config.pollMs, this, [this, gen] {
        if (gen == m_generation)
            poll();
    });
}

void StatusPageMonitor::poll() {
    QNetworkRequest req(m_config.url);
    req.setTransferTimeout(30'000);
    QNetworkReply* reply = m_nam->get(req);
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        m_lastPollMs = m_clock->nowMs();
        const QJsonObject status =
            QJsonDocument::fromJson(reply->readAll()).object().value(u"status"_s).toObject();
        const bool ok = reply->error() == QNetworkReply::NoError && status.contains(u"indicator"_s);
        if (ok) {
            m_indicator = status.value(u"indicator"_s).toString();
            m_description = status.value(u"description"_s).toString();
            const bool outage = m_config.pauseOn.contains(m_indicator);
            if (outage != m_outage) {
                m_outage = outage;
                qCInfo(lcHttp).noquote() << m_config.url.toString() << "indicator" << m_indicator
                                         << (outage ? "— pausing" : "— resuming");
                Q_EMIT outageChanged(outage, m_indicator, m_description);
            }
        } else {
            // An unreachable status page says nothing about the API: keep the last verdict.
            qCWarning(lcHttp).noquote() << "status page" << m_config.url.toString()
                                        << "unreadable:" << reply->errorString();
        }
        Q_EMIT polled(ok);
        schedule();
    });
}

} // namespace bk::http
