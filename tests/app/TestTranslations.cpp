#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace Qt::StringLiterals;

// Every .ts file must be complete: after lupdate with the build's sources and options, no
// entry may be unfinished, and none obsolete or vanished (a string the sources no longer
// have). lupdate runs on a temporary copy, so the checked-in file is never touched.
class TestTranslations : public QObject {
    Q_OBJECT

    struct Finding {
        QString context;
        QString source;
        QString type;
    };

    static QList<Finding> problems(const QString& tsPath) {
        QList<Finding> out;
        QFile f(tsPath);
        if (!f.open(QIODevice::ReadOnly))
            return {{QString(), tsPath, u"unreadable"_s}};
        QXmlStreamReader xml(&f);
        QString context;
        QString source;
        while (!xml.atEnd()) {
            xml.readNext();
            if (!xml.isStartElement())
                continue;
            if (xml.name() == u"name"_s)
                context = xml.readElementText();
            else if (xml.name() == u"source"_s)
                source = xml.readElementText();
            else if (xml.name() == u"translation"_s) {
                const QString type = xml.attributes().value(u"type"_s).toString();
                if (type == u"unfinished"_s || type == u"obsolete"_s || type == u"vanished"_s)
                    out.append({context, source, type});
            }
        }
        if (xml.hasError())
            out.append({QString(), xml.errorString(), u"xml error"_s});
        return out;
    }

private Q_SLOTS:
    void tsFilesAreComplete_data() {
        QTest::addColumn<QString>("ts");
        const QDir dir(QStringLiteral(BK_SOURCE_DIR "/translations"));
        const auto files = dir.entryList({u"*.ts"_s}, QDir::Files);
        QVERIFY(!files.isEmpty());
        for (const QString& name : files)
            QTest::newRow(qPrintable(name)) << dir.filePath(name);
    }

    void tsFilesAreComplete() {
        QFETCH(QString, ts);
        QTemporaryDir tmp;
        const QString copy = tmp.filePath(QFileInfo(ts).fileName());
        QVERIFY(QFile::copy(ts, copy));
        QFile::setPermissions(copy, QFileDevice::ReadOwner | QFileDevice::WriteOwner);

        // The build's options minus -no-obsolete, which would silently drop what vanished.
        QStringList args = QString::fromUtf8(BK_LUPDATE_OPTIONS).split(u'|', Qt::SkipEmptyParts);
        // English is a plural-only catalogue: the source texts are English already.
        if (ts.endsWith(u"_en.ts"_s))
            args << u"-pluralonly"_s;
        args << u"@"_s + QStringLiteral(BK_LUPDATE_SOURCES) << u"-ts"_s << copy;
        QProcess lupdate;
        lupdate.start(QStringLiteral(BK_LUPDATE), args);
        QVERIFY2(lupdate.waitForFinished(120'000), "lupdate did not finish");
        QVERIFY2(lupdate.exitCode() == 0, lupdate.readAllStandardError().constData());

        const auto found = problems(copy);
        QStringList lines;
        for (const Finding& p : found)
            lines << u"  [%1] %2: \"%3\""_s.arg(p.type, p.context, p.source.left(120));
        QVERIFY2(found.isEmpty(),
                 qPrintable(u"%1 has %2 entr(y/ies) to fix (run the update_translations target, "
                            u"translate, commit):\n%3"_s.arg(QFileInfo(ts).fileName())
                                .arg(found.size())
                                .arg(lines.join(u'\n'))));
    }
};

QTEST_GUILESS_MAIN(TestTranslations)
#include "TestTranslations.moc"
