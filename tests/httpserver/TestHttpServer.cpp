#include "httpserver/HttpServer.h"

#include <thread>

#include <QElapsedTimer>
#include <QMutex>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QSslError>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace bk;
using namespace bk::httpserver;
using namespace Qt::StringLiterals;

namespace {

/// Collects what the handler saw, across the server's threads.
struct Seen {
    QMutex mutex;
    QList<Request> requests;
    QList<std::shared_ptr<Responder>> responders;

    void add(const Request& r, std::shared_ptr<Responder> responder) {
        QMutexLocker lock(&mutex);
        requests.append(r);
        responders.append(std::move(responder));
    }
    int count() {
        QMutexLocker lock(&mutex);
        return requests.size();
    }
    Request request(int i) {
        QMutexLocker lock(&mutex);
        return requests.at(i);
    }
    std::shared_ptr<Responder> responder(int i) {
        QMutexLocker lock(&mutex);
        return responders.at(i);
    }
};

QUrl url(quint16 port, const QString& pathAndQuery, const QString& scheme = u"http"_s) {
    return QUrl(u"%1://127.0.0.1:%2%3"_s.arg(scheme).arg(port).arg(pathAndQuery));
}

bool waitFinished(QNetworkReply* reply, int ms = 5000) {
    if (reply->isFinished())
        return true;
    QSignalSpy spy(reply, &QNetworkReply::finished);
    return spy.wait(ms);
}

} // namespace

class TestHttpServer : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void getAndPostRoundTripWithHeadersAndQuery() {
        HttpServer server;
        Seen seen;
        QVERIFY(server
                    .start({},
                           [&](const Request& r, std::shared_ptr<Responder> responder) {
                               seen.add(r, responder);
                               Response resp = Response::json(201, "{\"echo\":\"" + r.body + "\"}");
                               resp.headers.append({"X-Echo-Path"_ba, r.path.toUtf8()});
                               responder->respond(resp);
                           })
                    .ok());
        QVERIFY(server.port() != 0);

        QNetworkAccessManager nam;
        QNetworkRequest get(url(server.port(), u"/a%20b/c?x=1&name=J%C3%BCrgen&sp=a+b"_s));
        get.setRawHeader("X-Custom", "Value-1");
        QNetworkReply* r1 = nam.get(get);
        QVERIFY(waitFinished(r1));
        QCOMPARE(r1->error(), QNetworkReply::NoError);
        QCOMPARE(r1->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 201);
        QCOMPARE(r1->rawHeader("X-Echo-Path"), "/a b/c"_ba);
        QCOMPARE(r1->rawHeader("Content-Type"), "application/json; charset=utf-8"_ba);
        const Request g = seen.request(0);
        QCOMPARE(g.method, "GET"_ba);
        QCOMPARE(g.path, u"/a b/c"_s);
        QCOMPARE(g.query.queryItemValue(u"x"_s), u"1"_s);
        QCOMPARE(g.query.queryItemValue(u"name"_s, QUrl::FullyDecoded), u"Jürgen"_s);
        QCOMPARE(g.query.queryItemValue(u"sp"_s, QUrl::FullyDecoded), u"a b"_s);
        QCOMPARE(g.header("x-custom"), "Value-1"_ba);
        QVERIFY(g.peer.isLoopback());
        QVERIFY(g.peerPort != 0);

        QNetworkRequest post(url(server.port(), u"/submit"_s));
        post.setHeader(QNetworkRequest::ContentTypeHeader, u"application/x-www-form-urlencoded"_s);
        QNetworkReply* r2 = nam.post(post, "abc=1");
        QVERIFY(waitFinished(r2));
        QCOMPARE(r2->readAll(), "{\"echo\":\"abc=1\"}"_ba);
        QCOMPARE(seen.request(1).method, "POST"_ba);
        QCOMPARE(seen.request(1).body, "abc=1"_ba);
        QCOMPARE(seen.request(1).header("Content-Type"), "application/x-www-form-urlencoded"_ba);
        QCOMPARE(server.stats().accepted, quint64(2));
        delete r1;
        delete r2;
    }

    void delayedResponseFromAnotherThread() {
        HttpServer server;
        Seen seen;
        QVERIFY(server.start({}, [&](const Request& r, auto responder) { seen.add(r, responder); })
                    .ok());
        QNetworkAccessManager nam;
        QNetworkReply* reply = nam.get(QNetworkRequest(url(server.port(), u"/slow"_s)));
        QTRY_COMPARE(seen.count(), 1);
        QTest::qWait(50);
        QVERIFY(!reply->isFinished());
        QCOMPARE(server.stats().pendingResponses, quint64(1));
        std::thread other([responder = seen.responder(0)] {
            responder->respond(Response::text(200, "late"_ba));
            responder->respond(Response::text(500, "ignored"_ba)); // at most once
        });
        other.join();
        QVERIFY(waitFinished(reply));
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        QCOMPARE(reply->readAll(), "late"_ba);
        QCOMPARE(server.stats().pendingResponses, quint64(0));
        delete reply;
    }

    void largeBodyIsRefusedWith413() {
        HttpServer server;
        Seen seen;
        ServerOptions options;
        options.maxBodyBytes = 1000;
        QVERIFY(server
                    .start(options,
                           [&](const Request& r, auto responder) {
                               seen.add(r, responder);
                               responder->respond(Response::text(200, "ok"_ba));
                           })
                    .ok());
        QNetworkAccessManager nam;
        QNetworkRequest req(url(server.port(), u"/upload"_s));
        req.setHeader(QNetworkRequest::ContentTypeHeader, u"application/octet-stream"_s);
        QNetworkReply* big = nam.post(req, QByteArray(200'000, 'x'));
        QVERIFY(waitFinished(big));
        QCOMPARE(big->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 413);
        QCOMPARE(seen.count(), 0);
        QCOMPARE(server.stats().refusedTooLarge, quint64(1));

        QNetworkReply* small = nam.post(req, QByteArray(1000, 'x'));
        QVERIFY(waitFinished(small));
        QCOMPARE(small->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QCOMPARE(seen.count(), 1);
        QCOMPARE(seen.request(0).body.size(), 1000);

        // Far beyond the drain size: answered at once, the body never reaches the handler.
        QNetworkReply* huge = nam.post(req, QByteArray(4 << 20, 'y'));
        QVERIFY(waitFinished(huge, 10000));
        QVERIFY(huge->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != 200);
        QCOMPARE(seen.count(), 1);
        QCOMPARE(server.stats().refusedTooLarge, quint64(2));
        delete big;
        delete small;
        delete huge;
    }

    void connectionsBeyondTheLimitGet503() {
        HttpServer server;
        Seen seen;
        ServerOptions options;
        options.maxConnections = 2;
        QVERIFY(
            server.start(options, [&](const Request& r, auto responder) { seen.add(r, responder); })
                .ok());
        QNetworkAccessManager nam;
        QNetworkReply* a = nam.get(QNetworkRequest(url(server.port(), u"/a"_s)));
        QNetworkReply* b = nam.get(QNetworkRequest(url(server.port(), u"/b"_s)));
        QTRY_COMPARE(seen.count(), 2);
        QNetworkReply* c = nam.get(QNetworkRequest(url(server.port(), u"/c"_s)));
        QVERIFY(waitFinished(c));
        QCOMPARE(c->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 503);
        QCOMPARE(c->rawHeader("Retry-After"), "1"_ba);
        QCOMPARE(seen.count(), 2);
        QCOMPARE(server.stats().refusedOverloaded, quint64(1));
        for (int i = 0; i < 2; ++i) // they may reach the handler in either order
            seen.responder(i)->respond(Response::text(200, seen.request(i).path.toUtf8()));
        QVERIFY(waitFinished(a));
        QVERIFY(waitFinished(b));
        QCOMPARE(a->readAll(), "/a"_ba);
        QCOMPARE(b->readAll(), "/b"_ba);
        delete a;
        delete b;
        delete c;
    }

    void dropConnectionGivesANetworkError() {
        HttpServer server;
        QVERIFY(
            server.start({}, [](const Request&, auto responder) { responder->dropConnection(); })
                .ok());
        QNetworkAccessManager nam;
        QNetworkReply* reply = nam.get(QNetworkRequest(url(server.port(), u"/reset"_s)));
        QVERIFY(waitFinished(reply));
        QCOMPARE(reply->error(), QNetworkReply::RemoteHostClosedError);
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 0);
        QVERIFY(server.stats().dropped >= 1);
        delete reply;
    }

    void keepAliveReusesTheConnection() {
        HttpServer server;
        Seen seen;
        QVERIFY(server
                    .start({},
                           [&](const Request& r, auto responder) {
                               seen.add(r, responder);
                               responder->respond(Response::text(200, "ok"_ba));
                           })
                    .ok());
        QNetworkAccessManager nam;
        for (int i = 0; i < 3; ++i) {
            QNetworkReply* reply = nam.get(QNetworkRequest(url(server.port(), u"/k"_s)));
            QVERIFY(waitFinished(reply));
            QCOMPARE(reply->error(), QNetworkReply::NoError);
            delete reply;
        }
        QCOMPARE(seen.count(), 3);
        QVERIFY(seen.request(0).connectionId != 0);
        QCOMPARE(seen.request(1).connectionId, seen.request(0).connectionId);
        QCOMPARE(seen.request(2).connectionId, seen.request(0).connectionId);
        QCOMPARE(seen.request(2).peerPort, seen.request(0).peerPort);
    }

    void stopWithOutstandingSuspendedConnections() {
        auto server = std::make_unique<HttpServer>();
        Seen seen;
        QVERIFY(server->start({}, [&](const Request& r, auto responder) { seen.add(r, responder); })
                    .ok());
        QNetworkAccessManager nam;
        QNetworkReply* a = nam.get(QNetworkRequest(url(server->port(), u"/a"_s)));
        QNetworkReply* b = nam.get(QNetworkRequest(url(server->port(), u"/b"_s)));
        QTRY_COMPARE(seen.count(), 2);
        server->stop();
        QVERIFY(!server->isRunning());
        server.reset();
        seen.responder(0)->respond(Response::text(200, "too late"_ba)); // a no-op now
        QVERIFY(waitFinished(a));
        QVERIFY(waitFinished(b));
        QVERIFY(a->error() != QNetworkReply::NoError);
        QVERIFY(b->error() != QNetworkReply::NoError);
        delete a;
        delete b;
    }

    void streamedBodyArrivesInPiecesAndEnds() {
        // Headers go out at once; the body follows as the writer produces it, from another
        // thread, with Content-Length (known size) or chunked (unknown size).
        for (const bool knownLength : {true, false}) {
            HttpServer server;
            Seen seen;
            auto stream = std::make_shared<BodyStream>();
            QVERIFY(server
                        .start({},
                               [&](const Request& r, std::shared_ptr<Responder> responder) {
                                   seen.add(r, responder);
                                   Response resp = Response::json(200, {});
                                   resp.stream = stream;
                                   resp.streamLength = knownLength ? 11 : -1;
                                   responder->respond(resp);
                               })
                        .ok());
            QNetworkAccessManager nam;
            QNetworkReply* reply = nam.get(QNetworkRequest(url(server.port(), u"/drip"_s)));
            QSignalSpy meta(reply, &QNetworkReply::metaDataChanged);
            QVERIFY(meta.wait(5000) || meta.count() > 0);
            QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
            QCOMPARE(reply->rawHeader("Content-Type"), "application/json; charset=utf-8"_ba);
            if (knownLength)
                QCOMPARE(reply->rawHeader("Content-Length"), "11"_ba);
            else
                QCOMPARE(reply->rawHeader("Transfer-Encoding"), "chunked"_ba);
            QCOMPARE(server.stats().streamingResponses, quint64(1));

            QByteArray received;
            std::thread writer([stream] { stream->write("{\"a\":"_ba); });
            writer.join();
            QTRY_COMPARE((received += reply->readAll()), "{\"a\":"_ba);
            QTest::qWait(50);
            QVERIFY(!reply->isFinished()); // the server waits for more, without a thread
            stream->write("12345"_ba);
            QTRY_COMPARE((received += reply->readAll()), "{\"a\":12345"_ba);
            stream->write("}"_ba);
            stream->finish();
            QVERIFY(waitFinished(reply));
            received += reply->readAll();
            QCOMPARE(received, "{\"a\":12345}"_ba);
            QCOMPARE(reply->error(), QNetworkReply::NoError);
            QCOMPARE(stream->bytesSent(), qint64(11));
            QTRY_VERIFY(stream->isClosed());
            QTRY_COMPARE(server.stats().streamingResponses, quint64(0));
            delete reply;
        }
    }

    void abortedStreamAndStopMidStream() {
        HttpServer server;
        QList<std::shared_ptr<BodyStream>> streams;
        QMutex mutex;
        QVERIFY(server
                    .start({},
                           [&](const Request&, std::shared_ptr<Responder> responder) {
                               auto stream = std::make_shared<BodyStream>();
                               {
                                   QMutexLocker lock(&mutex);
                                   streams.append(stream);
                               }
                               Response resp = Response::text(200, {});
                               resp.stream = stream;
                               resp.streamLength = 1000;
                               responder->respond(resp);
                               stream->write("partial"_ba);
                           })
                    .ok());
        // Raw sockets: one connection per request, and the close is seen as such.
        auto open = [&](const QByteArray& path) {
            auto socket = std::make_unique<QTcpSocket>();
            socket->connectToHost(QHostAddress::LocalHost, server.port());
            socket->waitForConnected(3000);
            socket->write("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n");
            return socket;
        };
        auto readUntilClosed = [](QTcpSocket& socket) {
            QByteArray all;
            QElapsedTimer waited;
            waited.start();
            while (socket.state() != QAbstractSocket::UnconnectedState && waited.elapsed() < 5000) {
                socket.waitForReadyRead(50);
                all += socket.readAll();
            }
            return QByteArray(all + socket.readAll());
        };
        auto aborted = open("/a");
        QTRY_COMPARE(server.stats().streamingResponses, quint64(1));
        QByteArray head;
        for (int i = 0; i < 100 && !head.endsWith("partial"); ++i) {
            aborted->waitForReadyRead(50);
            head += aborted->readAll();
        }
        QVERIFY(head.startsWith("HTTP/1.1 200"));
        QVERIFY(head.contains("Content-Length: 1000\r\n"));
        {
            QMutexLocker lock(&mutex);
            streams.first()->abort();
        }
        // The socket closes 7 bytes into an announced 1000.
        QCOMPARE(readUntilClosed(*aborted), QByteArray());
        QCOMPARE(aborted->state(), QAbstractSocket::UnconnectedState);
        QTRY_COMPARE(server.stats().streamingResponses, quint64(0));

        // A stream parked for more bytes does not keep stop() from finishing.
        auto parked = open("/b");
        QTRY_COMPARE(server.stats().streamingResponses, quint64(1));
        QElapsedTimer timer;
        timer.start();
        server.stop();
        QVERIFY(timer.elapsed() < 3000);
        QVERIFY(readUntilClosed(*parked).endsWith("partial"));
        QCOMPARE(parked->state(), QAbstractSocket::UnconnectedState);
        QMutexLocker lock(&mutex);
        QCOMPARE(streams.size(), 2);
        QVERIFY(streams.last()->isClosed());
        streams.last()->write("late"_ba); // a no-op once closed
    }

    void tlsWithCertificateFiles() {
        const QString openssl = QStandardPaths::findExecutable(u"openssl"_s);
        if (openssl.isEmpty())
            QSKIP("openssl is not installed");
        QTemporaryDir dir;
        const QString cert = dir.filePath(u"cert.pem"_s), key = dir.filePath(u"key.pem"_s);
        QProcess gen;
        gen.start(openssl,
                  {u"req"_s, u"-x509"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s, u"-keyout"_s,
                   key, u"-out"_s, cert, u"-days"_s, u"1"_s, u"-subj"_s, u"/CN=127.0.0.1"_s});
        QVERIFY(gen.waitForFinished(30000));
        QCOMPARE(gen.exitCode(), 0);

        HttpServer server;
        ServerOptions options;
        options.tlsCertFile = cert;
        options.tlsKeyFile = key;
        QVERIFY(server
                    .start(options,
                           [](const Request&, auto responder) {
                               responder->respond(Response::text(200, "secure"_ba));
                           })
                    .ok());
        QNetworkAccessManager nam;
        QNetworkReply* reply = nam.get(QNetworkRequest(url(server.port(), u"/"_s, u"https"_s)));
        reply->ignoreSslErrors();
        QVERIFY(waitFinished(reply));
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        QCOMPARE(reply->readAll(), "secure"_ba);
        delete reply;
    }
};

QTEST_GUILESS_MAIN(TestHttpServer)
#include "TestHttpServer.moc"
