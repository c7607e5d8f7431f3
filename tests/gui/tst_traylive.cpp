// SPDX-License-Identifier: GPL-3.0-or-later
// The tray on a real desktop: run by run-traylive.sh under Xvfb with a real tray host
// (trayer) and a real notification daemon (dunst) on a private session bus. The icon is
// embedded in the tray, alerts at or above the severity filter reach dunst once each (as
// dunstctl counts them), closing the window keeps NetLens in the tray and says so once, and
// a screenshot of the whole screen is saved for a person to look at.
#include "alerts/alertpanel.h"
#include "guitesthelpers.h"
#include "mainwindow/mainwindow.h"
#include "scancapture.h"
#include "settings/appsettings.h"
#include "tray/traycontroller.h"

#include <QDir>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScreen>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QSystemTrayIcon>

using namespace netlens;
using namespace netlens::test;

namespace {
int dunstDisplayed()
{
    bool ok = false;
    const QByteArray out = run(QStringLiteral("dunstctl"),
                               {QStringLiteral("count"), QStringLiteral("displayed")}, &ok);
    return ok ? out.trimmed().toInt() : -1;
}

/// The summaries of the notifications dunst keeps in its history (closed ones).
QStringList dunstHistory()
{
    const QByteArray out = run(QStringLiteral("dunstctl"), {QStringLiteral("history")});
    QStringList summaries;
    const QJsonObject doc = QJsonDocument::fromJson(out).object();
    for (const auto &group : doc.value(QStringLiteral("data")).toArray())
        for (const auto &n : group.toArray())
            summaries << n.toObject()
                             .value(QStringLiteral("summary"))
                             .toObject()
                             .value(QStringLiteral("data"))
                             .toString();
    return summaries;
}

Alert alert(const QString &uid, Severity severity, const QString &summary)
{
    Alert a;
    a.uid = uid;
    a.kind = AlertKind::PortScan;
    a.severity = severity;
    a.key = QStringLiteral("10.0.0.5 -> 10.0.0.9");
    a.summary = summary;
    a.startNs = a.lastNs = 1'764'000'000'000'000'000;
    return a;
}
} // namespace

class TestTrayLive final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        netlens::test::isolateSettings();
        QVERIFY2(qEnvironmentVariableIsSet("DISPLAY"), "run through run-traylive.sh");
        // trayer takes a moment to claim the tray selection.
        QVERIFY2(waitFor([] { return QSystemTrayIcon::isSystemTrayAvailable(); }, 10000),
                 "no system tray: is trayer running?");
        QVERIFY(dunstDisplayed() >= 0);
    }

    void trayNotificationsAndCloseToTray()
    {
        QTemporaryDir data; // its own alert history and rules
        AppSettings settings = AppSettings::load();
        settings.dataDir = data.path();
        MainWindow w(settings);
        w.resize(900, 600);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        TrayController *tray = w.tray();
        QVERIFY(tray->isInTray());
        QVERIFY(!tray->trayIcon()->icon().isNull());
        // Embedded: the tray host gave the icon a place on the screen.
        QVERIFY(waitFor([&] { return tray->trayIcon()->geometry().isValid(); }, 10000));
        const QRect iconRect = tray->trayIcon()->geometry();
        qInfo("tray icon at %d,%d %dx%d", iconRect.x(), iconRect.y(), iconRect.width(),
              iconRect.height());
        QCOMPARE(tray->state(), TrayController::State::Idle);
        QCOMPARE(tray->route(), TrayController::Route::DBus);

        // The live rate in the tooltip.
        tray->setCapturing(true);
        tray->setRate(1234, 5'000'000);
        QCOMPARE(tray->state(), TrayController::State::Capturing);
        QVERIFY2(tray->trayIcon()->toolTip().contains(QStringLiteral("1234 pkt/s")),
                 qPrintable(tray->trayIcon()->toolTip()));
        QVERIFY(tray->trayIcon()->toolTip().contains(QStringLiteral("40.00 Mbit/s")));

        // Alerts: below the filter nothing; each at or above it once.
        const int before = dunstDisplayed();
        tray->setMinSeverity(Severity::Warning);
        QSignalSpy shown(tray, &TrayController::notificationShown);
        const QList<Alert> alerts{
            alert(QStringLiteral("u-info"), Severity::Info, QStringLiteral("Info, not shown")),
            alert(QStringLiteral("u-warn"), Severity::Warning,
                  QStringLiteral("Port scan: 10.0.0.5 reached 120 ports on 10.0.0.9")),
            alert(QStringLiteral("u-crit"), Severity::Critical,
                  QStringLiteral("SYN flood: 4000 SYNs/s to 10.0.0.9"))};
        QCOMPARE(tray->notifyAlerts(alerts), 2);
        QCOMPARE(tray->notifyAlerts(alerts), 0); // the same uids again: not news
        QVERIFY(waitFor([&] { return shown.size() == 2; }, 10000));
        QVERIFY(waitFor([&] { return dunstDisplayed() == before + 2; }, 10000));
        w.alertPanel()->addAlerts(alerts);
        QCOMPARE(tray->state(), TrayController::State::Alert);

        // The screen as it is now: the window, the tray with its icon, dunst's two bubbles.
        QTest::qWait(300); // let dunst and trayer paint (nothing to wait for on their side)
        const QPixmap screen = QGuiApplication::primaryScreen()->grabWindow(0);
        QVERIFY(!screen.isNull());
        QDir().mkpath(QStringLiteral(NETLENS_SCREENSHOT_DIR));
        const QString shot = QStringLiteral(NETLENS_SCREENSHOT_DIR "/tray-notifications.png");
        QVERIFY(screen.save(shot));
        qInfo("screenshot: %s", qPrintable(shot));
        // The tray itself, four times as large, to see the icon's alert state.
        const QRect around = tray->trayIcon()->geometry().adjusted(-60, -8, 8, 8) & screen.rect();
        QVERIFY(screen.copy(around)
                    .scaled(around.size() * 4)
                    .save(QStringLiteral(NETLENS_SCREENSHOT_DIR "/tray-icon.png")));

        run(QStringLiteral("dunstctl"), {QStringLiteral("close-all")});
        QVERIFY(waitFor([] { return dunstDisplayed() == 0; }, 10000));
        const QStringList history = dunstHistory();
        QVERIFY2(history.contains(QStringLiteral("NetLens Warning: Port scan")),
                 qPrintable(history.join(QStringLiteral(" | "))));
        QVERIFY(history.contains(QStringLiteral("NetLens Critical: Port scan")));
        QVERIFY(!history.join(QLatin1Char('\n')).contains(QStringLiteral("Info")));

        // Closing keeps NetLens in the tray and says so, once.
        QVERIFY(!w.settings().trayNoticeShown);
        w.close();
        QVERIFY(!w.isVisible());
        QVERIFY(w.settings().trayNoticeShown);
        QVERIFY(AppSettings::load().trayNoticeShown); // remembered across runs
        QVERIFY(waitFor([&] { return shown.size() == 3; }, 10000));
        QVERIFY(waitFor([] { return dunstDisplayed() == 1; }, 10000));
        run(QStringLiteral("dunstctl"), {QStringLiteral("close-all")});
        QVERIFY(dunstHistory().contains(QStringLiteral("NetLens keeps running")));
        Q_EMIT tray->showHideRequested(); // the tray's Show
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.close();
        QVERIFY(!w.isVisible());
        QTest::qWait(500);
        QCOMPARE(shown.size(), 3); // not said again
        Q_EMIT tray->showHideRequested();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.quit(); // the menu's Quit closes for real
        QVERIFY(!w.isVisible());
    }

    /// The whole way: a capture with a scan opened in the window, the engine's alert reaches
    /// dunst through the window, once.
    void engineAlertBecomesANotification()
    {
        QTemporaryDir data;
        const QString pcap = data.filePath(QStringLiteral("scan.pcap"));
        QVERIFY(writeScanCapture(pcap));
        AppSettings settings = AppSettings::load();
        settings.dataDir = data.path();
        settings.trayMinSeverity = Severity::Warning;
        MainWindow w(settings);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        run(QStringLiteral("dunstctl"), {QStringLiteral("close-all")});
        QVERIFY(waitFor([] { return dunstDisplayed() == 0; }, 5000));
        const QString title = QStringLiteral("NetLens Warning: Port scan");
        const qsizetype before = dunstHistory().count(title); // the earlier test's
        QSignalSpy shown(w.tray(), &TrayController::notificationShown);
        QSignalSpy done(&w, &MainWindow::sessionFinished);
        w.openFiles({pcap});
        QVERIFY(done.wait(60000));
        QVERIFY(waitFor([&] { return shown.size() >= 1; }, 10000));
        QVERIFY(waitFor([] { return dunstDisplayed() >= 1; }, 10000));
        QCOMPARE(w.tray()->state(), TrayController::State::Alert);
        run(QStringLiteral("dunstctl"), {QStringLiteral("close-all")});
        const QStringList history = dunstHistory();
        QVERIFY2(history.count(title) == before + 1,
                 qPrintable(history.join(QStringLiteral(" | "))));
        QCOMPARE(shown.size(), 1); // the scan, told once
        w.quit();
    }
};

QTEST_MAIN(TestTrayLive)
#include "tst_traylive.moc"
