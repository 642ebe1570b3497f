#include "KeychainSecretStore.h"

#include "LogCategories.h"
#include "Redactor.h"

#include <QCoreApplication>
#include <QPointer>
#include <QThread>
#include <QTimer>
#include <QUuid>
#include <qt6keychain/keychain.h>

using namespace Qt::StringLiterals;

namespace bk::auth {

namespace {

bool backendNotUp(QKeychain::Error e) {
    return e == QKeychain::NoBackendAvailable || e == QKeychain::OtherError;
}

// What a finished job reported, copied before QtKeychain deletes the job.
struct JobOutcome {
    QKeychain::Error error = QKeychain::NoError;
    QString errorString;
    QByteArray data; ///< read jobs
};

Error keychainError(const JobOutcome& job, const QString& what) {
    const QString detail = job.errorString;
    switch (job.error) {
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return {ErrorCategory::Unsupported,
                u"no OS keychain is available to %1 (%2); start the Secret Service (e.g. "
                u"gnome-keyring) or use the \"encrypted-db\" secret store. Nothing was stored in "
                u"plain text."_s.arg(what, detail)};
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        return {ErrorCategory::Auth,
                u"the OS keychain refused to %1 (%2); is it locked?"_s.arg(what, detail)};
    default:
        return {ErrorCategory::Io,
                u"the OS keychain failed to %1: %2 (is the Secret Service running and unlocked?). "
                u"Nothing was stored in plain text."_s.arg(what, detail)};
    }
}

using Deliver = std::function<void(const JobOutcome&)>;

// On the application's thread: runs one job made by make(); retries once after delayMs when
// no backend answered yet.
void runOnAppThread(std::function<QKeychain::Job*()> make, int delayMs, bool retried,
                    Deliver deliver) {
    QKeychain::Job* job = make();
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    QObject* home = QCoreApplication::instance()
                        ? static_cast<QObject*>(QCoreApplication::instance())
                        : static_cast<QObject*>(job);
    QObject::connect(job, &QKeychain::Job::finished, home,
                     [make, delayMs, retried, deliver, home](QKeychain::Job* j) {
                         if (!retried && backendNotUp(j->error())) {
                             qCInfo(lcAuth) << "keychain not answering yet; retrying once";
                             QTimer::singleShot(delayMs, home, [=] {
                                 runOnAppThread(make, delayMs, true, deliver);
                             });
                             return;
                         }
                         JobOutcome outcome{j->error(), j->errorString(), {}};
                         if (auto* read = qobject_cast<QKeychain::ReadPasswordJob*>(j))
                             outcome.data = read->binaryData();
                         deliver(outcome);
                     });
    job->start();
}

// Runs a job and hands its outcome to finish on context's thread (unless context is gone).
// QtKeychain queues every job in one process-wide executor that is not thread-safe, while
// vaults call from their connector threads: every job runs on the application's thread.
void runJob(std::function<QKeychain::Job*()> make, int delayMs, QObject* context,
            std::function<void(const JobOutcome&)> finish) {
    QPointer<QObject> guard(context);
    Deliver deliver = [guard, finish](const JobOutcome& outcome) {
        if (QObject* target = guard.data())
            QMetaObject::invokeMethod(
                target,
                [guard, finish, outcome] {
                    if (guard)
                        finish(outcome);
                },
                Qt::QueuedConnection);
    };
    QCoreApplication* app = QCoreApplication::instance();
    if (!app || QThread::currentThread() == app->thread())
        return runOnAppThread(std::move(make), delayMs, false, std::move(deliver));
    QMetaObject::invokeMethod(
        app, [make, delayMs, deliver] { runOnAppThread(make, delayMs, false, deliver); },
        Qt::QueuedConnection);
}

} // namespace

KeychainSecretStore::KeychainSecretStore(QString service, int retryDelayMs)
    : m_service(std::move(service))
    , m_retryDelayMs(retryDelayMs) {}

void KeychainSecretStore::read(const QString& key, QObject* context, ReadDone done) {
    const QString service = m_service;
    runJob(
        [service, key]() -> QKeychain::Job* {
            auto* job = new QKeychain::ReadPasswordJob(service);
            job->setKey(key);
            return job;
        },
        m_retryDelayMs, context,
        [done, key](const JobOutcome& j) {
            if (j.error == QKeychain::EntryNotFound) {
                done(std::optional<QByteArray>());
                return;
            }
            if (j.error != QKeychain::NoError) {
                done(keychainError(j, u"read %1"_s.arg(key)));
                return;
            }
            const QByteArray value = j.data;
            Redactor::registerSecret(QString::fromUtf8(value));
            done(std::optional<QByteArray>(value));
        });
}

void KeychainSecretStore::write(const QString& key, const QByteArray& value, QObject* context,
                                WriteDone done) {
    Redactor::registerSecret(QString::fromUtf8(value));
    const QString service = m_service;
    runJob(
        [service, key, value]() -> QKeychain::Job* {
            auto* job = new QKeychain::WritePasswordJob(service);
            job->setKey(key);
            job->setBinaryData(value);
            return job;
        },
        m_retryDelayMs, context,
        [done, key](const JobOutcome& j) {
            if (j.error != QKeychain::NoError)
                done(keychainError(j, u"store %1"_s.arg(key)));
            else
                done(Status::success());
        });
}

void KeychainSecretStore::remove(const QString& key, QObject* context, WriteDone done) {
    const QString service = m_service;
    runJob(
        [service, key]() -> QKeychain::Job* {
            auto* job = new QKeychain::DeletePasswordJob(service);
            job->setKey(key);
            return job;
        },
        m_retryDelayMs, context,
        [done, key](const JobOutcome& j) {
            if (j.error != QKeychain::NoError && j.error != QKeychain::EntryNotFound)
                done(keychainError(j, u"delete %1"_s.arg(key)));
            else
                done(Status::success());
        });
}

void KeychainSecretStore::probe(QObject* context, std::function<void(SecretStoreHealth)> done) {
    const QString key = u"probe/"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QByteArray value = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
    const QString service = m_service;
    auto fail = [done, service](const Error& e) {
        done({false, QCoreApplication::translate("auth", "keychain (service \"%1\")").arg(service),
              e.message});
    };
    write(key, value, context, [=, this](Status st) {
        if (!st)
            return fail(st.error());
        read(key, context, [=, this](Result<std::optional<QByteArray>> r) {
            if (!r)
                return fail(r.error());
            if (!r->has_value() || **r != value)
                return fail(Error::internal(u"the keychain did not return what was stored"_s));
            remove(key, context, [=](Status del) {
                if (!del)
                    return fail(del.error());
                done({true,
                      QCoreApplication::translate("auth", "keychain (service \"%1\")").arg(service),
                      QCoreApplication::translate("auth",
                                                  "the OS keychain stores and returns secrets")});
            });
        });
    });
}

} // namespace bk::auth
