#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

// bridgekeeper-engine speaks the system locale's language: Dutch messages under
// LANG=nl_NL.UTF-8, English under C, and the same command and option names in both.
class TestEngineCliDutch : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    struct Run {
        int code;
        QString out;
        QString err;
    };

    Run run(const QStringList& args, const QString& lang) {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char* var : {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"})
            env.remove(QString::fromLatin1(var));
        env.insert(u"LANG"_s, lang);
        env.insert(u"HOME"_s, m_dir.path());
        env.insert(u"XDG_DATA_HOME"_s, m_dir.filePath(u"xdg"_s));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(BK_ENGINE_EXE), args);
        if (!p.waitForFinished(60'000))
            qFatal("engine did not finish");
        return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
                QString::fromUtf8(p.readAllStandardError())};
    }

private Q_SLOTS:
    void usageErrorInDutch() {
        auto nl = run({u"frobnicate"_s}, u"nl_NL.UTF-8"_s);
        QCOMPARE(nl.code, 2);
        QCOMPARE(nl.err.trimmed(), u"bridgekeeper-engine: onbekende opdracht \"frobnicate\" (zie: "
                                   u"bridgekeeper-engine --help)"_s);
        auto en = run({u"frobnicate"_s}, u"C.UTF-8"_s);
        QCOMPARE(en.code, 2);
        QVERIFY2(en.err.contains(u"unknown command \"frobnicate\""_s), qPrintable(en.err));

        nl = run({u"import"_s, u"--data-dir"_s, m_dir.filePath(u"data"_s)}, u"nl_NL.UTF-8"_s);
        QCOMPARE(nl.code, 2);
        QVERIFY2(nl.err.contains(u"geef precies één zip op"_s), qPrintable(nl.err));
    }

    void helpKeepsOptionNames() {
        const auto nl = run({u"--help"_s}, u"nl_NL.UTF-8"_s);
        const auto en = run({u"--help"_s}, u"C"_s);
        QCOMPARE(nl.code, 0);
        QVERIFY2(nl.out.startsWith(u"Gebruik: bridgekeeper-engine"_s), qPrintable(nl.out));
        QVERIFY(en.out.startsWith(u"Usage: bridgekeeper-engine"_s));
        // Every option and command name of the English help is in the Dutch one, unchanged.
        static const QRegularExpression word(uR"((--[a-z][a-z-]*|\b[a-z]+(?:-[a-z]+)+\b))"_s);
        for (auto it = word.globalMatch(en.out); it.hasNext();) {
            const QString name = it.next().captured(1);
            QVERIFY2(nl.out.contains(name), qPrintable(name));
        }
        for (const char* cmd : {"run ", "sync ", "status ", "deadletters ", "auth import",
                                "sandbox ", "secrets set", "support-bundle ", "import "})
            QVERIFY2(nl.out.contains(QString::fromLatin1(cmd)), cmd);
    }
};

QTEST_GUILESS_MAIN(TestEngineCliDutch)
#include "TestEngineCliDutch.moc"
