// SPDX-License-Identifier: GPL-3.0-or-later
// kill -9 while history is being written (issue 11): historyfeeder records minutes through
// the writer thread and is killed at a random moment, five times into one database. After
// each kill PRAGMA integrity_check is ok, and every minute handed to the writer but the last
// is there with exactly its packets, its hour and day rows adding up to its minutes.
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>

namespace {
constexpr qint64 kFirst = 1796083200; // 2026-12-01 00:00 UTC
} // namespace

class TestHistoryKill : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void killedWriterLosesAtMostAMinute()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("netlens.db"));
        for (int round = 0; round < 5; ++round) {
            const qint64 first = kFirst + round * 86400; // each round its own day
            QProcess feeder;
            feeder.start(QStringLiteral(NETLENS_HISTORY_FEEDER), {db, QString::number(first)});
            QVERIFY(feeder.waitForStarted());
            // Until it has handed over 40 minutes and more, then a random moment later.
            qint64 closed = 0;
            QByteArray out;
            while (closed < 40 && feeder.state() == QProcess::Running) {
                feeder.waitForReadyRead(1000);
                out += feeder.readAllStandardOutput();
                const qsizetype at = out.lastIndexOf("closed ");
                if (at >= 0)
                    closed = out.mid(at + 7).split('\n').first().toLongLong();
            }
            QVERIFY2(closed >= 40, feeder.readAllStandardError().constData());
            QTest::qWait(static_cast<int>(QRandomGenerator::global()->bounded(5, 300)));
            out += feeder.readAllStandardOutput();
            ::kill(static_cast<pid_t>(feeder.processId()), SIGKILL);
            QVERIFY(feeder.waitForFinished(5000));
            out += feeder.readAllStandardOutput();
            const QList<QByteArray> lines = out.trimmed().split('\n');
            closed = lines.last().mid(7).toLongLong();

            QSqlDatabase d = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"),
                                                       QStringLiteral("kill%1").arg(round));
            d.setDatabaseName(db);
            QVERIFY(d.open());
            {
                QSqlQuery q(d);
                QVERIFY(q.exec(QStringLiteral("PRAGMA integrity_check")) && q.next());
                QCOMPARE(q.value(0).toString(), QStringLiteral("ok"));
                QVERIFY(q.exec(QStringLiteral("SELECT ts, bytes_in, bytes_out, packets_in,"
                                              " packets_out FROM history_protocol WHERE res = 60"
                                              " AND ts >= %1 AND ts < %2 ORDER BY ts")
                                   .arg(first)
                                   .arg(first + 86400)));
                qint64 minutes = 0, bytes = 0, packets = 0;
                while (q.next()) {
                    const qint64 i = minutes;
                    QCOMPARE(q.value(0).toLongLong(), first + 60 * i); // none missing
                    const qint64 n = 3 + i % 5, size = 100 + 10 * (i % 7);
                    const qint64 sent = (n + 1) / 2; // the local host sends every other packet
                    QCOMPARE(q.value(3).toLongLong(), n - sent);
                    QCOMPARE(q.value(4).toLongLong(), sent);
                    QCOMPARE(q.value(1).toLongLong(), (n - sent) * size);
                    QCOMPARE(q.value(2).toLongLong(), sent * size);
                    bytes += n * size;
                    packets += n;
                    ++minutes;
                }
                qInfo("round %d: %lld minutes handed to the writer, %lld in the database", round,
                      closed, minutes);
                // Every minute handed over but the one being written when the kill came.
                QVERIFY2(minutes >= closed - 1 && minutes <= closed + 1,
                         qPrintable(QStringLiteral("%1 of %2").arg(minutes).arg(closed)));
                // The roll-ups were written with their minutes: the same sums.
                for (const int res : {3600, 86400}) {
                    QVERIFY(q.exec(QStringLiteral("SELECT sum(bytes_in + bytes_out),"
                                                  " sum(packets_in + packets_out) FROM"
                                                  " history_protocol WHERE res = %1 AND ts >= %2"
                                                  " AND ts < %3")
                                       .arg(res)
                                       .arg(first)
                                       .arg(first + 86400)) &&
                            q.next());
                    QCOMPARE(q.value(0).toLongLong(), bytes);
                    QCOMPARE(q.value(1).toLongLong(), packets);
                }
            }
            d.close();
            d = QSqlDatabase();
            QSqlDatabase::removeDatabase(QStringLiteral("kill%1").arg(round));
        }
    }
};

QTEST_GUILESS_MAIN(TestHistoryKill)
#include "tst_historykill.moc"
