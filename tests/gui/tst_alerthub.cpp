// SPDX-License-Identifier: GPL-3.0-or-later
// The window's alert hub (data/netlens.db) behind the alert panel: alerts are kept with their
// acknowledgement across a restart of the window, clear empties the history, and the
// settings' "Send test e-mail" reaches a real SMTP server (Debian's aiosmtpd, started here).
// Offscreen.
#include "alerts/alertfilterproxy.h"
#include "alerts/alertlistmodel.h"
#include "alerts/alertpanel.h"
#include "guitesthelpers.h"
#include "mainwindow/mainwindow.h"
#include "notify/alerthub.h"
#include "settings/notificationspage.h"
#include "settings/settingsdialog.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTcpServer>
#include <QTcpSocket>

using namespace netlens;
using namespace netlens::test;

namespace {
Alert alert(const QString &uid, Severity severity, const QString &summary)
{
    Alert a;
    a.uid = uid;
    a.ruleId = QStringLiteral("port-scan");
    a.kind = AlertKind::PortScan;
    a.severity = severity;
    a.key = QStringLiteral("10.0.0.5 -> 10.0.0.9");
    a.summary = summary;
    a.startNs = a.lastNs = 1'764'000'000'000'000'000;
    return a;
}

int freePort()
{
    QTcpServer s;
    return s.listen(QHostAddress::LocalHost, 0) ? s.serverPort() : 0;
}

bool accepts(int port)
{
    QTcpSocket s;
    s.connectToHost(QHostAddress::LocalHost, static_cast<quint16>(port));
    return s.waitForConnected(200);
}
} // namespace

class TestAlertHub final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { netlens::test::isolateSettings(); }

    void historyAndAcknowledgementSurviveARestart()
    {
        QTemporaryDir data;
        AppSettings settings;
        settings.dataDir = data.path();
        {
            MainWindow w(settings);
            QVERIFY(w.alertHub());
            AlertPanel *panel = w.alertPanel();
            QCOMPARE(panel->model()->rowCount(), 0);
            w.alertHub()->submit(
                alert(QStringLiteral("k1"), Severity::Critical, QStringLiteral("first")));
            w.alertHub()->submit(
                alert(QStringLiteral("k2"), Severity::Warning, QStringLiteral("second")));
            QVERIFY(waitFor([&] { return panel->model()->rowCount() == 2; }, 5000));
            const int row = panel->model()->rowOfUid(QStringLiteral("k1"));
            QVERIFY(panel->model()->record(row).id > 0); // the history's row id
            panel->view()->selectRow(
                panel->proxy()->mapFromSource(panel->model()->index(row, 0)).row());
            panel->acknowledgeSelected();
            QVERIFY(waitFor(
                [&] {
                    for (const AlertRecord &r : w.alertHub()->history())
                        if (r.alert.uid == QStringLiteral("k1"))
                            return r.acknowledged;
                    return false;
                },
                5000));
        }
        MainWindow again(settings);
        AlertPanel *panel = again.alertPanel();
        QCOMPARE(panel->model()->rowCount(), 2); // the history, shown at start
        QVERIFY(!panel->isHidden());             // with an unacknowledged one: up
        QVERIFY(
            panel->model()->record(panel->model()->rowOfUid(QStringLiteral("k1"))).acknowledged);
        QVERIFY(
            !panel->model()->record(panel->model()->rowOfUid(QStringLiteral("k2"))).acknowledged);
        QCOMPARE(panel->unacknowledgedCount(), 1);
        QCOMPARE(panel->windowTitle(), QStringLiteral("Alerts (1)"));

        panel->clearAlerts();
        QVERIFY(again.alertHub()->history().isEmpty());
    }

    void testEmailFromTheSettings()
    {
        const int port = freePort();
        QVERIFY(port > 0);
        QProcess server;
        server.setProcessChannelMode(QProcess::MergedChannels);
        // The message it prints must reach the pipe when it is taken, not when a block fills.
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("PYTHONUNBUFFERED"), QStringLiteral("1"));
        server.setProcessEnvironment(env);
        // Debian's python3-aiosmtpd: /usr/bin/python3, not whichever python3 is first on PATH.
        server.start(QStringLiteral("/usr/bin/python3"),
                     {QStringLiteral("-m"), QStringLiteral("aiosmtpd"), QStringLiteral("-n"),
                      QStringLiteral("-l"), QStringLiteral("127.0.0.1:%1").arg(port)});
        QVERIFY2(server.waitForStarted(), "python3-aiosmtpd is needed (deploy/setup-deps.sh)");
        QVERIFY2(waitFor([&] { return accepts(port); }, 15000), server.readAll().constData());

        QTemporaryDir data;
        AppSettings settings;
        settings.dataDir = data.path();
        MainWindow w(settings);
        QVERIFY(w.alertHub());
        SettingsDialog dialog(w.settings(), w.secrets(), &w);
        w.connectTestEmail(dialog);
        NotificationsPage *page = dialog.notificationsPage();
        // The page as a user fills it: server, port, no TLS (a local relay), from, to.
        page->hostEdit()->setText(QStringLiteral("127.0.0.1"));
        page->securityCombo()->setCurrentIndex(
            page->securityCombo()->findData(int(SmtpSettings::Security::Plain)));
        page->portSpin()->setValue(port);
        page->fromEdit()->setText(QStringLiteral("netlens@example.org"));
        page->toEdit()->setText(QStringLiteral("ops@example.org"));
        const SmtpSettings smtp = page->smtpSettings();
        QCOMPARE(smtp.host, QStringLiteral("127.0.0.1"));
        QCOMPARE(smtp.port, port);
        QCOMPARE(smtp.security, SmtpSettings::Security::Plain);
        QCOMPARE(smtp.to, QStringList{QStringLiteral("ops@example.org")});

        page->testButton()->click();
        QVERIFY(!page->testButton()->isEnabled()); // while it is sent
        QVERIFY2(waitFor([&] { return page->testButton()->isEnabled(); }, 30000),
                 qPrintable(page->testResultLabel()->text()));
        QVERIFY2(page->testResultLabel()->text().startsWith(QStringLiteral("Sent")),
                 qPrintable(page->testResultLabel()->text()));
        // The server printed the message it took (aiosmtpd's Debugging handler).
        QVERIFY(
            waitFor([&] { return server.bytesAvailable() > 0 || server.waitForReadyRead(100); }));
        QByteArray log = server.readAll();
        waitFor(
            [&] {
                log += server.readAll();
                return log.contains("ops@example.org");
            },
            5000);
        QVERIFY2(log.contains("ops@example.org"), log.constData());

        // The server gone: the failure is named next to the button.
        server.kill();
        server.waitForFinished();
        page->testButton()->click();
        QVERIFY(waitFor([&] { return page->testButton()->isEnabled(); }, 30000));
        QVERIFY2(page->testResultLabel()->text().startsWith(QStringLiteral("Failed")),
                 qPrintable(page->testResultLabel()->text()));
        QVERIFY2(page->testResultLabel()->text().contains(QString::number(port)),
                 qPrintable(page->testResultLabel()->text()));
    }
};

QTEST_MAIN(TestAlertHub)
#include "tst_alerthub.moc"
