// SPDX-License-Identifier: GPL-3.0-or-later
// netlens-cli history (issue 11) over a database the test fills through HistoryStore: the
// table and JSON by protocol and by host, the time forms --since and --until take, an empty
// period, and the errors (bad time, bad --by, missing or foreign database) with exit 2.
#include "history/historyperiod.h"
#include "history/historystore.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace netlens;

namespace {
constexpr qint64 kDay0 = 1796083200; // 2026-12-01 00:00 UTC

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run history(const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral(NETLENS_CLI), QStringList{QStringLiteral("history")} + args);
    Run r;
    if (!p.waitForFinished(60000))
        return r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}
} // namespace

class TestHistoryCli : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_db;

private Q_SLOTS:
    void initTestCase()
    {
        m_db = m_dir.filePath(QStringLiteral("netlens.db"));
        HistorySettings s;
        s.dbPath = m_db;
        s.hostsPerPeriod = 3;
        HistoryStore store(s);
        QString error;
        QVERIFY2(store.open(error), qPrintable(error));
        // Ten minutes from 08:00 UTC on 2026-12-01: TLS 1000/500 bytes in/out each minute,
        // DNS 100/0; hosts 10.0.0.1..5 with 10 * n bytes sent.
        for (int i = 0; i < 10; ++i) {
            HistoryMinute m;
            m.startSec = kDay0 + 8 * 3600 + 60 * i;
            m.protocols = {{QStringLiteral("TLS"), {1000, 500, 10, 5}},
                           {QStringLiteral("DNS"), {100, 0, 2, 0}}};
            for (int h = 1; h <= 5; ++h)
                m.hosts.push_back(
                    {QStringLiteral("10.0.0.%1").arg(h), {0, std::uint64_t(10 * h), 0, 1}});
            QVERIFY2(store.writeMinute(m, error), qPrintable(error));
        }
    }

    void tableByProtocol()
    {
        const Run r = history({QStringLiteral("--db"), m_db, QStringLiteral("--since"),
                               QStringLiteral("2026-12-01T00:00:00Z"), QStringLiteral("--until"),
                               QStringLiteral("2026-12-02T00:00:00Z")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("per minute"), r.out.constData());
        const QList<QByteArray> lines = r.out.split('\n');
        QVERIFY(lines.size() >= 5);
        QVERIFY(lines[2].startsWith("TLS")); // busiest first
        QCOMPARE(lines[2].simplified(), QByteArray("TLS 10000 5000 100 50"));
        QCOMPARE(lines[3].simplified(), QByteArray("DNS 1000 0 20 0"));
        QCOMPARE(lines[4].simplified(), QByteArray("total 11000 5000 120 50"));
    }

    void jsonByProtocol()
    {
        const Run r = history({QStringLiteral("--db"), m_db, QStringLiteral("--since"),
                               QStringLiteral("2026-11-20"), QStringLiteral("--until"),
                               QStringLiteral("2026-12-05"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(o.value(QStringLiteral("resolution")).toString(), QStringLiteral("hour"));
        QCOMPARE(
            o.value(QStringLiteral("total")).toObject().value(QStringLiteral("bytes_in")).toInt(),
            11000);
        const QJsonArray protocols = o.value(QStringLiteral("protocols")).toArray();
        QCOMPARE(protocols.size(), 2);
        const QJsonObject tls = protocols[0].toObject();
        QCOMPARE(tls.value(QStringLiteral("protocol")).toString(), QStringLiteral("TLS"));
        QCOMPARE(tls.value(QStringLiteral("bytes_out")).toInt(), 5000);
        const QJsonArray points = tls.value(QStringLiteral("points")).toArray();
        QCOMPARE(points.size(), 1); // one hour
        QCOMPARE(points[0].toObject().value(QStringLiteral("start")).toString(),
                 QStringLiteral("2026-12-01T08:00:00Z"));
    }

    void byHost()
    {
        const QStringList period{QStringLiteral("--db"),    m_db,
                                 QStringLiteral("--since"), QStringLiteral("2026-12-01T08:00:00Z"),
                                 QStringLiteral("--until"), QStringLiteral("2026-12-01T09:00:00Z")};
        Run r = history(period + QStringList{QStringLiteral("--by"), QStringLiteral("host"),
                                             QStringLiteral("--json"), QStringLiteral("--top"),
                                             QStringLiteral("2")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        const QJsonArray hosts = o.value(QStringLiteral("hosts")).toArray();
        QCOMPARE(hosts.size(), 2);
        QCOMPARE(hosts[0].toObject().value(QStringLiteral("host")).toString(),
                 QStringLiteral("10.0.0.5"));
        QCOMPARE(hosts[0].toObject().value(QStringLiteral("bytes_out")).toInt(), 500);
        QCOMPARE(hosts[1].toObject().value(QStringLiteral("host")).toString(),
                 QStringLiteral("10.0.0.4"));
        // 10.0.0.3 past --top, 10.0.0.1 and .2 past the 3 kept per minute: all in "other".
        QCOMPARE(o.value(QStringLiteral("other_hosts"))
                     .toObject()
                     .value(QStringLiteral("bytes_out"))
                     .toInt(),
                 (10 + 20 + 30) * 10);
        r = history(period + QStringList{QStringLiteral("--by"), QStringLiteral("host")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("10.0.0.5"), r.out.constData());
        QVERIFY(r.out.contains("(other hosts)"));
    }

    void emptyPeriodAndRelativeTimes()
    {
        Run r = history({QStringLiteral("--db"), m_db, QStringLiteral("--since"),
                         QStringLiteral("2025-01-01 00:00"), QStringLiteral("--until"),
                         QStringLiteral("2025-01-02 12:30")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.startsWith("No history between 2025-01-01 00:00 and 2025-01-02 12:30"),
                 r.out.constData());
        r = history(
            {QStringLiteral("--db"), m_db, QStringLiteral("--since"), QStringLiteral("7d")});
        QCOMPARE(r.exitCode, 0);
        // The same forms through the parser, against a fixed now.
        const QDateTime now = QDateTime::fromSecsSinceEpoch(kDay0 + 86400, Qt::UTC);
        std::int64_t sec = 0;
        QString error;
        QVERIFY(parseHistoryTime(QStringLiteral("24h"), now, sec, error));
        QCOMPARE(sec, kDay0);
        QVERIFY(parseHistoryTime(QStringLiteral("2w"), now, sec, error));
        QCOMPARE(sec, kDay0 + 86400 - 14 * 86400);
        QVERIFY(parseHistoryTime(QStringLiteral("2026-12-01T01:00:00+01:00"), now, sec, error));
        QCOMPARE(sec, kDay0);
    }

    void errors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("bad since")
            << QStringList{QStringLiteral("--since"), QStringLiteral("yesterday")}
            << QStringLiteral("--since: \"yesterday\" is not a time");
        QTest::newRow("bad until")
            << QStringList{QStringLiteral("--until"), QStringLiteral("2026-13-45")}
            << QStringLiteral("--until: \"2026-13-45\" is not a time");
        QTest::newRow("until before since")
            << QStringList{QStringLiteral("--since"), QStringLiteral("2026-12-02"),
                           QStringLiteral("--until"), QStringLiteral("2026-12-01")}
            << QStringLiteral("is not after --since");
        QTest::newRow("bad by") << QStringList{QStringLiteral("--by"), QStringLiteral("port")}
                                << QStringLiteral("--by: \"port\" is neither host nor protocol");
        QTest::newRow("bad top") << QStringList{QStringLiteral("--top"), QStringLiteral("0")}
                                 << QStringLiteral("--top");
        QTest::newRow("unknown option")
            << QStringList{QStringLiteral("--nope")} << QStringLiteral("nope");
    }

    void errors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const Run r = history(QStringList{QStringLiteral("--db"), m_db} + args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(QString::fromLocal8Bit(r.err).contains(message), r.err.constData());
        QVERIFY(r.out.isEmpty());
    }

    void databaseErrors()
    {
        const QString missing = m_dir.filePath(QStringLiteral("nowhere/netlens.db"));
        Run r = history({QStringLiteral("--db"), missing});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(QString::fromLocal8Bit(r.err).contains(missing), r.err.constData());
        QVERIFY(r.err.contains("no such file"));
        QVERIFY(!QFile::exists(missing)); // not created by asking
        const QString text = m_dir.filePath(QStringLiteral("notes.db"));
        QFile f(text);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(4096, 'x'));
        f.close();
        r = history({QStringLiteral("--db"), text});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("notes.db") && r.err.contains("not an SQLite database"),
                 r.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestHistoryCli)
#include "tst_historycli.moc"
