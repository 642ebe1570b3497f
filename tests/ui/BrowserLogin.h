#pragma once

// Drives the sandbox's OAuth login + consent page inside a ReauthoriseDialog's embedded
// Qt WebEngine browser, as an admin would: wait for the page, type the demo login, click.

#include "ReauthoriseDialog.h"

#include <memory>
#include <optional>

#include <QPointer>
#include <QSignalSpy>
#include <QTest>
#include <QWebEnginePage>
#include <QWebEngineView>

namespace browser {

/// Waits until the dialog's browser has loaded the sandbox's sign-in page (spy: attached to
/// the view's loadFinished before any event ran).
inline bool waitForLoginPage(QWebEngineView* view, QSignalSpy& loaded) {
    if (!QTest::qWaitFor([&] { return !loaded.isEmpty(); }, 60'000))
        return false;
    if (!loaded.last().value(0).toBool())
        return false;
    // The form is there once the page ran its script context.
    // The answer may come after a timeout: it must not write into this frame then.
    auto answer = std::make_shared<std::optional<bool>>();
    view->page()->runJavaScript(QStringLiteral("document.getElementById('allow') !== null && "
                                               "document.getElementById('username') !== null"),
                                [answer](const QVariant& v) { *answer = v.toBool(); });
    return QTest::qWaitFor([&] { return answer->has_value(); }, 10'000) && **answer;
}

/// Fills user and password and presses the button with id buttonId ("allow" or "deny").
inline bool submit(QWebEngineView* view, const QString& buttonId,
                   const QString& user = QStringLiteral("demo"),
                   const QString& password = QStringLiteral("demo")) {
    auto answer = std::make_shared<std::optional<bool>>();
    const QString script =
        QStringLiteral("(function(){document.getElementById('username').value='%1';"
                       "document.getElementById('password').value='%2';"
                       "var b=document.getElementById('%3'); if(!b) return false; b.click(); "
                       "return true;})()")
            .arg(user, password, buttonId);
    view->page()->runJavaScript(script, [answer](const QVariant& v) { *answer = v.toBool(); });
    return QTest::qWaitFor([&] { return answer->has_value(); }, 10'000) && **answer;
}

} // namespace browser
