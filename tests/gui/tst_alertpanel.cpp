// SPDX-License-Identifier: GPL-3.0-or-later
// The alert panel in the window: it lists alerts by uid, acknowledges, filters and exports
// them, and "Show packets" narrows the packet table to an alert's traffic (checked against
// the core's own display filter over the same capture). Offscreen.
#include "alerts/alertfilterproxy.h"
#include "alerts/alertlistmodel.h"
#include "alerts/alertpanel.h"
#include "engine/displayexpression.h"
#include "engine/displayfilter.h"
#include "engine/engine.h"
#include "guitesthelpers.h"
#include "mainwindow/bpflineedit.h"
#include "mainwindow/mainwindow.h"
#include "packets/packetpane.h"
#include "packets/packettablemodel.h"
#include "scancapture.h"
#include "session/capturesession.h"
#include "store/packetstore.h"

#include <QAction>
#include <QComboBox>
#include <QDataStream>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <cstring>

using namespace netlens;
using namespace netlens::test;

namespace {
Alert makeAlert(const QString &uid, AlertKind kind, Severity severity, const QString &key,
                const QString &summary, std::int64_t startNs = 1'700'000'000'000'000'000)
{
    Alert a;
    a.uid = uid;
    a.ruleId = alertKindName(kind);
    a.kind = kind;
    a.severity = severity;
    a.key = key;
    a.summary = summary;
    a.startNs = a.lastNs = startNs;
    return a;
}

/// Rows the panel's view shows, as uids in view order.
QStringList shownUids(const AlertPanel &p)
{
    QStringList out;
    for (int r = 0; r < p.proxy()->rowCount(); ++r)
        out << p.proxy()->index(r, 0).data(AlertListModel::UidRole).toString();
    return out;
}

void selectRow(AlertPanel &p, int viewRow)
{
    p.view()->selectionModel()->select(p.proxy()->index(viewRow, 0),
                                       QItemSelectionModel::ClearAndSelect |
                                           QItemSelectionModel::Rows);
}
} // namespace

class TestAlertPanel final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { netlens::test::isolateSettings(); }

    void listsUpdatesAcknowledgesAndFilters()
    {
        AlertPanel panel;
        QSignalSpy acked(&panel, &AlertPanel::acknowledged);
        panel.addAlerts(
            {makeAlert(QStringLiteral("a1"), AlertKind::PortScan, Severity::Warning,
                       QStringLiteral("10.0.0.5 -> 10.0.0.9"),
                       QStringLiteral("Port scan: 10.0.0.5 reached 120 ports")),
             makeAlert(QStringLiteral("a2"), AlertKind::SynFlood, Severity::Critical,
                       QStringLiteral("10.0.0.9"), QStringLiteral("SYN flood on 10.0.0.9"))});
        QCOMPARE(panel.model()->rowCount(), 2);
        QCOMPARE(shownUids(panel), (QStringList{QStringLiteral("a2"), QStringLiteral("a1")}));
        QCOMPARE(panel.unacknowledgedCount(), 2);
        QCOMPARE(panel.windowTitle(), QStringLiteral("Alerts (2)"));

        // The same uid again: its row changes, no new row.
        Alert released = makeAlert(QStringLiteral("a1"), AlertKind::PortScan, Severity::Warning,
                                   QStringLiteral("10.0.0.5 -> 10.0.0.9"),
                                   QStringLiteral("Port scan: 10.0.0.5 reached 300 ports"));
        released.state = Alert::State::Released;
        released.endNs = released.startNs + 5'000'000'000;
        panel.addAlerts({released, makeAlert(QStringLiteral("a3"), AlertKind::NewHost,
                                             Severity::Info, QStringLiteral("192.168.1.77"),
                                             QStringLiteral("New host 192.168.1.77"))});
        QCOMPARE(panel.model()->rowCount(), 3);
        const int a1 = panel.model()->rowOfUid(QStringLiteral("a1"));
        QVERIFY(panel.model()
                    ->index(a1, AlertListModel::Summary)
                    .data()
                    .toString()
                    .contains(QStringLiteral("300 ports")));
        QCOMPARE(panel.model()->index(a1, AlertListModel::Type).data().toString(),
                 QStringLiteral("Port scan"));
        QCOMPARE(panel.model()->index(a1, AlertListModel::Severity).data().toString(),
                 QStringLiteral("Warning"));
        QVERIFY(!panel.model()
                     ->index(a1, AlertListModel::Severity)
                     .data(Qt::DecorationRole)
                     .value<QIcon>()
                     .isNull());

        // Delivery state per channel.
        panel.setDelivery(QStringLiteral("a2"), Channel::Email, DeliveryStatus::Delivered, {});
        panel.setDelivery(QStringLiteral("a2"), Channel::Webhook, DeliveryStatus::Failed,
                          QStringLiteral("hooks.example:443: 500"));
        const int a2 = panel.model()->rowOfUid(QStringLiteral("a2"));
        QCOMPARE(panel.model()->index(a2, AlertListModel::Email).data().toString(),
                 QStringLiteral("Delivered"));
        QCOMPARE(panel.model()->index(a2, AlertListModel::Webhook).data().toString(),
                 QStringLiteral("Failed"));
        QCOMPARE(panel.model()->index(a2, AlertListModel::Webhook).data(Qt::ToolTipRole).toString(),
                 QStringLiteral("hooks.example:443: 500"));

        // Filters: words, then severity.
        panel.filterEdit()->setText(QStringLiteral("10.0.0.9"));
        QCOMPARE(shownUids(panel), (QStringList{QStringLiteral("a2"), QStringLiteral("a1")}));
        panel.filterEdit()->setText(QStringLiteral("syn 10.0.0.9"));
        QCOMPARE(shownUids(panel), QStringList{QStringLiteral("a2")});
        panel.filterEdit()->clear();
        panel.severityCombo()->setCurrentIndex(
            panel.severityCombo()->findData(int(Severity::Warning)));
        QCOMPARE(shownUids(panel), (QStringList{QStringLiteral("a2"), QStringLiteral("a1")}));
        panel.severityCombo()->setCurrentIndex(
            panel.severityCombo()->findData(int(Severity::Critical)));
        QCOMPARE(shownUids(panel), QStringList{QStringLiteral("a2")});
        panel.severityCombo()->setCurrentIndex(0);
        QCOMPARE(panel.proxy()->rowCount(), 3);

        // Acknowledge the selected row, then all.
        selectRow(panel, shownUids(panel).indexOf(QStringLiteral("a3")));
        panel.acknowledgeSelected();
        QCOMPARE(acked.size(), 1);
        const auto first = acked.at(0).at(0).value<QList<AlertRecord>>();
        QCOMPARE(first.size(), 1);
        QCOMPARE(first.at(0).alert.uid, QStringLiteral("a3"));
        QCOMPARE(panel.unacknowledgedCount(), 2);
        QCOMPARE(panel.windowTitle(), QStringLiteral("Alerts (2)"));
        panel.acknowledgeAll();
        QCOMPARE(acked.size(), 2);
        QCOMPARE(acked.at(1).at(0).value<QList<AlertRecord>>().size(), 2);
        QCOMPARE(panel.unacknowledgedCount(), 0);
        QCOMPARE(panel.windowTitle(), QStringLiteral("Alerts"));

        // CSV of the rows shown.
        QTemporaryDir dir;
        panel.severityCombo()->setCurrentIndex(
            panel.severityCombo()->findData(int(Severity::Warning)));
        QString error;
        const QString csv = dir.filePath(QStringLiteral("alerts.csv"));
        QVERIFY2(panel.exportCsv(csv, error), qPrintable(error));
        QFile f(csv);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = f.readAll().split('\n');
        QCOMPARE(lines.size(), 4); // header, two rows, the empty piece after the last CRLF
        QVERIFY(lines.at(0).startsWith("time,severity,type,key,summary,state"));
        QVERIFY(lines.at(1).contains(",critical,syn_flood,10.0.0.9,"));
        QVERIFY(lines.at(2).contains(",warning,port_scan,10.0.0.5 -> 10.0.0.9,"));
        QVERIFY(lines.at(2).contains(",released,"));
        QVERIFY(!panel.exportCsv(dir.filePath(QStringLiteral("no/such/dir/a.csv")), error));
        QVERIFY(error.contains(QStringLiteral("a.csv")));

        QSignalSpy cleared(&panel, &AlertPanel::cleared);
        panel.clearAlerts();
        QCOMPARE(cleared.size(), 1);
        QCOMPARE(panel.model()->rowCount(), 0);
    }

    void historyRecordsKeepTheirMarks()
    {
        AlertPanel panel;
        AlertRecord old;
        old.id = 7;
        old.alert = makeAlert(QStringLiteral("h1"), AlertKind::Blacklist, Severity::Critical,
                              QStringLiteral("203.0.113.9"), QStringLiteral("Blacklisted"));
        old.acknowledged = true;
        old.email = DeliveryStatus::Delivered;
        AlertRecord open = old;
        open.id = 8;
        open.alert.uid = QStringLiteral("h2");
        open.acknowledged = false;
        panel.setRecords({open, old});
        QCOMPARE(panel.model()->rowCount(), 2);
        QCOMPARE(panel.unacknowledgedCount(), 1);
        // An alert the session brings again keeps the history's id and marks.
        Alert again = old.alert;
        again.summary = QStringLiteral("Blacklisted, still");
        panel.addAlerts({again});
        QCOMPARE(panel.model()->rowCount(), 2);
        const AlertRecord &r = panel.model()->record(panel.model()->rowOfUid(QStringLiteral("h1")));
        QCOMPARE(r.id, qint64(7));
        QVERIFY(r.acknowledged);
        QCOMPARE(r.email, DeliveryStatus::Delivered);
        QCOMPARE(r.alert.summary, QStringLiteral("Blacklisted, still"));
    }

    void showPacketsNarrowsTheTable()
    {
        QTemporaryDir data; // its own alert history and rules
        AppSettings settings;
        settings.dataDir = data.path();
        MainWindow w(settings);
        QSignalSpy done(&w, &MainWindow::sessionFinished);
        w.openFiles({corpus(QStringLiteral("zeek__wikipedia.pcap"))});
        QVERIFY(done.wait(60000));
        CaptureSession *s = w.session();
        const PacketStore &store = s->engine().store();
        const std::size_t total = store.size();
        QVERIFY(total > 100);

        // An alert about the host of the middle packet, over a third of the capture's span
        // around that packet.
        const std::int64_t t0 = store.at(store.firstRow()).tsNs;
        const std::int64_t t1 = store.at(total - 1).tsNs;
        const int middle = static_cast<int>(total / 2);
        const std::int64_t from = store.at(static_cast<std::size_t>(middle)).tsNs - (t1 - t0) / 6;
        const std::int64_t to = store.at(static_cast<std::size_t>(middle)).tsNs + (t1 - t0) / 6;
        const QString host =
            w.packetModel()->index(middle, PacketTableModel::Source).data().toString();
        QVERIFY(!host.isEmpty());
        qInfo("alert filter: host %s over [%lld, %lld) ns of [%lld, %lld]", qPrintable(host),
              static_cast<long long>(from), static_cast<long long>(to), static_cast<long long>(t0),
              static_cast<long long>(t1));
        const QString filter =
            QStringLiteral("host %1 and %2")
                .arg(host, QString::fromStdString(DisplayExpression::timeTerm(from, to)));
        const DisplayFilter::Result expected = DisplayFilter::run(
            s->engine(), s->filePaths(), filter.toStdString(), store.firstRow(), total, nullptr);
        QVERIFY2(expected.ok, expected.error.c_str());
        QVERIFY(!expected.rows.empty());
        QVERIFY(expected.rows.size() < total);
        qInfo("%zu of %zu packets match", expected.rows.size(), total);

        Alert a = makeAlert(QStringLiteral("s1"), AlertKind::Threshold, Severity::Warning, host,
                            QStringLiteral("Traffic of %1").arg(host), from);
        a.displayFilter = filter;
        AlertPanel *panel = w.alertPanel();
        panel->addAlerts({a});
        QVERIFY(w.findChild<QDockWidget *>(QStringLiteral("alertsDock")) == panel);
        selectRow(*panel, 0);
        QSignalSpy applied(&w, &MainWindow::displayFilterApplied);
        panel->showPacketsAction()->trigger();
        QVERIFY(applied.wait(30000));
        QCOMPARE(w.displayFilterEdit()->text(), filter);
        QCOMPARE(static_cast<std::size_t>(w.packetModel()->rowCount()), expected.rows.size());
        for (int r = 0; r < w.packetModel()->rowCount(); ++r)
            QCOMPARE(static_cast<RowId>(w.packetModel()->storeRow(r)), expected.rows[r]);

        // Double-click does the same, after the filter was cleared.
        // (Clearing may finish at once, before a wait would start.)
        applied.clear();
        w.applyDisplayFilter({});
        QVERIFY(waitFor([&] { return applied.size() > 0; }));
        QCOMPARE(static_cast<std::size_t>(w.packetModel()->rowCount()), total);
        applied.clear();
        Q_EMIT panel->view()->doubleClicked(panel->proxy()->index(0, AlertListModel::Summary));
        QVERIFY(waitFor([&] { return applied.size() > 0; }));
        QCOMPARE(static_cast<std::size_t>(w.packetModel()->rowCount()), expected.rows.size());
    }

    void engineAlertsReachThePanel()
    {
        QTemporaryDir data;
        const QString pcap = data.filePath(QStringLiteral("scan.pcap"));
        QVERIFY(writeScanCapture(pcap));

        AppSettings settings;
        settings.dataDir = data.path();
        MainWindow w(settings);
        QSignalSpy done(&w, &MainWindow::sessionFinished);
        w.openFiles({pcap});
        QVERIFY(done.wait(60000));
        AlertPanel *panel = w.alertPanel();
        QVERIFY(waitFor([&] { return panel->model()->rowCount() > 0; }, 10000));
        int scanRow = -1;
        for (int r = 0; r < panel->model()->rowCount(); ++r)
            if (panel->model()->record(r).alert.kind == AlertKind::PortScan)
                scanRow = r;
        QVERIFY2(scanRow >= 0, "no port scan alert");
        const Alert scan = panel->model()->record(scanRow).alert;
        QVERIFY2(scan.key.contains(QStringLiteral("10.0.0.5")), qPrintable(scan.key));
        QVERIFY(!scan.displayFilter.isEmpty());
        QVERIFY(!panel->isHidden()); // came up with the alert (the window itself is not shown)

        CaptureSession *s = w.session();
        const PacketStore &store = s->engine().store();
        const DisplayFilter::Result expected =
            DisplayFilter::run(s->engine(), s->filePaths(), scan.displayFilter.toStdString(),
                               store.firstRow(), store.size(), nullptr);
        QVERIFY2(expected.ok, expected.error.c_str());
        QVERIFY(!expected.rows.empty());
        QVERIFY(expected.rows.size() <= 300); // the scan's packets, not the calm pair's
        const int proxyRow = static_cast<int>(
            panel->proxy()->mapFromSource(panel->model()->index(scanRow, 0)).row());
        selectRow(*panel, proxyRow);
        QSignalSpy applied(&w, &MainWindow::displayFilterApplied);
        panel->showPackets();
        QVERIFY(waitFor([&] { return applied.size() > 0; }));
        QCOMPARE(static_cast<std::size_t>(w.packetModel()->rowCount()), expected.rows.size());
    }
};

QTEST_MAIN(TestAlertPanel)
#include "tst_alertpanel.moc"
