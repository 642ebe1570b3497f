#pragma once

// A test double for the engine as the console sees it: a real bk::EngineSignals to emit
// snapshots through, and an EngineCommands that records every command it receives.

#include "engine/EngineApi.h"

#include <QStringList>

using namespace Qt::StringLiterals;

class FakeEngine : public bk::EngineCommands {
public:
    bk::EngineSignals engineSignals;
    QStringList commands;

    void pauseConnector(const QString& id) override { commands << u"pause:"_s + id; }
    void resumeConnector(const QString& id) override { commands << u"resume:"_s + id; }
    void forceBreaker(const QString& id, bool open) override {
        commands << u"breaker:%1:%2"_s.arg(id, open ? u"open"_s : u"close"_s);
    }
    void probeNow(const QString& id) override { commands << u"probe:"_s + id; }
    void runFlowNow(const QString& id) override { commands << u"run:"_s + id; }
    void reconcileNow(const QString& id) override { commands << u"reconcile:"_s + id; }
    void resyncRecord(const QString& flow, const QString& source) override {
        commands << u"resync:%1:%2"_s.arg(flow, source);
    }
    void replayDeadLetter(qint64 id, const QByteArray&, const QString& user) override {
        commands << u"replay:%1:%2"_s.arg(id).arg(user);
    }
    void discardDeadLetter(qint64 id, const QString& reason, const QString& user) override {
        commands << u"discard:%1:%2:%3"_s.arg(id).arg(reason, user);
    }
    void dryRunDeadLetter(qint64 id, const QByteArray&, const bk::ReplayTarget& t) override {
        commands << u"dryrun:%1:%2"_s.arg(id).arg(t.id);
    }
    void listReplayTargets(qint64 id) override { commands << u"targets:%1"_s.arg(id); }
    void replayDeadLetterTo(qint64 id, const QByteArray&, const bk::ReplayTarget& t,
                            const QString& user) override {
        commands << u"replayto:%1:%2:%3"_s.arg(id).arg(t.id, user);
    }
    void startReplayJob(const QList<qint64>& ids, const QString& user) override {
        commands << u"job:%1:%2"_s.arg(ids.size()).arg(user);
    }
    void cancelReplayJob(qint64 id, const QString& user) override {
        commands << u"canceljob:%1:%2"_s.arg(id).arg(user);
    }
    void refreshReplayJobs() override { commands << u"jobs"_s; }

    void health(const QString& id, bk::HealthState state, const QString& reason = {},
                qint64 sinceMs = 0, qint64 nextProbeMs = 0, quint64 ok = 0, quint64 failed = 0) {
        bk::ConnectorHealth h;
        h.connectorId = id;
        h.state = state;
        h.reason = reason;
        h.sinceMs = sinceMs;
        h.nextProbeMs = nextProbeMs;
        h.requestsOk = ok;
        h.requestsFailed = failed;
        Q_EMIT engineSignals.connectorHealthChanged(h);
    }
    void token(const bk::TokenState& t) { Q_EMIT engineSignals.tokenStateChanged(t); }
    void gauge(const QString& id, const QString& policy, const QString& kind, double used,
               double limit, qint64 resetAtMs, bool fromServer) {
        bk::RateGauge g;
        g.connectorId = id;
        g.policyId = policy;
        g.kind = kind;
        g.used = used;
        g.limit = limit;
        g.resetAtMs = resetAtMs;
        g.fromServer = fromServer;
        Q_EMIT engineSignals.rateGaugeChanged(g);
    }
    void lag(const QString& id, qint64 timeMs, double p50, double p95, int backlog) {
        Q_EMIT engineSignals.lagSampled(bk::LagSample{id, timeMs, p50, p95, backlog});
    }
    void flow(const bk::FlowProgress& p) { Q_EMIT engineSignals.flowProgressChanged(p); }
    void event(qint64 id, qint64 timeMs, const QString& connector, const QString& kind,
               const QString& severity, const QString& message) {
        Q_EMIT engineSignals.eventRaised(
            bk::EngineEvent{id, timeMs, connector, kind, severity, message});
    }
};
