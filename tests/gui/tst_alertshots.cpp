// SPDX-License-Identifier: GPL-3.0-or-later
// Screenshots of the alert panel in the window, in English and in Chinese, under Xvfb: a
// capture loaded, alerts about its hosts with their delivery states, one shown with "Show
// packets"; and the settings' Notifications page. Into <build>/screenshots for the README.
#include "alerts/alertlistmodel.h"
#include "alerts/alertpanel.h"
#include "engine/displayexpression.h"
#include "engine/engine.h"
#include "guitesthelpers.h"
#include "mainwindow/mainwindow.h"
#include "packets/packettablemodel.h"
#include "session/capturesession.h"
#include "settings/settingsdialog.h"
#include "store/packetstore.h"

#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTranslator>

using namespace netlens;
using namespace netlens::test;

namespace {
QString savePath(const QString &name)
{
    QDir().mkpath(QStringLiteral(NETLENS_SCREENSHOT_DIR));
    return QStringLiteral(NETLENS_SCREENSHOT_DIR "/") + name + QStringLiteral(".png");
}

/// Alerts about the capture's own hosts and times, as the engine would word them.
QList<AlertRecord> alertsFor(const CaptureSession &s, const PacketTableModel &m)
{
    const PacketStore &store = s.engine().store();
    const std::int64_t t0 = store.at(store.firstRow()).tsNs;
    const std::int64_t t1 = store.at(store.size() - 1).tsNs;
    // The first HTTP packet's hosts (the capture's busiest pair).
    int row = 0;
    while (row + 1 < m.rowCount() &&
           m.index(row, PacketTableModel::Protocol).data().toString() != QStringLiteral("HTTP"))
        ++row;
    const QString a = m.index(row, PacketTableModel::Source).data().toString();
    const QString b = m.index(row, PacketTableModel::Destination).data().toString();
    const auto make = [&](const char *uid, AlertKind kind, Severity sev, const QString &key,
                          const QString &summary, std::int64_t start, const QString &filter) {
        AlertRecord r;
        r.alert.uid = QString::fromLatin1(uid);
        r.alert.kind = kind;
        r.alert.severity = sev;
        r.alert.key = key;
        r.alert.summary = summary;
        r.alert.startNs = r.alert.lastNs = start;
        r.alert.displayFilter = filter;
        return r;
    };
    const QString span = QString::fromStdString(DisplayExpression::timeTerm(t0, t1 + 1));
    QList<AlertRecord> out;
    out << make("shot-1", AlertKind::SynFlood, Severity::Critical, b,
                QStringLiteral("SYN flood: 3,120 SYNs without a handshake to %1 in 10 s").arg(b),
                t1, QStringLiteral("dst host %1 and %2").arg(b, span));
    out.last().email = DeliveryStatus::Retrying;
    out.last().webhook = DeliveryStatus::Delivered;
    out.last().deliveryError = QStringLiteral("smtp.example.org:587: connection refused");
    out << make("shot-2", AlertKind::PortScan, Severity::Warning,
                QStringLiteral("%1 -> %2").arg(a, b),
                QStringLiteral("Port scan: %1 reached 212 ports on %2").arg(a, b), (t0 + t1) / 2,
                QStringLiteral("host %1 and host %2 and %3").arg(a, b, span));
    out.last().email = DeliveryStatus::Delivered;
    out.last().webhook = DeliveryStatus::Delivered;
    out << make("shot-3", AlertKind::NewHost, Severity::Info, a,
                QStringLiteral("New host %1 after the learning period").arg(a), t0,
                QStringLiteral("host %1 and %2").arg(a, span));
    out.last().acknowledged = true;
    out.last().email = DeliveryStatus::Suppressed;
    out.last().webhook = DeliveryStatus::Suppressed;
    return out;
}
} // namespace

class TestAlertShots final : public QObject {
    Q_OBJECT

private:
    void shoot(const QString &suffix)
    {
        QTemporaryDir data; // its own alert history and rules: none yet
        AppSettings settings;
        settings.dataDir = data.path();
        MainWindow w{settings};
        w.resize(1366, 768);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QSignalSpy done(&w, &MainWindow::sessionFinished);
        w.openFiles({corpus(QStringLiteral("zeek__wikipedia.pcap"))});
        QVERIFY(done.wait(30000));
        AlertPanel *panel = w.alertPanel();
        QVERIFY(panel->isHidden()); // nothing to show yet
        const QList<AlertRecord> records = alertsFor(*w.session(), *w.packetModel());
        for (auto it = records.crbegin(); it != records.crend(); ++it)
            panel->updateRecord(*it);
        QVERIFY(panel->isVisible()); // came up with the first new alert
        QCOMPARE(panel->model()->rowCount(), 3);
        QCOMPARE(panel->unacknowledgedCount(), 2);
        const int total = w.packetModel()->rowCount();
        panel->view()->selectRow(1);
        QSignalSpy applied(&w, &MainWindow::displayFilterApplied);
        panel->showPackets();
        QVERIFY(waitFor([&] { return applied.size() > 0; }));
        QVERIFY(w.packetModel()->rowCount() > 0 && w.packetModel()->rowCount() < total);
        QTest::qWait(300);
        const QImage img = w.grab().toImage();
        const QString path = savePath(QStringLiteral("alerts-") + suffix);
        QVERIFY(img.save(path));
        qInfo("saved %s", qPrintable(path));

        SettingsDialog dialog(w.settings(), w.secrets(), &w);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *tabs = dialog.findChild<QTabWidget *>(QStringLiteral("tabs"));
        QVERIFY(tabs);
        for (int i = 1; i < tabs->count(); ++i) {
            tabs->setCurrentIndex(i);
            QTest::qWait(200);
            // netlens::RuleEditor -> settings-ruleeditor, NotificationsPage -> ...
            const QString page = QString::fromLatin1(tabs->widget(i)->metaObject()->className())
                                     .section(QStringLiteral("::"), -1)
                                     .toLower();
            const QString name = QStringLiteral("settings-%1-%2").arg(page, suffix);
            QVERIFY(dialog.grab().save(savePath(name)));
            qInfo("saved %s", qPrintable(savePath(name)));
        }
    }

private Q_SLOTS:
    void initTestCase() { netlens::test::isolateSettings(); }

    void english() { shoot(QStringLiteral("en")); }

    void chinese()
    {
        QTranslator tr;
        QVERIFY(tr.load(QStringLiteral("netlens_zh_CN"), QStringLiteral(NETLENS_QM_DIR)));
        QCoreApplication::installTranslator(&tr);
        shoot(QStringLiteral("zh_CN"));
        QCoreApplication::removeTranslator(&tr);
    }
};

QTEST_MAIN(TestAlertShots)
#include "tst_alertshots.moc"
