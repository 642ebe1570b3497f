#include "SmtpSender.h"

#include <QDateTime>
#include <QLocale>
#include <QUuid>

#include <curl/curl.h>

using namespace Qt::StringLiterals;

namespace bk::alerts {

namespace {

struct Payload {
    QByteArray data;
    qsizetype offset = 0;
};

size_t readPayload(char* buffer, size_t size, size_t count, void* user) {
    auto* p = static_cast<Payload*>(user);
    const size_t room = size * count;
    const size_t left = size_t(p->data.size() - p->offset);
    const size_t n = std::min(room, left);
    memcpy(buffer, p->data.constData() + p->offset, n);
    p->offset += qsizetype(n);
    return n;
}

QByteArray headerText(const QString& text) {
    // RFC 2047 encoded word, so any language survives the trip.
    return "=?UTF-8?B?" + text.toUtf8().toBase64() + "?=";
}

QByteArray buildMessage(const SmtpMessage& msg) {
    QByteArray out;
    out += "Date: " +
           QLocale::c()
               .toString(QDateTime::currentDateTimeUtc(), u"ddd, dd MMM yyyy hh:mm:ss"_s)
               .toLatin1() +
           " +0000\r\n";
    out += "From: " + msg.from.toUtf8() + "\r\n";
    out += "To: " + msg.to.join(u", "_s).toUtf8() + "\r\n";
    out += "Subject: " + headerText(msg.subject) + "\r\n";
    out += "Message-ID: <" + QUuid::createUuid().toByteArray(QUuid::WithoutBraces) +
           "@bridgekeeper>\r\n";
    out += "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
           "Content-Transfer-Encoding: base64\r\n\r\n";
    const QByteArray b64 = msg.body.toUtf8().toBase64();
    for (qsizetype i = 0; i < b64.size(); i += 76)
        out += b64.mid(i, 76) + "\r\n";
    return out;
}

} // namespace

Status sendSmtp(const SmtpMessage& msg) {
    static const bool initialised = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
    if (!initialised)
        return Error::internal(u"libcurl could not be initialised"_s);
    if (msg.to.isEmpty())
        return Error::usage(u"the e-mail channel has no recipients"_s);
    CURL* curl = curl_easy_init();
    if (!curl)
        return Error::internal(u"libcurl could not create a handle"_s);
    const QByteArray url = msg.server.toString(QUrl::FullyEncoded).toUtf8();
    const QByteArray from = "<" + msg.from.toUtf8() + ">";
    const QByteArray user = msg.username.toUtf8();
    curl_slist* recipients = nullptr;
    for (const QString& r : msg.to)
        recipients = curl_slist_append(recipients, QByteArray("<" + r.toUtf8() + ">").constData());
    Payload payload{buildMessage(msg)};
    char errorBuffer[CURL_ERROR_SIZE] = {0};

    curl_easy_setopt(curl, CURLOPT_URL, url.constData());
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.constData());
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, readPayload);
    curl_easy_setopt(curl, CURLOPT_READDATA, &payload);
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errorBuffer);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, long(msg.timeoutSeconds));
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    // STARTTLS (or smtps://) is mandatory unless the channel explicitly allows plain SMTP.
    curl_easy_setopt(curl, CURLOPT_USE_SSL,
                     msg.requireTls ? long(CURLUSESSL_ALL) : long(CURLUSESSL_TRY));
    if (!msg.username.isEmpty()) {
        curl_easy_setopt(curl, CURLOPT_USERNAME, user.constData());
        curl_easy_setopt(curl, CURLOPT_PASSWORD, msg.password.constData());
    }
    const CURLcode rc = curl_easy_perform(curl);
    curl_slist_free_all(recipients);
    curl_easy_cleanup(curl);
    if (rc == CURLE_OK)
        return Status::success();
    const QString detail =
        errorBuffer[0] ? QString::fromUtf8(errorBuffer) : QString::fromUtf8(curl_easy_strerror(rc));
    if (rc == CURLE_USE_SSL_FAILED)
        return Error{
            ErrorCategory::Permanent,
            u"the SMTP server %1 offers no STARTTLS and the channel requires TLS (%2)"_s.arg(
                msg.server.host(), detail)};
    if (rc == CURLE_LOGIN_DENIED)
        return Error{ErrorCategory::Auth, u"the SMTP server refused the login (%1)"_s.arg(detail)};
    return Error{ErrorCategory::Network,
                 u"sending e-mail via %1 failed: %2"_s.arg(msg.server.host(), detail)};
}

} // namespace bk::alerts
