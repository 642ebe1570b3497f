#include "Clock.h"
#include "Redactor.h"
#include "webhooks/Signature.h"

#include <QMessageAuthenticationCode>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace bk;
using namespace bk::webhooks;

namespace {

using Headers = QList<QPair<QByteArray, QByteArray>>;

// Expected values are computed with Qt's HMAC, independently of the libsodium code under test.
QByteArray qtHmac(const QByteArray& key, const QByteArray& msg) {
    return QMessageAuthenticationCode::hash(msg, key, QCryptographicHash::Sha256);
}

Status check(const SignatureVerifier& v, const Headers& headers, const QByteArray& body) {
    return v.verify({&headers, &body});
}

const QByteArray shopifyBody = R"({"id":820982911946154508,"email":"jon@example.com"})"_ba;
const QByteArray secret = "hush-webhook-secret-1"_ba;

} // namespace

class TestSignatures : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void hmacMatchesRfc4231() {
        // RFC 4231 test case 2.
        QCOMPARE(hmacSha256("Jefe"_ba, "what do ya want for nothing?"_ba).toHex(),
                 "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"_ba);
        QCOMPARE(hmacSha256(secret, shopifyBody), qtHmac(secret, shopifyBody));
    }

    void shopify_data() {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("valid");
        const QByteArray good = qtHmac(secret, shopifyBody).toBase64();
        QTest::newRow("valid") << good << shopifyBody << true;
        QTest::newRow("body changed") << good << QByteArray(shopifyBody + ' ') << false;
        QTest::newRow("other secret")
            << qtHmac("other-secret"_ba, shopifyBody).toBase64() << shopifyBody << false;
        QTest::newRow("missing") << QByteArray() << shopifyBody << false;
        QTest::newRow("hex instead of base64")
            << qtHmac(secret, shopifyBody).toHex() << shopifyBody << false;
        QTest::newRow("truncated") << good.left(20) << shopifyBody << false;
    }
    void shopify() {
        QFETCH(QByteArray, header);
        QFETCH(QByteArray, body);
        QFETCH(bool, valid);
        ManualClock clock;
        SignatureVerifier v(SignatureScheme::ShopifyHmac, {secret}, &clock);
        Headers h{{"Content-Type"_ba, "application/json"_ba}};
        if (!header.isEmpty())
            h.push_back({"x-shopify-hmac-sha256"_ba, header}); // names are case-insensitive
        const Status st = check(v, h, body);
        QCOMPARE(st.ok(), valid);
        if (!valid) {
            QCOMPARE(st.error().category, ErrorCategory::Auth);
            QVERIFY(!st.error().message.contains(QString::fromLatin1(secret)));
        }
    }

    void shopifyAcceptsRotatedSecret() {
        ManualClock clock;
        SignatureVerifier v(SignatureScheme::ShopifyHmac, {"old-secret-abc"_ba, secret}, &clock);
        QVERIFY(check(v, {{"X-Shopify-Hmac-Sha256"_ba, qtHmac(secret, shopifyBody).toBase64()}},
                      shopifyBody)
                    .ok());
    }

    void stripe_data() {
        QTest::addColumn<qint64>("skewSeconds");
        QTest::addColumn<bool>("extraV1First");
        QTest::addColumn<bool>("valid");
        QTest::newRow("on time") << qint64(0) << false << true;
        QTest::newRow("299 s old") << qint64(-299) << false << true;
        QTest::newRow("301 s old: replay") << qint64(-301) << false << false;
        QTest::newRow("301 s in the future") << qint64(301) << false << false;
        QTest::newRow("several v1, second matches") << qint64(10) << true << true;
    }
    void stripe() {
        QFETCH(qint64, skewSeconds);
        QFETCH(bool, extraV1First);
        QFETCH(bool, valid);
        ManualClock clock(1'767'225'600'000);
        const QByteArray body = R"({"id":"evt_1","type":"charge.succeeded"})"_ba;
        const QByteArray whsec = "whsec_test_secret_123"_ba;
        const qint64 t = clock.nowMs() / 1000 + skewSeconds;
        const QByteArray sig = qtHmac(whsec, QByteArray::number(t) + '.' + body).toHex();
        QByteArray header = "t="_ba + QByteArray::number(t);
        if (extraV1First)
            header += ",v1="_ba + QByteArray(64, 'a');
        header += ",v1="_ba + sig + ",v0=deadbeef"_ba;
        SignatureVerifier v(SignatureScheme::Stripe, {whsec}, &clock);
        const Status st = check(v, {{"Stripe-Signature"_ba, header}}, body);
        QCOMPARE(st.ok(), valid);
        if (!valid)
            QVERIFY(st.error().message.contains(u"tolerance"_s));
    }

    void stripeRejectsWrongSignatureAndMissingParts() {
        ManualClock clock;
        SignatureVerifier v(SignatureScheme::Stripe, {"whsec_abcdef"_ba}, &clock);
        const QByteArray t = QByteArray::number(clock.nowMs() / 1000);
        const QByteArray body = "{}"_ba;
        const QByteArray wrong = qtHmac("whsec_other1"_ba, t + '.' + body).toHex();
        QVERIFY(!check(v, {{"Stripe-Signature"_ba, "t="_ba + t + ",v1="_ba + wrong}}, body).ok());
        QVERIFY(!check(v, {{"Stripe-Signature"_ba, "v1="_ba + wrong}}, body).ok());
        const QByteArray v0only = qtHmac("whsec_abcdef"_ba, t + '.' + body).toHex();
        QVERIFY(!check(v, {{"Stripe-Signature"_ba, "t="_ba + t + ",v0="_ba + v0only}}, body).ok());
        QVERIFY(check(v, {{"Stripe-Signature"_ba, "t="_ba + t + ",v1="_ba + v0only}}, body).ok());
    }

    void exactHashCode_data() {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("valid");
        const QByteArray content =
            R"({"Topic":"Accounts","ClientId":"c1","Division":123,"Action":"Update","Key":"a0b1"})"_ba;
        const QByteArray hash = qtHmac("exact-secret-9"_ba, content).toHex().toUpper();
        QTest::newRow("valid") << QByteArray("{\"Content\":" + content + ",\"HashCode\":\"" + hash +
                                             "\"}")
                               << true;
        QTest::newRow("lowercase hex accepted")
            << QByteArray("{\"Content\":" + content + ",\"HashCode\":\"" + hash.toLower() + "\"}")
            << true;
        QTest::newRow("content changed")
            << QByteArray("{\"Content\":" + content + " ,\"HashCode\":\"" + hash + "\"}") << false;
        QTest::newRow("whitespace before Content")
            << QByteArray("{ \"Content\":" + content + ",\"HashCode\":\"" + hash + "\"}") << false;
        QTest::newRow("HashCode first")
            << QByteArray("{\"HashCode\":\"" + hash + "\",\"Content\":" + content + "}") << false;
        QTest::newRow("no HashCode") << QByteArray("{\"Content\":" + content + "}") << false;
    }
    void exactHashCode() {
        QFETCH(QByteArray, body);
        QFETCH(bool, valid);
        ManualClock clock;
        SignatureVerifier v(SignatureScheme::ExactHashCode, {"exact-secret-9"_ba}, &clock);
        QCOMPARE(check(v, {}, body).ok(), valid);
    }

    void exactSplitIsGreedyLikeTheRegex() {
        QByteArray content, hash;
        const QByteArray body =
            "{\"Content\":{\"a\":\",\\\"HashCode\\\":\\\"x\"},\"HashCode\":\"ABC\"}"_ba;
        QVERIFY(splitExactBody(body, &content, &hash));
        QCOMPARE(content, "{\"a\":\",\\\"HashCode\\\":\\\"x\"}"_ba);
        QCOMPARE(hash, "ABC"_ba);
    }

    void basicAuth_data() {
        QTest::addColumn<QByteArray>("authorization");
        QTest::addColumn<bool>("valid");
        QTest::newRow("valid") << QByteArray("Basic " + "pd-user:pd-password-7"_ba.toBase64())
                               << true;
        QTest::newRow("wrong password")
            << QByteArray("Basic " + "pd-user:pd-password-8"_ba.toBase64()) << false;
        QTest::newRow("bearer") << "Bearer abc"_ba << false;
        QTest::newRow("missing") << QByteArray() << false;
    }
    void basicAuth() {
        QFETCH(QByteArray, authorization);
        QFETCH(bool, valid);
        ManualClock clock;
        SignatureVerifier v(SignatureScheme::BasicAuth, {"pd-user:pd-password-7"_ba}, &clock);
        Headers h;
        if (!authorization.isEmpty())
            h.push_back({"Authorization"_ba, authorization});
        QCOMPARE(check(v, h, "{}"_ba).ok(), valid);
    }

    void secretsAreRegisteredWithTheRedactor() {
        Redactor::clearRegisteredSecrets();
        ManualClock clock;
        SignatureVerifier v(SignatureScheme::BasicAuth, {"pd-user:pd-password-7"_ba}, &clock);
        const QString line =
            Redactor::redact(u"auth pd-password-7 and cGQtdXNlcjpwZC1wYXNzd29yZC03"_s);
        QVERIFY(!line.contains(u"pd-password-7"_s));
        QVERIFY(!line.contains(u"cGQtdXNlcjpwZC1wYXNzd29yZC03"_s));
    }

    void constantTimeCompare() {
        QVERIFY(constantTimeEquals("abcdef"_ba, "abcdef"_ba));
        QVERIFY(!constantTimeEquals("abcdef"_ba, "abcdeg"_ba));
        QVERIFY(!constantTimeEquals("abcdef"_ba, "abcde"_ba));
        QVERIFY(!constantTimeEquals(QByteArray(), QByteArray()));
        // Timing: a mismatch in the first byte must not be answered measurably faster than one
        // in the last byte. Medians of many rounds over 64 KiB keep this robust on a busy box.
        const QByteArray a(64 * 1024, 'x');
        QByteArray early = a, late = a;
        early[0] = 'y';
        late[late.size() - 1] = 'y';
        int equalCount = 0;
        auto median = [&](const QByteArray& b) -> qint64 {
            std::vector<qint64> ns;
            for (int i = 0; i < 301; ++i) {
                QElapsedTimer t;
                t.start();
                const bool eq = constantTimeEquals(a, b);
                ns.push_back(t.nsecsElapsed());
                equalCount += eq ? 1 : 0;
            }
            std::sort(ns.begin(), ns.end());
            return ns[ns.size() / 2];
        };
        const qint64 e = median(early), l = median(late);
        QCOMPARE(equalCount, 0);
        QVERIFY2(e * 3 > l && l * 3 > e, qPrintable(u"early %1 ns, late %2 ns"_s.arg(e).arg(l)));
        // A naive memcmp would return after 1 byte for `early`: its time would be ~0.
    }
};

QTEST_GUILESS_MAIN(TestSignatures)
#include "TestSignatures.moc"
