// SPDX-License-Identifier: GPL-3.0-or-later
// E-mail through the AlertHub's outbox against a real server (aiosmtpd): a server that is
// down and comes up, also across a restart of the hub (delivered once); an ambiguous failure
// resent as the same message; the rate limit's digest; give-up; the test e-mail.
#include "smtpfixture.h"

using namespace netlens;
using namespace notifytest;

class TestSmtpDelivery : public SmtpFixture {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { setUpFixture(); }

    void downThenUpDeliveredOnce()
    {
        const quint16 port = freePort();
        const QString dir = newMailDir();
        NotifySettings ns;
        ns.smtp = settingsFor(port, SmtpSettings::Security::StartTls, true);
        ns.retryFirstMs = 200;
        ns.retryMaxMs = 800;
        AlertHub hub(m_tmp.filePath(QStringLiteral("down.db")), ns);
        QString error;
        QVERIFY2(hub.open(error), qPrintable(error));
        QSignalSpy changes(&hub, &AlertHub::deliveryChanged);
        const Alert a = alertWithSnippet(3);
        QVERIFY(hub.submit(a));
        QVERIFY(!hub.isIdle());
        // Wait for two failed attempts while nothing listens.
        QTRY_VERIFY_WITH_TIMEOUT(std::count_if(changes.cbegin(), changes.cend(),
                                               [](const QList<QVariant> &c) {
                                                   return c[2].value<DeliveryStatus>() ==
                                                          DeliveryStatus::Retrying;
                                               }) >= 2,
                                 15000);
        QCOMPARE(hub.history().first().email, DeliveryStatus::Retrying);
        QVERIFY(hub.history().first().deliveryError.contains(QString::number(port)));
        Server server;
        QVERIFY(startServer(server, port, dir, QStringLiteral("starttls"), true));
        QSignalSpy idle(&hub, &AlertHub::idle);
        QVERIFY(idle.wait(20000));
        QVERIFY(hub.isIdle());
        QCOMPARE(hub.history().first().email, DeliveryStatus::Delivered);
        // Submitting the same alert again (an update) sends nothing more.
        Alert released = a;
        released.state = Alert::State::Released;
        released.endNs = a.startNs + 9'000000000LL;
        QVERIFY(hub.submit(released));
        QVERIFY(hub.isIdle());
        QTest::qWait(300); // a second message would be on its way within this
        const QList<Received> got = received(dir);
        QCOMPARE(got.size(), 1);
        QCOMPARE(got[0].mail[QLatin1String("message_id")].toString(),
                 QLatin1Char('<') + a.uid + QLatin1String("@netlens>"));
    }

    void ambiguousFailureResendIsRecognisable()
    {
        // The server takes the message and hangs up before its 250: not delivered as far as
        // the client knows, so it is sent again, as the same message (same Message-ID), which
        // the receiving side can drop as a duplicate.
        const quint16 port = freePort();
        const QString dir = newMailDir();
        Server server;
        QVERIFY(startServer(server, port, dir, QStringLiteral("plain"), false,
                            {QStringLiteral("--drop-after-data"), QStringLiteral("1")}));
        NotifySettings ns;
        ns.smtp = settingsFor(port, SmtpSettings::Security::Plain, false);
        ns.retryFirstMs = 200;
        AlertHub hub(m_tmp.filePath(QStringLiteral("ambiguous.db")), ns);
        QString error;
        QVERIFY(hub.open(error));
        QSignalSpy idle(&hub, &AlertHub::idle);
        const Alert a = sampleAlert(6);
        QVERIFY(hub.submit(a));
        QVERIFY(idle.wait(15000));
        QCOMPARE(hub.history().first().email, DeliveryStatus::Delivered);
        const QList<Received> got = received(dir);
        QCOMPARE(got.size(), 2);
        const QString id = QLatin1Char('<') + a.uid + QLatin1String("@netlens>");
        QCOMPARE(got[0].mail[QLatin1String("message_id")].toString(), id);
        QCOMPARE(got[1].mail[QLatin1String("message_id")].toString(), id);
        QCOMPARE(got[1].mail[QLatin1String("body")].toString(),
                 got[0].mail[QLatin1String("body")].toString());
    }

    void restartResumesAndDeliversOnce()
    {
        const quint16 port = freePort();
        const QString dir = newMailDir();
        const QString db = m_tmp.filePath(QStringLiteral("restart.db"));
        NotifySettings ns;
        ns.smtp = settingsFor(port, SmtpSettings::Security::Plain, false);
        ns.retryFirstMs = 200;
        ns.retryMaxMs = 400;
        const Alert a = alertWithSnippet(4);
        {
            AlertHub hub(db, ns);
            QString error;
            QVERIFY2(hub.open(error), qPrintable(error));
            QSignalSpy changes(&hub, &AlertHub::deliveryChanged);
            QVERIFY(hub.submit(a));
            QTRY_VERIFY_WITH_TIMEOUT(hub.history().first().email == DeliveryStatus::Retrying,
                                     10000);
        } // NetLens stops with the e-mail still owed
        {
            NotifyDatabase check(db);
            QString error;
            QVERIFY(check.open(error));
            const std::optional<Outbox::Item> row = Outbox(check).find(a.uid, Channel::Email);
            QVERIFY(row);
            QCOMPARE(row->status, Outbox::Status::Retrying);
            QVERIFY(row->attempts >= 1);
        }
        Server server;
        QVERIFY(startServer(server, port, dir, QStringLiteral("plain"), false));
        AlertHub hub(db, ns);
        QSignalSpy idle(&hub, &AlertHub::idle);
        QString error;
        QVERIFY2(hub.open(error), qPrintable(error));
        QVERIFY(!hub.isIdle());
        QVERIFY(idle.wait(15000));
        QCOMPARE(hub.history().first().email, DeliveryStatus::Delivered);
        QTest::qWait(300);
        const QList<Received> got = received(dir);
        QCOMPARE(got.size(), 1);
        QCOMPARE(got[0].mail[QLatin1String("message_id")].toString(),
                 QLatin1Char('<') + a.uid + QLatin1String("@netlens>"));
        QCOMPARE(got[0].mail[QLatin1String("attachments")].toArray().size(), 1);
    }

    void digestUnderRateLimit()
    {
        // One message a minute allowed and three alerts at once: one e-mail with all three.
        const quint16 port = freePort();
        const QString dir = newMailDir();
        Server server;
        QVERIFY(startServer(server, port, dir, QStringLiteral("plain"), false));
        NotifySettings ns;
        ns.smtp = settingsFor(port, SmtpSettings::Security::Plain, false);
        ns.maxPerMinute = 1;
        AlertHub hub(m_tmp.filePath(QStringLiteral("digest.db")), ns);
        QString error;
        QVERIFY(hub.open(error));
        QSignalSpy idle(&hub, &AlertHub::idle);
        QList<Alert> alerts;
        for (int i = 20; i < 23; ++i) {
            alerts << alertWithSnippet(i);
            QVERIFY(hub.submit(alerts.last()));
        }
        QVERIFY(idle.wait(15000));
        for (const AlertRecord &r : hub.history())
            QCOMPARE(r.email, DeliveryStatus::Delivered);
        const QList<Received> got = received(dir);
        QCOMPARE(got.size(), 1);
        const QJsonObject m = got[0].mail;
        QCOMPARE(m[QLatin1String("subject")].toString(),
                 QStringLiteral("[NetLens critical] 3 alerts"));
        QVERIFY(m[QLatin1String("message_id")].toString().startsWith(QLatin1String("<digest-")));
        for (const Alert &a : alerts)
            QVERIFY(m[QLatin1String("body")].toString().contains(a.summary));
        QCOMPARE(m[QLatin1String("attachments")].toArray().size(), 3);
    }

    void giveUpAfterEndsTheWait()
    {
        // The CLI's case: a dead server must not keep it waiting for a day.
        NotifySettings ns;
        ns.smtp = settingsFor(freePort(), SmtpSettings::Security::Plain, false);
        ns.retryFirstMs = 100;
        AlertHub hub(m_tmp.filePath(QStringLiteral("giveup.db")), ns);
        hub.setGiveUpAfter(1);
        QString error;
        QVERIFY(hub.open(error));
        QSignalSpy idle(&hub, &AlertHub::idle);
        QVERIFY(hub.submit(sampleAlert(5)));
        QVERIFY(idle.wait(10000));
        const AlertRecord r = hub.history().first();
        QCOMPARE(r.email, DeliveryStatus::Failed);
        QVERIFY2(r.deliveryError.contains(QLatin1String("gave up after 1 s")),
                 qPrintable(r.deliveryError));
    }

    void testEmailSignal()
    {
        const quint16 port = freePort();
        const QString dir = newMailDir();
        Server server;
        QVERIFY(startServer(server, port, dir, QStringLiteral("plain"), false));
        AlertHub hub(m_tmp.filePath(QStringLiteral("test.db")), NotifySettings{});
        QSignalSpy done(&hub, &AlertHub::testEmailDone);
        hub.sendTestEmail(settingsFor(port, SmtpSettings::Security::Plain, false));
        QVERIFY(done.wait(10000));
        QCOMPARE(done[0][0].toBool(), true);
        QTRY_COMPARE(filesIn(dir, QStringLiteral(".eml")).size(), 1);
        QCOMPARE(received(dir)[0].mail[QLatin1String("subject")].toString(),
                 QStringLiteral("NetLens test e-mail"));
    }
};

QTEST_GUILESS_MAIN(TestSmtpDelivery)
#include "tst_smtpdelivery.moc"
