#pragma once

#include "Request.h"

#include <optional>

#include <QNetworkReply>

namespace bk::http {

/// The class of one HTTP answer (status > 0) or network failure (status 0).
OutcomeClass classify(int httpStatus, QNetworkReply::NetworkError error = QNetworkReply::NoError);

/// Parses a Retry-After value: delta seconds ("120", also fractional "2.0") or an HTTP-date.
/// Returns the wait in milliseconds from nowMs (never negative), or nothing when unreadable.
std::optional<qint64> parseRetryAfter(const QByteArray& value, qint64 nowMs);

/// A short, secret-free excerpt of a response body for attempts and dead letters.
QString bodyExcerpt(const QByteArray& body, int maxChars = 300);

} // namespace bk::http
