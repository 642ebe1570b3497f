#include "EventLogModel.h"
#include "MainWindow.h"
#include "SettingsDialog.h"
#include "TrayController.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDockWidget>
#include <QMenuBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace bk::ui;

// What the console remembers: settings, window geometry and docks, the recent workspace;
// and the menu entries that reach the settings, the import and the support bundle.
class TestConsoleSettings : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    static QAction* action(QWidget& window, const QString& text) {
        for (QAction* a : window.findChildren<QAction*>())
            if (a->text() == text)
                return a;
        return nullptr;
    }

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }

    void settingsDialogPersists() {
        SettingsDialog dialog;
        QCOMPARE(dialog.languageBox()->currentData().toString(), QString()); // system default
        QVERIFY(dialog.notificationsBox()->isChecked());
        QSignalSpy changed(&dialog, &SettingsDialog::languageChanged);
        dialog.languageBox()->setCurrentIndex(dialog.languageBox()->findData(u"nl"_s));
        dialog.notificationsBox()->setChecked(false);
        dialog.save();
        QCOMPARE(changed.count(), 1);
        QCOMPARE(QSettings().value(u"ui/language"_s).toString(), u"nl"_s);
        QCOMPARE(QSettings().value(u"ui/notifications"_s).toBool(), false);

        SettingsDialog again;
        QCOMPARE(again.languageBox()->currentText(), u"Nederlands"_s);
        QVERIFY(!again.notificationsBox()->isChecked());
        again.languageBox()->setCurrentIndex(0);
        again.notificationsBox()->setChecked(true);
        again.save();
        QVERIFY(!QSettings().contains(u"ui/language"_s)); // back to the system locale
        QCOMPARE(settings::notificationsEnabled(), true);
    }

    void menusReachTheDialogs() {
        MainWindow window(m_dir.path());
        QAction* prefs = action(window, u"&Settings…"_s);
        QVERIFY(prefs);
        QVERIFY(!prefs->shortcut().isEmpty());
        QSignalSpy bundle(&window, &MainWindow::supportBundleRequested);
        QSignalSpy import(&window, &MainWindow::importRequested);
        QAction* bundleAction = action(window, u"&Export Support Bundle…"_s);
        QAction* importAction = action(window, u"&Import Definitions…"_s);
        QVERIFY(bundleAction && importAction);
        bundleAction->trigger();
        importAction->trigger();
        QCOMPARE(bundle.count(), 1);
        QCOMPARE(import.count(), 1);
        prefs->trigger();
        auto* dialog = window.findChild<SettingsDialog*>();
        QVERIFY(dialog && dialog->isVisible());
        dialog->reject();
    }

    void notificationsFollowTheSetting() {
        QSettings().setValue(u"ui/notifications"_s, false);
        {
            MainWindow window(m_dir.path());
            QSignalSpy notified(window.tray(), &TrayController::notified);
            window.alertModel()->applyEvent({1, 1000, u"exact"_s, u"alert"_s, u"critical"_s,
                                             u"Exact Online needs re-authorisation"_s});
            QVERIFY(!notified.wait(1500));
        }
        QSettings().setValue(u"ui/notifications"_s, true);
        MainWindow window(m_dir.path());
        QSignalSpy notified(window.tray(), &TrayController::notified);
        window.alertModel()->applyEvent({2, 2000, u"exact"_s, u"alert"_s, u"critical"_s,
                                         u"Exact Online needs re-authorisation"_s});
        QVERIFY(notified.wait(5000));
    }

    void geometryAndDocksAreRestored() {
        QSize closedAt;
        {
            MainWindow window(m_dir.path());
            window.show();
            window.resize(1010, 730);
            auto* dock = window.findChild<QDockWidget*>(u"logDock"_s);
            QVERIFY(dock);
            dock->show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            closedAt = window.size(); // the dock may have grown it past 730
            QVERIFY(closedAt.width() == 1010);
            QVERIFY(window.close()); // closeEvent saves
        }
        MainWindow again(m_dir.path());
        again.show();
        QVERIFY(QTest::qWaitForWindowExposed(&again));
        QCOMPARE(again.size(), closedAt);
        QVERIFY(closedAt != QSize(1400, 880)); // not merely the default size
        QVERIFY(again.findChild<QDockWidget*>(u"logDock"_s)->isVisible());
    }

    void recentWorkspaceIsRememberedButNotTheDemo() {
        const QString sample = QStringLiteral(BK_SOURCE_DIR "/resources/workspaces/sample.json");
        QSettings().remove(u"workspaces/recent"_s);
        {
            MainWindow demo(m_dir.path());
            demo.setRememberRecent(false);
            QSignalSpy opened(&demo, &MainWindow::workspaceOpened);
            demo.openWorkspace(sample);
            QVERIFY(opened.wait(10'000));
            QVERIFY(QSettings().value(u"workspaces/recent"_s).toStringList().isEmpty());
        }
        MainWindow window(m_dir.path());
        QSignalSpy opened(&window, &MainWindow::workspaceOpened);
        window.openWorkspace(sample);
        QVERIFY(opened.wait(10'000));
        QCOMPARE(QSettings().value(u"workspaces/recent"_s).toStringList().value(0), sample);
    }
};

QTEST_MAIN(TestConsoleSettings)
#include "TestConsoleSettings.moc"
