#include "engine/ConnectorRuntime.h"

#include "Clock.h"
#include "LogCategories.h"
#include "alerts/AlertRouter.h"
#include "auth/OAuthSettings.h"
#include "auth/TokenVault.h"
#include "http/Pipeline.h"

#include <QPointer>

using namespace Qt::StringLiterals;

namespace bk {

ConnectorRuntime::ConnectorRuntime(Parts parts)
    : m_parts(std::move(parts))
    , m_thread(std::make_unique<QThread>()) {
    m_thread->setObjectName(u"connector-"_s + m_parts.connector.id);
}

ConnectorRuntime::~ConnectorRuntime() {
    if (m_thread->isRunning()) {
        QMetaObject::invokeMethod(
            m_home, [this] { teardown(); }, Qt::BlockingQueuedConnection);
        m_thread->quit();
        m_thread->wait();
    }
}

void ConnectorRuntime::post(std::function<void()> fn) {
    if (m_home)
        QMetaObject::invokeMethod(m_home, std::move(fn), Qt::QueuedConnection);
}

Status ConnectorRuntime::start() {
    m_home = new QObject;
    m_home->moveToThread(m_thread.get());
    connect(m_thread.get(), &QThread::finished, m_home, &QObject::deleteLater);
    m_thread->start();
    // Objects that own sockets and timers must be created on the thread that runs them.
    Status built;
    QMetaObject::invokeMethod(
        m_home, [this, &built] { built = build(); }, Qt::BlockingQueuedConnection);
    return built;
}

Status ConnectorRuntime::build() {
    const auto& c = m_parts.connector;
    const QJsonObject auth = m_parts.definition.value(u"auth"_s).toObject();
    if (auth.value(u"type"_s).toString() == u"oauth2"_s) {
        auto settings = auth::OAuthSettings::fromDefinition(m_parts.definition, c);
        if (!settings)
            return settings.error();
        m_vault.reset(new auth::TokenVault(*settings, m_parts.secrets, m_parts.db, m_parts.clock,
                                           m_parts.alerts),
                      [](auth::TokenVault* v) { v->deleteLater(); });
        connect(m_vault.get(), &auth::TokenVault::tokenStateChanged, this,
                &ConnectorRuntime::tokenStateChanged, Qt::DirectConnection);
        m_vault->start();
    }
    http::Pipeline::Options options;
    options.clock = m_parts.clock;
    options.db = m_parts.db;
    options.auth = m_vault;
    options.deadLetters = m_parts.deadLetters;
    options.owner = m_parts.owner;
    // A running engine takes over (and sends) what an engine that died left in the outbox.
    options.outboxSweepMs = http::Pipeline::kOutboxSweepMs;
    auto pipeline = http::Pipeline::create(c, m_parts.definition, options);
    if (!pipeline)
        return pipeline.error();
    m_pipeline = pipeline->release();
    m_pipeline->setParent(m_home);
    // Signals leave this thread as queued value copies (the receivers live elsewhere).
    connect(m_pipeline, &http::Pipeline::healthChanged, this, &ConnectorRuntime::healthChanged,
            Qt::DirectConnection);
    connect(m_pipeline, &http::Pipeline::gaugesChanged, this, &ConnectorRuntime::gaugesChanged,
            Qt::DirectConnection);
    connect(m_pipeline, &http::Pipeline::event, this, &ConnectorRuntime::event,
            Qt::DirectConnection);
    connect(m_pipeline, &http::Pipeline::deadLettered, this, &ConnectorRuntime::deadLettered,
            Qt::DirectConnection);
    if (!c.enabled)
        m_pipeline->setPaused(true, u"disabled in the workspace"_s);
    // Operations a previous run of this engine (same engine id) or a dead engine left in the
    // outbox go out again now.
    auto recovered = m_pipeline->recoverPending(false, nullptr, {}, true);
    if (recovered && *recovered > 0)
        qCInfo(lcApp).noquote() << "connector" << c.id << "resumed" << *recovered
                                << "operations left by an earlier run";
    return Status::success();
}

void ConnectorRuntime::teardown() {
    delete m_pipeline;
    m_pipeline = nullptr;
    m_vault.reset();
}

} // namespace bk
