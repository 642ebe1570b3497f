#include "WebhookLoad.h"

#include <QElapsedTimer>
#include <QMessageAuthenticationCode>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace bk::bench {

QList<SignedDelivery> signedDeliveries(const QByteArray& secret) {
    QList<SignedDelivery> out;
    for (int i = 0; i < 1000; ++i) {
        const QByteArray body =
            R"({"id":)" + QByteArray::number(9'100'000'000'000LL + i) +
            R"(,"email":"jon@example.com","updated_at":"2026-11-30T09:00:00+01:00",)"
            R"("total_price":"409.94","currency":"EUR","line_items":[{"id":866550311766439020,)"
            R"("quantity":1,"price":"199.00","sku":"IPOD2008PINK"}]})";
        out.append(
            {QMessageAuthenticationCode::hash(body, secret, QCryptographicHash::Sha256).toBase64(),
             body});
    }
    return out;
}

WebhookSenderThread::WebhookSenderThread(QUrl url, QList<SignedDelivery> deliveries, int perSecond)
    : m_url(std::move(url))
    , m_deliveries(std::move(deliveries))
    , m_perSecond(perSecond) {
    setObjectName(u"webhook-sender"_s);
}

WebhookSenderThread::~WebhookSenderThread() {
    finish();
}

void WebhookSenderThread::finish() {
    quit();
    wait();
}

void WebhookSenderThread::run() {
    constexpr int kMaxInFlight = 32;
    auto net = std::make_unique<QNetworkAccessManager>();
    int inFlight = 0;
    qint64 n = 0;
    QElapsedTimer clock;
    clock.start();
    QTimer tick;
    auto sendDue = [&] {
        const qint64 due = clock.elapsed() * m_perSecond / 1000;
        while (n < due && inFlight < kMaxInFlight) {
            const SignedDelivery& d = m_deliveries.at(int(n % m_deliveries.size()));
            QNetworkRequest request(m_url);
            request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json"_ba);
            request.setRawHeader("X-Shopify-Topic"_ba, "orders/updated"_ba);
            request.setRawHeader("X-Shopify-Shop-Domain"_ba, "demo-shop.myshopify.com"_ba);
            request.setRawHeader("X-Shopify-Hmac-Sha256"_ba, d.signature);
            request.setRawHeader("X-Shopify-Webhook-Id"_ba, "bench-" + QByteArray::number(n));
            QNetworkReply* reply = net->post(request, d.body);
            ++n;
            ++inFlight;
            sent.store(n);
            QObject::connect(reply, &QNetworkReply::finished, reply, [this, reply, &inFlight] {
                --inFlight;
                const int status =
                    reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                if (status >= 200 && status < 300)
                    ++accepted;
                else
                    ++refused;
                reply->deleteLater();
            });
        }
    };
    QObject::connect(&tick, &QTimer::timeout, &tick, sendDue);
    tick.start(5);
    exec();
    tick.stop();
    net.reset(); // aborts what is still in flight before inFlight goes out of scope
}

WrkLoad::WrkLoad(QString requestsFile, QObject* parent)
    : QObject(parent)
    , m_requestsFile(std::move(requestsFile)) {
    connect(&m_process, &QProcess::finished, this, [this] {
        const QString out = QString::fromUtf8(m_process.readAllStandardOutput());
        const auto total = QRegularExpression(u"(\\d+) requests in"_s).match(out);
        const auto bad = QRegularExpression(u"Non-2xx or 3xx responses: (\\d+)"_s).match(out);
        if (total.hasMatch())
            requests = total.captured(1).toLongLong();
        else
            error = out + QString::fromUtf8(m_process.readAllStandardError());
        if (bad.hasMatch())
            non2xx = bad.captured(1).toLongLong();
    });
}

void WrkLoad::start(const QUrl& url, int connections, int seconds) {
    m_process.start(u"wrk"_s, {u"-t1"_s, u"-c%1"_s.arg(connections), u"-d%1s"_s.arg(seconds),
                               u"-s"_s, QStringLiteral(BK_BENCH_LUA), url.toString(), u"--"_s,
                               m_requestsFile, u"console-bench"_s});
}

void WrkLoad::finish() {
    if (m_process.state() != QProcess::NotRunning && !m_process.waitForFinished(3000)) {
        m_process.kill();
        m_process.waitForFinished(1000);
    }
}

} // namespace bk::bench
