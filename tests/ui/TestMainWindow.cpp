#include "MainWindow.h"

#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace Qt::StringLiterals;

class TestMainWindow : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void opensSampleWorkspaceWithoutBlocking() {
        bk::ui::MainWindow window(m_dir.path());
        window.show();
        QSignalSpy opened(&window, &bk::ui::MainWindow::workspaceOpened);
        window.openWorkspace(QStringLiteral(BK_SOURCE_DIR "/resources/workspaces/sample.json"));
        QVERIFY(opened.isEmpty()); // loading happens off the GUI thread
        QVERIFY(opened.wait(10'000));
        QVERIFY(window.windowTitle().startsWith(u"Sample"_s));
        auto* tree = window.findChild<QTreeView*>();
        QVERIFY(tree);
        QCOMPARE(tree->model()->rowCount(), 3);
        QCOMPARE(tree->model()->index(0, 0).data().toString(), u"Exact Online (NL)"_s);
        QVERIFY(window.currentWorkspace());
    }

    void badWorkspaceIsReported() {
        const QString path = m_dir.filePath(u"broken.json"_s);
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"version\": 1, \"flows\": 3}");
        f.close();
        bk::ui::MainWindow window(m_dir.path());
        QSignalSpy failed(&window, &bk::ui::MainWindow::workspaceFailed);
        window.openWorkspace(path);
        QVERIFY(failed.wait(10'000));
        QVERIFY(failed.first().first().toString().contains(u"$.flows: must be an array"_s));
        QVERIFY(!window.currentWorkspace());
    }
};

QTEST_MAIN(TestMainWindow)
#include "TestMainWindow.moc"
