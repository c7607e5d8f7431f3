// SPDX-License-Identifier: GPL-3.0-or-later
// End-to-end tests of the dashboard through the real main window on real captures: a click
// on a pie slice, a top-talker bar or a time span becomes the display filter, and the packet
// table then shows exactly the packets the chart counted (checked against the snapshot, the
// store's own records, tcpdump and tshark). And the dashboard fills while a big file loads.
#include "charts/dashboardview.h"
#include "charts/protocolpiechart.h"
#include "charts/toptalkerschart.h"
#include "charts/trafficchart.h"
#include "engine/displayexpression.h"
#include "engine/engine.h"
#include "guitesthelpers.h"
#include "mainwindow/bpflineedit.h"
#include "mainwindow/mainwindow.h"
#include "packets/packettablemodel.h"
#include "session/capturesession.h"
#include "store/packetrecord.h"
#include "store/packetstore.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <algorithm>

using namespace netlens;
using namespace netlens::test;

namespace {
// The small capture the other GUI tests use, and a bigger one with more hosts and protocols.
const QString kSmall = QStringLiteral("zeek__wikipedia.pcap");
const QString kBig = QStringLiteral("pcapplusplus__example.pcap");

bool loadAndWait(MainWindow &w, const QStringList &files)
{
    QSignalSpy done(&w, &MainWindow::sessionFinished);
    w.openFiles(files);
    return done.wait(120000) || done.count() > 0;
}

/// Runs `click` (a chart's test hook) and waits until the display filter it asked for has run.
bool clickAndWait(MainWindow &w, const std::function<void()> &click)
{
    QSignalSpy applied(&w, &MainWindow::displayFilterApplied);
    click();
    return (applied.count() > 0 || applied.wait(60000)) && !w.isFiltering();
}

/// Lines tcpdump prints for `filter` on `file` (one per packet with -q; no continuation lines).
int tcpdumpCount(const QString &file, const QString &filter, bool *ok)
{
    const QByteArray out = run(
        QStringLiteral("tcpdump"),
        {QStringLiteral("-n"), QStringLiteral("-q"), QStringLiteral("-r"), corpus(file), filter},
        ok);
    return static_cast<int>(out.count('\n'));
}

int tsharkCount(const QString &file, const QString &filter, bool *ok)
{
    const QByteArray out =
        run(QStringLiteral("tshark"),
            {QStringLiteral("-n"), QStringLiteral("-r"), corpus(file), QStringLiteral("-Y"), filter,
             QStringLiteral("-T"), QStringLiteral("fields"), QStringLiteral("-e"),
             QStringLiteral("frame.number")},
            ok);
    return static_cast<int>(out.count('\n'));
}

int sliceIndex(const ProtocolPieChart *pie, const QString &name)
{
    const auto slices = pie->slices();
    for (int i = 0; i < slices.size(); ++i)
        if (!slices[i].other && slices[i].name == name)
            return i;
    return -1;
}
} // namespace

class TestDashboard final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { netlens::test::isolateSettings(); }

    void pieSliceFiltersTable_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<bool>("transport");
        QTest::addColumn<QString>("slice");
        QTest::addColumn<QString>("expression");
        // What tcpdump should find for the same packets ("": no BPF says the same thing).
        QTest::addColumn<QString>("bpf");
        // clang-format off
        QTest::newRow("small DNS") << kSmall << false << "DNS" << "protocol DNS" << "port 53";
        QTest::newRow("small TCP") << kSmall << true << "TCP" << "transport TCP" << "tcp";
        QTest::newRow("small UDP") << kSmall << true << "UDP" << "transport UDP" << "udp";
        QTest::newRow("big HTTP") << kBig << false << "HTTP" << "protocol HTTP" << "";
        QTest::newRow("big TCP") << kBig << true << "TCP" << "transport TCP" << "tcp";
        QTest::newRow("big UDP") << kBig << true << "UDP" << "transport UDP" << "udp";
        // clang-format on
    }

    void pieSliceFiltersTable()
    {
        QFETCH(QString, file);
        QFETCH(bool, transport);
        QFETCH(QString, slice);
        QFETCH(QString, expression);
        QFETCH(QString, bpf);
        MainWindow w{AppSettings{}};
        w.show(); // a closed or hidden dashboard defers drawing until it shows
        QVERIFY(loadAndWait(w, {corpus(file)}));
        const int all = w.packetModel()->rowCount();
        ProtocolPieChart *pie = w.dashboard()->protocolChart();
        // The pie shows the final snapshot, the one every other view reads.
        QCOMPARE(pie->snapshot(), w.session()->lastSnapshot());
        QVERIFY(pie->snapshot()->final);
        pie->setMetric(ProtocolPieChart::Metric::Packets);
        pie->setGrouping(transport ? ProtocolPieChart::Grouping::Transport
                                   : ProtocolPieChart::Grouping::Application);
        const int index = sliceIndex(pie, slice);
        QVERIFY2(index >= 0, qPrintable(slice + QStringLiteral(" is no slice of ") + file));
        const quint64 packets = pie->slices()[index].value;
        QVERIFY(packets > 0);
        QVERIFY(packets < quint64(all));

        QVERIFY(clickAndWait(w, [&] { pie->activateSlice(index); }));
        QCOMPARE(w.displayFilterEdit()->text(), expression);
        PacketTableModel *m = w.packetModel();
        QCOMPARE(quint64(m->rowCount()), packets);
        for (int r = 0; r < m->rowCount(); ++r) {
            const PacketRecord *rec = m->record(r);
            QVERIFY(rec);
            const QString got = transport ? QString::fromLatin1(transportName(rec->transport))
                                          : m->cellText(r, PacketTableModel::Protocol);
            if (got != slice)
                QFAIL(qPrintable(QStringLiteral("row %1 (frame %2) is %3, not %4")
                                     .arg(r)
                                     .arg(m->cellText(r, PacketTableModel::Number), got, slice)));
        }
        // And none of the hidden packets belongs to the slice: the store, counted directly.
        const Engine &engine = w.session()->engine();
        const PacketStore &store = engine.store();
        quint64 inStore = 0;
        for (std::size_t row = store.firstRow(); row < store.size(); ++row) {
            const PacketRecord &rec = store.at(row);
            const QString name =
                transport
                    ? QString::fromLatin1(transportName(rec.transport))
                    : QString::fromUtf8(engine.protocolName(rec).data(),
                                        static_cast<qsizetype>(engine.protocolName(rec).size()));
            inStore += name == slice ? 1 : 0;
        }
        QCOMPARE(inStore, packets);
        if (!bpf.isEmpty()) {
            bool ok = false;
            const int theirs = tcpdumpCount(file, bpf, &ok);
            QVERIFY(ok);
            QCOMPARE(quint64(theirs), packets);
        }

        // Clearing the filter brings every packet back.
        QVERIFY(clickAndWait(w, [&] { w.applyDisplayFilter(QString()); }));
        QCOMPARE(w.packetModel()->rowCount(), all);
    }

    void topTalkerFiltersTable_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("bar");
        QTest::newRow("small busiest") << kSmall << 0;
        QTest::newRow("small third") << kSmall << 2;
        QTest::newRow("big busiest") << kBig << 0;
        QTest::newRow("big fifth") << kBig << 4;
    }

    void topTalkerFiltersTable()
    {
        QFETCH(QString, file);
        QFETCH(int, bar);
        MainWindow w{AppSettings{}};
        w.show(); // a closed or hidden dashboard defers drawing until it shows
        QVERIFY(loadAndWait(w, {corpus(file)}));
        TopTalkersChart *talkers = w.dashboard()->topTalkersChart();
        const auto bars = talkers->bars();
        QVERIFY(bar < bars.size());
        const TopTalkersChart::Bar b = bars[bar];
        QVERIFY2(b.family == Family::V4 || b.family == Family::V6, qPrintable(b.address));
        const StatsSnapshotPtr snap = w.session()->lastSnapshot();
        const auto endpoint =
            std::find_if(snap->endpoints.begin(), snap->endpoints.end(), [&](const auto &e) {
                return QString::fromStdString(snap->address(e.address)) == b.address;
            });
        QVERIFY(endpoint != snap->endpoints.end());
        QCOMPARE(endpoint->traffic.bytesAB, b.sent);
        QCOMPARE(endpoint->traffic.bytesBA, b.received);
        const quint64 packets = endpoint->traffic.packets();

        QVERIFY(clickAndWait(w, [&] { talkers->activateBar(bar); }));
        QCOMPARE(w.displayFilterEdit()->text(), QStringLiteral("host ") + b.address);
        PacketTableModel *m = w.packetModel();
        QCOMPARE(quint64(m->rowCount()), packets);
        for (int r = 0; r < m->rowCount(); ++r)
            if (m->cellText(r, PacketTableModel::Source) != b.address &&
                m->cellText(r, PacketTableModel::Destination) != b.address)
                QFAIL(qPrintable(QStringLiteral("frame %1 is neither from nor to %2")
                                     .arg(m->cellText(r, PacketTableModel::Number), b.address)));
        bool ok = false;
        const int theirs = tcpdumpCount(file, QStringLiteral("host ") + b.address, &ok);
        QVERIFY(ok);
        QCOMPARE(theirs, m->rowCount());
    }

    void timeRangeFiltersTable_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<bool>("onPackets");
        // Bounds on packet times check that FROM is in and TO is out; bounds on the chart's
        // points are what a drag over whole points selects.
        QTest::newRow("small on packets") << kSmall << true;
        QTest::newRow("small on points") << kSmall << false;
        QTest::newRow("big on packets") << kBig << true;
        QTest::newRow("big on points") << kBig << false;
    }

    void timeRangeFiltersTable()
    {
        QFETCH(QString, file);
        QFETCH(bool, onPackets);
        MainWindow w{AppSettings{}};
        w.show(); // a closed or hidden dashboard defers drawing until it shows
        QVERIFY(loadAndWait(w, {corpus(file)}));
        const PacketStore &store = w.session()->engine().store();
        const std::size_t n = store.size();
        QVERIFY(n > 100);
        TrafficChart *traffic = w.dashboard()->trafficChart();
        qint64 from = 0;
        qint64 to = 0;
        if (onPackets) {
            std::vector<qint64> times;
            for (std::size_t row = store.firstRow(); row < n; ++row)
                times.push_back(store.at(row).tsNs);
            std::sort(times.begin(), times.end());
            from = times[n / 4];
            to = times[n * 3 / 4];
        } else {
            const QVector<double> keys = traffic->keys();
            QVERIFY(keys.size() >= 4);
            const qint64 step = std::llround(traffic->intervalSeconds() * 1e9);
            from = std::llround(keys[keys.size() / 4] * 1e9);
            to = std::llround(keys[keys.size() / 2] * 1e9) + step;
        }
        QVERIFY(from < to);
        quint64 inRange = 0;
        for (std::size_t row = store.firstRow(); row < n; ++row) {
            const qint64 t = store.at(row).tsNs;
            inRange += from <= t && t < to ? 1 : 0;
        }
        QVERIFY(inRange > 0);
        QVERIFY(inRange < n);

        QVERIFY(clickAndWait(w, [&] { traffic->selectRange(from, to); }));
        const QString text = w.displayFilterEdit()->text();
        QCOMPARE(text, QString::fromStdString(DisplayExpression::timeTerm(from, to)));
        PacketTableModel *m = w.packetModel();
        QCOMPARE(quint64(m->rowCount()), inRange);
        for (int r = 0; r < m->rowCount(); ++r) {
            const qint64 t = m->record(r)->tsNs;
            if (t < from || t >= to)
                QFAIL(qPrintable(QStringLiteral("frame %1 at %2 ns is outside the span")
                                     .arg(m->cellText(r, PacketTableModel::Number))
                                     .arg(t)));
        }
        // tshark on the file, with the very seconds the filter text holds.
        const QStringList bounds = text.mid(5).split(QLatin1Char('-'));
        QCOMPARE(bounds.size(), 2);
        bool ok = false;
        const int theirs =
            tsharkCount(file,
                        QStringLiteral("frame.time_epoch >= %1 && frame.time_epoch < %2")
                            .arg(bounds[0], bounds[1]),
                        &ok);
        QVERIFY(ok);
        QCOMPARE(theirs, m->rowCount());
    }

    void dashboardFillsWhileLoading()
    {
        // About 200 MB and 2.5 M packets: loading takes long enough on an idle fast machine
        // too (100 MB can load within the first snapshot interval) for the worker's partial
        // snapshots to reach the charts before the end.
        constexpr int kCopies = 30;
        QTemporaryDir dir;
        const QString big = writeBigCapture(dir, kCopies);
        QVERIFY(!big.isEmpty());
        QVERIFY(QFileInfo(big).size() > 200'000'000);
        QElapsedTimer loading;
        loading.start();
        MainWindow w{AppSettings{}};
        w.show(); // a closed or hidden dashboard defers drawing until it shows
        QSignalSpy finished(&w, &MainWindow::sessionFinished);
        w.openFiles({big});
        QVERIFY(w.session());
        DashboardView *d = w.dashboard();
        int partial = 0; // partial snapshots the charts showed before the end
        quint64 partialPackets = 0;
        bool partialAfterEnd = false;
        // Connected after the dashboard's own handler: the charts already show `s` here.
        connect(w.session(), &CaptureSession::snapshotReady, this, [&](const StatsSnapshotPtr &s) {
            if (s->final)
                return;
            partialAfterEnd = partialAfterEnd || finished.count() > 0;
            if (d->protocolChart()->snapshot() != s || d->protocolChart()->slices().isEmpty())
                return;
            quint64 sum = 0;
            for (const auto &slice : d->protocolChart()->slices())
                sum += slice.value;
            // The pie counts what the snapshot counted, not more.
            if (sum != s->total.packets &&
                d->protocolChart()->metric() == ProtocolPieChart::Metric::Packets)
                return;
            if (d->topTalkersChart()->bars().isEmpty() || d->trafficChart()->keys().isEmpty())
                return;
            ++partial;
            partialPackets = std::max<quint64>(partialPackets, s->total.packets);
        });
        QVERIFY(finished.wait(120000) || finished.count() > 0);
        qInfo("loaded in %lld ms", loading.elapsed());
        const StatsSnapshotPtr last = w.session()->lastSnapshot();
        QVERIFY(last && last->final);
        qInfo("%d partial snapshots in the charts before the end, the last at %llu of %llu packets",
              partial, static_cast<unsigned long long>(partialPackets),
              static_cast<unsigned long long>(last->total.packets));
        QVERIFY2(partial > 0, "the dashboard showed nothing before the file was loaded");
        QVERIFY(!partialAfterEnd);
        QVERIFY(partialPackets > 0);
        QVERIFY(partialPackets < last->total.packets);
        QCOMPARE(last->total.packets, quint64(kCopies) * 82582);
        QCOMPARE(d->protocolChart()->snapshot(), last);
        QCOMPARE(quint64(w.packetModel()->rowCount()), last->total.packets);
    }
};

QTEST_MAIN(TestDashboard)
#include "tst_dashboard.moc"
