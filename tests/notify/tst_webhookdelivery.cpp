// SPDX-License-Identifier: GPL-3.0-or-later
// Webhook delivery against a real HTTP server (tests/notify/webhookserver.py, Python's
// http.server): the JSON of each format, the HMAC signature checked by the server,
// Idempotency-Key, retries after 503, a permanent 400, the rate limit's digest, and
// alerts below the minimum severity kept but not sent.
#include "notify/alerthub.h"
#include "notify/webhookpayload.h"
#include "notifytesthelpers.h"

#include <QSignalSpy>
#include <QTemporaryDir>

using namespace netlens;
using namespace notifytest;

class TestWebhookDelivery : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_tmp;
    int m_dirs = 0;

    struct Endpoint {
        Server server;
        QString dir;
        QString url;
    };

    bool start(Endpoint &ep, const QString &responses, const QString &secret = {})
    {
        ep.dir = m_tmp.filePath(QStringLiteral("hook%1").arg(++m_dirs));
        QDir().mkpath(ep.dir);
        QStringList args{scriptPath("webhookserver.py"), QStringLiteral("--dir"), ep.dir,
                         QStringLiteral("--responses"), responses};
        if (!secret.isEmpty())
            args << QStringLiteral("--secret") << secret;
        QString error;
        if (!ep.server.start(args, error)) {
            qWarning("webhookserver.py did not start: %s", qPrintable(error));
            return false;
        }
        ep.url = QStringLiteral("http://127.0.0.1:%1/hooks/netlens").arg(ep.server.readyValue());
        return true;
    }

    NotifySettings settingsFor(const Endpoint &ep, WebhookSettings::Format format,
                               const QString &secret = {})
    {
        NotifySettings ns;
        ns.webhook.enabled = true;
        ns.webhook.url = ep.url;
        ns.webhook.format = format;
        ns.webhook.secret = secret;
        ns.webhook.timeoutMs = 5000;
        ns.retryFirstMs = 100;
        ns.retryMaxMs = 400;
        return ns;
    }

    QList<QJsonObject> requests(const Endpoint &ep)
    {
        QList<QJsonObject> out;
        for (const QString &f : filesIn(ep.dir, QStringLiteral(".json")))
            out << readJson(f);
        return out;
    }

    static QJsonObject body(const QJsonObject &request)
    {
        return QJsonDocument::fromJson(request[QLatin1String("body")].toString().toUtf8()).object();
    }
    static QString header(const QJsonObject &request, const char *name)
    {
        const QJsonObject h = request[QLatin1String("headers")].toObject();
        for (auto it = h.begin(); it != h.end(); ++it)
            if (it.key().compare(QLatin1String(name), Qt::CaseInsensitive) == 0)
                return it.value().toString();
        return {};
    }

    /// Runs one hub until idle; the history afterwards.
    QList<AlertRecord> deliver(const NotifySettings &ns, const QList<Alert> &alerts,
                               const QString &dbName)
    {
        AlertHub hub(m_tmp.filePath(dbName), ns);
        QString error;
        if (!hub.open(error)) {
            qWarning("%s", qPrintable(error));
            return {};
        }
        QSignalSpy idle(&hub, &AlertHub::idle);
        for (const Alert &a : alerts)
            hub.submit(a);
        if (!hub.isIdle() && !idle.wait(20000))
            qWarning("the hub did not become idle");
        return hub.history();
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_tmp.isValid()); }

    void genericJsonSigned()
    {
        Endpoint ep;
        const QString secret = QStringLiteral("shared-secret-42");
        QVERIFY(start(ep, QStringLiteral("200"), secret));
        Alert a = sampleAlert(1);
        a.snippetPath = QStringLiteral("/var/lib/netlens/alerts/a1.pcap");
        const QList<AlertRecord> h = deliver(settingsFor(ep, WebhookSettings::Format::Json, secret),
                                             {a}, QStringLiteral("json.db"));
        QCOMPARE(h.size(), 1);
        QCOMPARE(h[0].webhook, DeliveryStatus::Delivered);
        const QList<QJsonObject> reqs = requests(ep);
        QCOMPARE(reqs.size(), 1);
        QCOMPARE(reqs[0][QLatin1String("path")].toString(), QStringLiteral("/hooks/netlens"));
        QCOMPARE(reqs[0][QLatin1String("signature_ok")].toBool(), true);
        QCOMPARE(header(reqs[0], "Idempotency-Key"), a.uid);
        QCOMPARE(header(reqs[0], "Content-Type"), QStringLiteral("application/json"));
        const qint64 ts = header(reqs[0], "X-NetLens-Timestamp").toLongLong();
        QVERIFY(qAbs(ts - QDateTime::currentSecsSinceEpoch()) < 60);
        const QJsonObject b = body(reqs[0]);
        QCOMPARE(b[QLatin1String("uid")].toString(), a.uid);
        QCOMPARE(b[QLatin1String("rule")].toString(), a.ruleId);
        QCOMPARE(b[QLatin1String("type")].toString(), QStringLiteral("port_scan"));
        QCOMPARE(b[QLatin1String("severity")].toString(), QStringLiteral("critical"));
        QCOMPARE(b[QLatin1String("key")].toString(), a.key);
        // Exact seconds as a JSON number (the text keeps every decimal), and the nanoseconds.
        QCOMPARE(b[QLatin1String("start_ns")].toInteger(), a.startNs);
        QCOMPARE(b[QLatin1String("start")].toDouble(), double(a.startNs) / 1e9);
        QVERIFY(b[QLatin1String("end")].isNull());
        QCOMPARE(b[QLatin1String("summary")].toString(), a.summary);
        QCOMPARE(b[QLatin1String("display_filter")].toString(), a.displayFilter);
        QCOMPARE(b[QLatin1String("snippet")][QLatin1String("path")].toString(), a.snippetPath);
        QCOMPARE(b[QLatin1String("state")].toString(), QStringLiteral("engaged"));
        const QJsonObject e = b[QLatin1String("evidence")].toObject();
        QCOMPARE(e[QLatin1String("value")].toDouble(), 120.0);
        QCOMPARE(e[QLatin1String("threshold")].toDouble(), 50.0);
        QCOMPARE(e[QLatin1String("top_ports")].toArray().size(), 2);
    }

    void wrongSecretIsDetectedByServer()
    {
        // The server checks with its own secret: a client signing with another one fails
        // the check, so signature_ok above is not vacuous.
        Endpoint ep;
        QVERIFY(start(ep, QStringLiteral("200"), QStringLiteral("server-secret")));
        deliver(settingsFor(ep, WebhookSettings::Format::Json, QStringLiteral("other")),
                {sampleAlert(2)}, QStringLiteral("wrongsecret.db"));
        const QList<QJsonObject> reqs = requests(ep);
        QCOMPARE(reqs.size(), 1);
        QCOMPARE(reqs[0][QLatin1String("signature_ok")].toBool(), false);
    }

    void slackFormat()
    {
        Endpoint ep;
        QVERIFY(start(ep, QStringLiteral("200")));
        const Alert a = sampleAlert(3, Severity::Warning);
        deliver(settingsFor(ep, WebhookSettings::Format::Slack), {a}, QStringLiteral("slack.db"));
        const QList<QJsonObject> reqs = requests(ep);
        QCOMPARE(reqs.size(), 1);
        QVERIFY(header(reqs[0], "X-NetLens-Signature").isEmpty()); // no secret, no signature
        const QJsonObject b = body(reqs[0]);
        QVERIFY(b[QLatin1String("text")].toString().contains(a.summary));
        const QJsonArray blocks = b[QLatin1String("blocks")].toArray();
        QCOMPARE(blocks.size(), 2);
        QCOMPARE(blocks[0][QLatin1String("type")].toString(), QStringLiteral("header"));
        QVERIFY(blocks[0][QLatin1String("text")][QLatin1String("text")].toString().contains(a.key));
        QCOMPARE(blocks[1][QLatin1String("type")].toString(), QStringLiteral("section"));
        QCOMPARE(blocks[1][QLatin1String("text")][QLatin1String("text")].toString(), a.summary);
        QVERIFY(blocks[1][QLatin1String("fields")].toArray().size() >= 4);
    }

    void discordFormat_data()
    {
        QTest::addColumn<Severity>("severity");
        QTest::addColumn<int>("colour");
        QTest::newRow("info") << Severity::Info << 0x3498DB;
        QTest::newRow("warning") << Severity::Warning << 0xF39C12;
        QTest::newRow("critical") << Severity::Critical << 0xE74C3C;
    }
    void discordFormat()
    {
        QFETCH(Severity, severity);
        QFETCH(int, colour);
        Endpoint ep;
        QVERIFY(start(ep, QStringLiteral("204")));
        const Alert a = sampleAlert(4, severity);
        NotifySettings ns = settingsFor(ep, WebhookSettings::Format::Discord);
        ns.minSeverity = Severity::Info;
        const QList<AlertRecord> h =
            deliver(ns, {a}, QStringLiteral("discord-%1.db").arg(int(severity)));
        QCOMPARE(h[0].webhook, DeliveryStatus::Delivered); // 204 is a 2xx too
        const QList<QJsonObject> reqs = requests(ep);
        QCOMPARE(reqs.size(), 1);
        const QJsonObject b = body(reqs[0]);
        QVERIFY(b[QLatin1String("content")].toString().contains(a.key));
        const QJsonArray embeds = b[QLatin1String("embeds")].toArray();
        QCOMPARE(embeds.size(), 1);
        QCOMPARE(embeds[0][QLatin1String("color")].toInt(), colour);
        QCOMPARE(embeds[0][QLatin1String("description")].toString(), a.summary);
        QCOMPARE(embeds[0][QLatin1String("timestamp")].toString(),
                 QStringLiteral("2025-11-24T16:00:04.000Z"));
    }

    void retriesAfter503()
    {
        Endpoint ep;
        QVERIFY(start(ep, QStringLiteral("503,503,200")));
        const Alert a = sampleAlert(5);
        const QList<AlertRecord> h = deliver(settingsFor(ep, WebhookSettings::Format::Json), {a},
                                             QStringLiteral("retry.db"));
        QCOMPARE(h[0].webhook, DeliveryStatus::Delivered);
        const QList<QJsonObject> reqs = requests(ep);
        QCOMPARE(reqs.size(), 3);
        for (const QJsonObject &r : reqs) // the same key each time: the receiver can dedupe
            QCOMPARE(header(r, "Idempotency-Key"), a.uid);
        QCOMPARE(reqs[2][QLatin1String("status")].toInt(), 200);
    }

    void permanentFailureOn400()
    {
        Endpoint ep;
        QVERIFY(start(ep, QStringLiteral("400")));
        const QList<AlertRecord> h = deliver(settingsFor(ep, WebhookSettings::Format::Json),
                                             {sampleAlert(6)}, QStringLiteral("fail.db"));
        QCOMPARE(h[0].webhook, DeliveryStatus::Failed);
        QVERIFY2(h[0].deliveryError.contains(QLatin1String("HTTP 400")),
                 qPrintable(h[0].deliveryError));
        QVERIFY(h[0].deliveryError.contains(ep.url));
        QTest::qWait(500); // several retry intervals: none may come
        QCOMPARE(requests(ep).size(), 1);
    }

    void tooManyRequestsIsRetried()
    {
        Endpoint ep;
        QVERIFY(start(ep, QStringLiteral("429,200")));
        const QList<AlertRecord> h = deliver(settingsFor(ep, WebhookSettings::Format::Json),
                                             {sampleAlert(7)}, QStringLiteral("429.db"));
        QCOMPARE(h[0].webhook, DeliveryStatus::Delivered);
        QCOMPARE(requests(ep).size(), 2);
    }

    void rateLimitSendsDigest()
    {
        Endpoint ep;
        QVERIFY(start(ep, QStringLiteral("200")));
        NotifySettings ns = settingsFor(ep, WebhookSettings::Format::Json);
        ns.maxPerMinute = 3;
        QList<Alert> alerts;
        for (int i = 10; i < 20; ++i)
            alerts << sampleAlert(i);
        const QList<AlertRecord> h = deliver(ns, alerts, QStringLiteral("digest.db"));
        QCOMPARE(h.size(), 10);
        for (const AlertRecord &r : h)
            QCOMPARE(r.webhook, DeliveryStatus::Delivered);
        // Three messages in the minute: two alerts on their own, the other eight together.
        const QList<QJsonObject> reqs = requests(ep);
        QCOMPARE(reqs.size(), 3);
        QSet<QString> seen;
        int digests = 0;
        for (const QJsonObject &r : reqs) {
            const QJsonObject b = body(r);
            if (b.contains(QLatin1String("digest"))) {
                ++digests;
                QCOMPARE(b[QLatin1String("count")].toInt(), 8);
                QCOMPARE(header(r, "Idempotency-Key"), b[QLatin1String("digest")].toString());
                for (const QJsonValue &v : b[QLatin1String("alerts")].toArray())
                    seen.insert(v[QLatin1String("uid")].toString());
            } else {
                seen.insert(b[QLatin1String("uid")].toString());
            }
        }
        QCOMPARE(digests, 1);
        QCOMPARE(seen.size(), 10); // every alert once, none twice
    }

    void belowMinSeverityIsKeptNotSent()
    {
        Endpoint ep;
        QVERIFY(start(ep, QStringLiteral("200")));
        NotifySettings ns = settingsFor(ep, WebhookSettings::Format::Json);
        ns.minSeverity = Severity::Warning;
        const QList<AlertRecord> h =
            deliver(ns, {sampleAlert(30, Severity::Info)}, QStringLiteral("suppressed.db"));
        QCOMPARE(h.size(), 1);
        QCOMPARE(h[0].webhook, DeliveryStatus::Suppressed);
        QCOMPARE(h[0].email, DeliveryStatus::None); // e-mail is off
        QTest::qWait(200);
        QCOMPARE(requests(ep).size(), 0);
    }

    void testWebhook()
    {
        Endpoint ep;
        QVERIFY(start(ep, QStringLiteral("200")));
        AlertHub hub(m_tmp.filePath(QStringLiteral("testhook.db")), NotifySettings{});
        QSignalSpy done(&hub, &AlertHub::testWebhookDone);
        hub.sendTestWebhook(settingsFor(ep, WebhookSettings::Format::Slack).webhook);
        QVERIFY(done.wait(10000));
        QCOMPARE(done[0][0].toBool(), true);
        QCOMPARE(body(requests(ep)[0])[QLatin1String("text")].toString(),
                 QStringLiteral("NetLens test message"));
    }

    void silentServerTimesOut()
    {
        QTcpServer silent; // accepts, reads, never answers
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        NotifySettings ns;
        ns.webhook.enabled = true;
        ns.webhook.url = QStringLiteral("http://127.0.0.1:%1/hook").arg(silent.serverPort());
        ns.webhook.timeoutMs = 300;
        ns.retryFirstMs = 60000;
        AlertHub hub(m_tmp.filePath(QStringLiteral("silent.db")), ns);
        QString error;
        QVERIFY(hub.open(error));
        QVERIFY(hub.submit(sampleAlert(40)));
        QTRY_COMPARE_WITH_TIMEOUT(hub.history().first().webhook, DeliveryStatus::Retrying, 5000);
        QVERIFY2(
            hub.history().first().deliveryError.contains(QLatin1String("no answer within 300 ms")),
            qPrintable(hub.history().first().deliveryError));
    }

    void alertWithoutUidIsRefused()
    {
        AlertHub hub(m_tmp.filePath(QStringLiteral("nouid.db")), NotifySettings{});
        QString error;
        QVERIFY(hub.open(error));
        QSignalSpy errors(&hub, &AlertHub::storageError);
        Alert a = sampleAlert(41);
        a.uid.clear();
        QVERIFY(!hub.submit(a));
        QCOMPARE(errors.size(), 1);
        QVERIFY(errors[0][0].toString().contains(QLatin1String("without a uid")));
        QVERIFY(hub.history().isEmpty());
    }

    void waitsForTheSnippet()
    {
        // The engine reports the alert first and its snippet seconds later: with
        // snippetWaitMs the post waits for that update and goes out once, with the path.
        Endpoint ep;
        QVERIFY(start(ep, QStringLiteral("200")));
        NotifySettings ns = settingsFor(ep, WebhookSettings::Format::Json);
        ns.snippetWaitMs = 60000;
        AlertHub hub(m_tmp.filePath(QStringLiteral("snippetwait.db")), ns);
        QString error;
        QVERIFY(hub.open(error));
        Alert a = sampleAlert(42);
        a.snippetPending = true;
        QVERIFY(hub.submit(a));
        QTest::qWait(400);
        QCOMPARE(requests(ep).size(), 0);
        QCOMPARE(hub.history().first().webhook, DeliveryStatus::Pending);
        // Released before its snippet was written (a short alert): still held for it.
        a.state = Alert::State::Released;
        a.endNs = a.startNs + 2'000000000LL;
        QVERIFY(hub.submit(a));
        QTest::qWait(400);
        QCOMPARE(requests(ep).size(), 0);
        a.snippetPath = m_tmp.filePath(QStringLiteral("alerts/a42.pcap"));
        a.snippetPackets = 12;
        a.snippetPending = false;
        QSignalSpy idle(&hub, &AlertHub::idle);
        QVERIFY(hub.submit(a));
        QVERIFY(idle.wait(10000));
        const QList<QJsonObject> reqs = requests(ep);
        QCOMPARE(reqs.size(), 1);
        const QJsonObject snippet = body(reqs[0])[QLatin1String("snippet")].toObject();
        QCOMPARE(snippet[QLatin1String("path")].toString(), a.snippetPath);
        QCOMPARE(snippet[QLatin1String("packets")].toInt(), 12);
    }

    void badUrlFailsWithItsName()
    {
        AlertHub hub(m_tmp.filePath(QStringLiteral("badurl.db")), NotifySettings{});
        QSignalSpy done(&hub, &AlertHub::testWebhookDone);
        WebhookSettings w;
        w.url = QStringLiteral("ftp://example.org/hook");
        hub.sendTestWebhook(w);
        QVERIFY(done.wait(5000));
        QCOMPARE(done[0][0].toBool(), false);
        QVERIFY(done[0][1].toString().contains(w.url));
    }
};

QTEST_GUILESS_MAIN(TestWebhookDelivery)
#include "tst_webhookdelivery.moc"
