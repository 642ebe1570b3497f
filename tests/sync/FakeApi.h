#pragma once

// A loopback fake of the three vendors' list and write endpoints, shaped like the shipped
// connector definitions expect (Exact sync/… + d.__next, Pipedrive v2 cursor, Shopify Link
// header), on the real bk_httpserver. Records keep an update time and an Exact-style
// Timestamp counter so delta filters work. Faults are queued per path fragment.

#include "httpserver/HttpServer.h"

#include <functional>

#include <QJsonObject>
#include <QMap>
#include <QMutex>
#include <QString>

namespace bk::synctest {

class FakeApi {
public:
    struct Rec {
        QString id;
        QJsonObject fields;
        qint64 modifiedMs = 0;
        qint64 ts = 0;
    };
    /// One queued answer for the next request whose path contains pathPart.
    struct Fault {
        QString pathPart;
        QByteArray method; ///< empty: any
        int status = 503;
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray body;
        bool drop = false;
        int delayMs = 0; ///< answer this late (from another thread); status 0: the normal answer
    };

    explicit FakeApi(std::function<qint64()> now);
    ~FakeApi();

    bool start();
    QString base(const QString& vendor) const; ///< http://127.0.0.1:PORT/<vendor>

    /// Collections are keyed "vendor/name", e.g. "pipedrive/persons", "exact-online/Contacts".
    QString add(const QString& collection, const QJsonObject& fields, qint64 modifiedMs = -1);
    void update(const QString& collection, const QString& id, const QJsonObject& fields,
                qint64 modifiedMs = -1);
    void remove(const QString& collection, const QString& id);
    QList<Rec> records(const QString& collection) const;
    int count(const QString& collection) const;

    void setPageSize(int n) { m_pageSize = n; }
    void queueFault(const Fault& f);
    /// Requests seen (method + " " + path + "?" + query).
    QStringList log() const;
    int requestCount(const QString& pathPart = {}, const QByteArray& method = {}) const;
    void clearLog();

private:
    httpserver::Response handle(const httpserver::Request& r, bool& drop, int& delayMs);
    httpserver::Response exact(const httpserver::Request& r, const QString& rest);
    httpserver::Response pipedrive(const httpserver::Request& r, const QString& rest);
    httpserver::Response shopify(const httpserver::Request& r, const QString& rest);
    QJsonObject exactView(const Rec& rec) const;
    QJsonObject pipedriveView(const Rec& rec) const;
    QJsonObject shopifyView(const Rec& rec) const;
    Rec& create(const QString& collection, const QJsonObject& fields, qint64 modifiedMs);

    std::function<qint64()> m_now;
    httpserver::HttpServer m_server;
    mutable QMutex m_mutex;
    QMap<QString, QList<Rec>> m_data;
    QList<Fault> m_faults;
    QStringList m_log;
    qint64 m_ts = 1000;
    int m_nextId = 1;
    int m_pageSize = 50;
};

} // namespace bk::synctest
