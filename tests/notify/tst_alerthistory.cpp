// SPDX-License-Identifier: GPL-3.0-or-later
// The alert history and the outbox in SQLite: upsert by uid, filters, acknowledge, clear,
// CSV export (read back as RFC 4180), the outbox across a restart, and bad database files.
#include "alerts/alertjson.h"
#include "notify/alerthistory.h"
#include "notify/alerthub.h"
#include "notify/notifydatabase.h"
#include "notify/notifysettings.h"
#include "notify/outbox.h"
#include "notifytesthelpers.h"

#include <QSignalSpy>
#include <QTemporaryDir>

using namespace netlens;
using namespace notifytest;

namespace {

/// A small RFC 4180 reader for checking the export: quoted fields, doubled quotes, CRLF.
QList<QStringList> parseCsv(const QByteArray &data)
{
    QList<QStringList> rows;
    QStringList row;
    QString field;
    bool quoted = false;
    const QString text = QString::fromUtf8(data);
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (quoted) {
            if (c == QLatin1Char('"') && i + 1 < text.size() && text[i + 1] == QLatin1Char('"')) {
                field += c;
                ++i;
            } else if (c == QLatin1Char('"')) {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == QLatin1Char('"')) {
            quoted = true;
        } else if (c == QLatin1Char(',')) {
            row << field;
            field.clear();
        } else if (c == QLatin1Char('\r') && i + 1 < text.size() &&
                   text[i + 1] == QLatin1Char('\n')) {
            row << field;
            rows << row;
            row.clear();
            field.clear();
            ++i;
        } else {
            field += c;
        }
    }
    return rows;
}

} // namespace

class TestAlertHistory : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_tmp;

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_tmp.isValid()); }

    void jsonRoundTrip()
    {
        Alert a = sampleAlert(1);
        a.state = Alert::State::Released;
        a.endNs = a.startNs + 123456789;
        a.snippetPath = QStringLiteral("/tmp/x.pcap");
        a.snippetBytes = 4242;
        a.snippetPackets = 17;
        Alert b;
        QString error;
        QVERIFY2(alertFromJson(alertToJson(a), b, error), qPrintable(error));
        QCOMPARE(b.uid, a.uid);
        QCOMPARE(b.startNs, a.startNs); // exact nanoseconds, not a double
        QCOMPARE(b.endNs, a.endNs);
        QCOMPARE(b.state, a.state);
        QVERIFY(b.evidence == a.evidence);
        QCOMPARE(b.snippetPackets, 17u);
        QJsonObject broken = alertToJson(a);
        broken[QLatin1String("severity")] = QStringLiteral("catastrophic");
        QVERIFY(!alertFromJson(broken, b, error));
        QVERIFY2(error.contains(QLatin1String("severity")), qPrintable(error));
    }

    void upsertKeepsOneRowPerUid()
    {
        AlertHub hub(m_tmp.filePath(QStringLiteral("upsert.db")), NotifySettings{});
        QString error;
        QVERIFY2(hub.open(error), qPrintable(error));
        QSignalSpy changed(&hub, &AlertHub::recordChanged);
        Alert a = sampleAlert(1);
        QVERIFY(hub.submit(a));
        QVERIFY(hub.submit(sampleAlert(2)));
        const qint64 id = hub.history(QStringLiteral("10.0.0.1 ")).first().id;
        QVERIFY(hub.acknowledge(id));
        a.state = Alert::State::Released;
        a.endNs = a.startNs + 5'000000000LL;
        a.summary = QStringLiteral("Port scan over: 10.0.0.1");
        QVERIFY(hub.submit(a));
        QCOMPARE(changed.size(), 3);
        const QList<AlertRecord> all = hub.history();
        QCOMPARE(all.size(), 2);
        const AlertRecord r = hub.history(QStringLiteral("scan over")).first();
        QCOMPARE(r.id, id); // same row, updated
        QCOMPARE(r.alert.state, Alert::State::Released);
        QCOMPARE(r.alert.endNs, a.endNs);
        QVERIFY(r.acknowledged);                 // the user's mark survives the update
        QCOMPARE(r.email, DeliveryStatus::None); // no channel enabled
    }

    void filters()
    {
        AlertHub hub(m_tmp.filePath(QStringLiteral("filter.db")), NotifySettings{});
        QString error;
        QVERIFY(hub.open(error));
        Alert info = sampleAlert(1, Severity::Info);
        Alert warning = sampleAlert(2, Severity::Warning);
        warning.kind = AlertKind::SynFlood;
        warning.key = QStringLiteral("192.168.1.7");
        warning.summary = QStringLiteral("SYN flood on 192.168.1.7");
        Alert critical = sampleAlert(3, Severity::Critical);
        critical.summary = QStringLiteral("100% of it_is_odd");
        for (const Alert &a : {info, warning, critical})
            QVERIFY(hub.submit(a));
        QCOMPARE(hub.history().size(), 3);
        QCOMPARE(hub.history().first().alert.uid, critical.uid);        // newest first
        QCOMPARE(hub.history(QStringLiteral("syn_flood")).size(), 1);   // type
        QCOMPARE(hub.history(QStringLiteral("WARNING")).size(), 1);     // severity name
        QCOMPARE(hub.history(QStringLiteral("192.168.1.7")).size(), 1); // key
        QCOMPARE(hub.history(QStringLiteral("port scan")).size(), 1);   // summary
        QCOMPARE(hub.history(QStringLiteral("100%")).size(), 1);        // % is literal
        QCOMPARE(hub.history(QStringLiteral("t_i")).size(), 1);         // _ is literal
        QCOMPARE(hub.history(QStringLiteral("nothing like it")).size(), 0);
        HistoryFilter f;
        f.minSeverity = Severity::Warning;
        QCOMPARE(hub.history(f).size(), 2);
        f = {};
        f.fromNs = warning.startNs;
        QCOMPARE(hub.history(f).size(), 2);
        f.toNs = warning.startNs;
        QCOMPARE(hub.history(f).size(), 1);
        QCOMPARE(hub.history(f).first().alert.uid, warning.uid);
        f = {};
        f.limit = 1;
        QCOMPARE(hub.history(f).size(), 1);
        QVERIFY(hub.acknowledge(hub.history(QStringLiteral("syn")).first().id));
        f = {};
        f.unacknowledgedOnly = true;
        QCOMPARE(hub.history(f).size(), 2);
        QVERIFY(!hub.acknowledge(987654)); // no such row
        QVERIFY(hub.clear());
        QCOMPARE(hub.history().size(), 0);
    }

    void csvExport()
    {
        AlertHub hub(m_tmp.filePath(QStringLiteral("csv.db")), NotifySettings{});
        QString error;
        QVERIFY(hub.open(error));
        Alert a = sampleAlert(1);
        a.summary = QStringLiteral("=HYPERLINK(\"http://evil\"), with \"quotes\"\nand a line");
        Alert b = sampleAlert(2, Severity::Info);
        QVERIFY(hub.submit(a));
        QVERIFY(hub.submit(b));
        const QString path = m_tmp.filePath(QStringLiteral("out/alerts.csv"));
        QVERIFY2(hub.exportCsv(path, QString(), error), qPrintable(error));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray data = f.readAll();
        const QList<QStringList> rows = parseCsv(data);
        QCOMPARE(rows.size(), 3);
        QCOMPARE(rows[0].first(), QStringLiteral("id"));
        const int summaryCol = int(rows[0].indexOf(QStringLiteral("summary")));
        const int severityCol = int(rows[0].indexOf(QStringLiteral("severity")));
        const int startCol = int(rows[0].indexOf(QStringLiteral("start")));
        QVERIFY(summaryCol > 0 && severityCol > 0 && startCol > 0);
        for (const QStringList &row : rows)
            QCOMPARE(row.size(), rows[0].size());
        // Newest first: b started later than a.
        QCOMPARE(rows[1][severityCol], QStringLiteral("info"));
        QCOMPARE(rows[2][severityCol], QStringLiteral("critical"));
        QCOMPARE(rows[2][startCol], QStringLiteral("2025-11-24T16:00:01.000Z"));
        // The formula is defused by CsvWriter's apostrophe; quotes and line break survive.
        QCOMPARE(rows[2][summaryCol], QLatin1Char('\'') + a.summary);
        // A filtered export.
        QVERIFY(hub.exportCsv(path, QStringLiteral("HYPERLINK"), error));
        QVERIFY(f.seek(0));
        QFile again(path);
        QVERIFY(again.open(QIODevice::ReadOnly));
        QCOMPARE(parseCsv(again.readAll()).size(), 2);
        // An unwritable place is named.
        QVERIFY(!hub.exportCsv(QStringLiteral("/proc/netlens/alerts.csv"), QString(), error));
        QVERIFY2(error.contains(QLatin1String("/proc/netlens/alerts.csv")), qPrintable(error));
    }

    void outboxSurvivesRestart()
    {
        const QString db = m_tmp.filePath(QStringLiteral("restart.db"));
        NotifySettings ns;
        ns.webhook.enabled = true;
        ns.webhook.url = QStringLiteral("http://127.0.0.1:%1/down").arg(freePort()); // nobody
        ns.retryFirstMs = 60000; // one attempt, then a long wait
        const Alert a = sampleAlert(9);
        {
            AlertHub hub(db, ns);
            QString error;
            QVERIFY(hub.open(error));
            QVERIFY(hub.submit(a));
            QTRY_COMPARE_WITH_TIMEOUT(hub.history().first().webhook, DeliveryStatus::Retrying,
                                      10000);
            QVERIFY(!hub.isIdle());
        }
        NotifyDatabase database(db);
        QString error;
        QVERIFY(database.open(error));
        Outbox outbox(database);
        const std::optional<Outbox::Item> row = outbox.find(a.uid, Channel::Webhook);
        QVERIFY(row);
        QCOMPARE(row->status, Outbox::Status::Retrying);
        QCOMPARE(row->attempts, 1);
        QVERIFY(row->lastError.contains(QLatin1String("/down")));
        QCOMPARE(outbox.activeCount(Channel::Webhook), 1);
        QVERIFY(row->nextMs > QDateTime::currentMSecsSinceEpoch() + 30000);
        // The history came back too, with its delivery state.
        AlertHistory history(database);
        QCOMPARE(history.find(a.uid)->webhook, DeliveryStatus::Retrying);
        // Submitting again does not queue a second row.
        bool created = true;
        QVERIFY(outbox.enqueue(a.uid, Channel::Webhook, "{}", 0, 0, created));
        QVERIFY(!created);
        QCOMPARE(outbox.activeCount(Channel::Webhook), 1);
    }

    void badDatabaseIsNamed()
    {
        const QString path = m_tmp.filePath(QStringLiteral("garbage.db"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(4096, 'x'));
        f.close();
        AlertHub hub(path, NotifySettings{});
        QString error;
        QVERIFY(!hub.open(error));
        QVERIFY2(error.startsWith(path), qPrintable(error));
        QVERIFY(!hub.submit(sampleAlert(1))); // refuses, does not crash
        QVERIFY(hub.history().isEmpty());
        AlertHub nowhere(QStringLiteral("/proc/netlens/netlens.db"), NotifySettings{});
        QVERIFY(!nowhere.open(error));
        QVERIFY2(error.contains(QLatin1String("/proc/netlens")), qPrintable(error));
    }

    void smtpUrls_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<int>("security");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::addColumn<QString>("user");
        QTest::newRow("smtp") << "smtp://relay.lan" << true << 0 << "relay.lan" << 25 << "";
        QTest::newRow("starttls") << "smtp+starttls://bob:pw@mail.example.org" << true << 1
                                  << "mail.example.org" << 587 << "bob";
        QTest::newRow("smtps") << "smtps://mail.example.org:2465" << true << 2 << "mail.example.org"
                               << 2465 << "";
        QTest::newRow("scheme") << "imap://mail.example.org" << false << 0 << "" << 0 << "";
        QTest::newRow("nohost") << "smtp://" << false << 0 << "" << 0 << "";
    }
    void smtpUrls()
    {
        QFETCH(QString, url);
        QFETCH(bool, ok);
        SmtpSettings s;
        QString error;
        QCOMPARE(s.setUrl(url, error), ok);
        if (!ok) {
            QVERIFY2(error.contains(url), qPrintable(error));
            return;
        }
        QFETCH(int, security);
        QFETCH(QString, host);
        QFETCH(int, port);
        QFETCH(QString, user);
        QCOMPARE(int(s.security), security);
        QCOMPARE(s.host, host);
        QCOMPARE(s.port, port);
        QCOMPARE(s.user, user);
    }

    void webhookFormatNames()
    {
        for (auto f : {WebhookSettings::Format::Json, WebhookSettings::Format::Slack,
                       WebhookSettings::Format::Discord}) {
            WebhookSettings::Format back = WebhookSettings::Format::Json;
            QVERIFY(parseWebhookFormat(webhookFormatName(f), back));
            QCOMPARE(back, f);
        }
        QCOMPARE(webhookFormatName(WebhookSettings::Format::Discord), QStringLiteral("discord"));
        WebhookSettings::Format f;
        QVERIFY(!parseWebhookFormat(QStringLiteral("teams"), f));
    }
};

QTEST_GUILESS_MAIN(TestAlertHistory)
#include "tst_alerthistory.moc"
