// SPDX-License-Identifier: GPL-3.0-or-later
// Offscreen tests of the charts over a real capture: what each chart draws against the
// session's snapshot and the CLI's JSON summary of the same file, the filters a click asks
// for, image export, and screenshots of the dashboard for people to look at.
#include "charts/dashboardview.h"
#include "charts/protocolpiechart.h"
#include "charts/toptalkerschart.h"
#include "charts/trafficchart.h"
#include "engine/displayexpression.h"
#include "guitesthelpers.h"
#include "session/capturesession.h"

#include <QComboBox>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QSignalSpy>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <cmath>
#include <memory>
#include <qcustomplot.h>

using namespace netlens;
using namespace netlens::test;

namespace {
const QString kFile = QStringLiteral("zeek__wikipedia.pcap");

quint64 sumOf(const std::vector<StatsSnapshot::Named> &rows, bool bytes)
{
    quint64 sum = 0;
    for (const auto &r : rows)
        sum += bytes ? r.counter.bytes : r.counter.packets;
    return sum;
}

/// A snapshot made by hand, for the cases a real capture does not reach.
std::shared_ptr<StatsSnapshot> syntheticSnapshot()
{
    auto s = std::make_shared<StatsSnapshot>();
    // Shares 50, 30, 15.5, 1.5, 1, 1, 1 (%): three slices plus an "Other" of 4.5%.
    const std::vector<std::pair<std::string, quint64>> protocols{
        {"TLS", 500}, {"DNS", 300}, {"Apple iCloud", 155}, {"NTP", 15},
        {"SSH", 10},  {"ICMP", 10}, {"mDNS", 10}};
    for (const auto &[name, packets] : protocols)
        s->protocols.push_back({name, 0, Counter{packets, packets * 100}});
    s->transports.push_back({"TCP", 6, Counter{900, 90000}});
    s->transports.push_back({"UDP", 17, Counter{99, 9900}});
    s->transports.push_back({"ARP", 0, Counter{1, 100}}); // alone under 2%: keeps its name
    s->total = Counter{1000, 100000};
    s->addresses = {"aa:bb:cc:dd:ee:ff", "10.0.0.1", "2001:db8::1"};
    s->endpoints.push_back({1, Family::V4, TwoWay{1, 1, 300, 200, 0, 0}});
    s->endpoints.push_back({0, Family::Mac, TwoWay{1, 1, 600, 400, 0, 0}}); // busiest, unsorted
    s->endpoints.push_back({2, Family::V6, TwoWay{1, 1, 10, 20, 0, 0}});
    // Two minutes at one second, a packet of 125 bytes (1000 bits) in every second.
    const std::int64_t start = 1'700'000'000'000'000'000;
    for (StatsSnapshot::Series *series : {&s->recent, &s->overall}) {
        series->intervalNs = series == &s->recent ? 1'000'000'000 : 10'000'000'000;
        series->firstStartNs = start;
        const int points = series == &s->recent ? 120 : 12;
        const std::uint64_t per = series == &s->recent ? 1 : 10;
        series->total.assign(points, Counter{per, per * 125});
        series->labels = {1};
        series->names = {"DNS"};
        series->byLabel = {std::vector<Counter>(points, Counter{per, per * 100})};
    }
    s->firstNs = start;
    s->lastNs = start + 119'000'000'000;
    return s;
}

bool isPng(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) && f.size() > 1000 && f.read(8) == "\x89PNG\r\n\x1a\n";
}

bool isSvg(const QString &path, const QSize &size)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return false;
    const QByteArray all = f.readAll();
    // Well-formed enough for Qt's own renderer, and of the size asked for.
    return (all.startsWith("<?xml") || all.contains("<svg")) && all.contains("</svg>") &&
           QSvgRenderer(all).isValid() && QSvgRenderer(all).viewBox() == QRect(QPoint(0, 0), size);
}

/// A picture that is all one colour means nothing was drawn.
int colourCount(const QImage &img)
{
    QSet<QRgb> colours;
    for (int y = 0; y < img.height(); y += 5)
        for (int x = 0; x < img.width(); x += 5)
            colours.insert(img.pixel(x, y));
    return static_cast<int>(colours.size());
}
} // namespace

class TestCharts final : public QObject {
    Q_OBJECT

    CaptureSession *m_session = nullptr;
    StatsSnapshotPtr m_snapshot;
    QJsonObject m_json; // netlens-cli analyze --json of the same file

private Q_SLOTS:
    void initTestCase()
    {
        m_session = CaptureSession::openFiles({corpus(kFile)}, this);
        QSignalSpy finished(m_session, &CaptureSession::finished);
        QVERIFY(finished.wait(60000));
        m_snapshot = m_session->lastSnapshot();
        QVERIFY(m_snapshot);
        QVERIFY(m_snapshot->complete);
        QVERIFY(m_snapshot->total.packets > 100);
        QDir().mkpath(QStringLiteral(NETLENS_SCREENSHOT_DIR));

        QTemporaryDir dir;
        const QString json = dir.filePath(QStringLiteral("summary.json"));
        bool ok = false;
        run(QStringLiteral(NETLENS_CLI),
            {QStringLiteral("analyze"), QStringLiteral("--quiet"), QStringLiteral("--no-csv"),
             QStringLiteral("--json"), json, corpus(kFile)},
            &ok);
        QVERIFY(ok);
        QFile f(json);
        QVERIFY(f.open(QIODevice::ReadOnly));
        m_json = QJsonDocument::fromJson(f.readAll()).object();
        QCOMPARE(m_json.value(QStringLiteral("packets")).toInteger(),
                 static_cast<qint64>(m_snapshot->total.packets));
    }

    void pieSlicesMatchSnapshot_data()
    {
        QTest::addColumn<bool>("transport");
        QTest::addColumn<bool>("bytes");
        QTest::newRow("application packets") << false << false;
        QTest::newRow("application bytes") << false << true;
        QTest::newRow("transport packets") << true << false;
        QTest::newRow("transport bytes") << true << true;
    }

    void pieSlicesMatchSnapshot()
    {
        QFETCH(bool, transport);
        QFETCH(bool, bytes);
        ProtocolPieChart pie;
        pie.setGrouping(transport ? ProtocolPieChart::Grouping::Transport
                                  : ProtocolPieChart::Grouping::Application);
        pie.setMetric(bytes ? ProtocolPieChart::Metric::Bytes : ProtocolPieChart::Metric::Packets);
        pie.setSnapshot(m_snapshot);
        const auto &rows = transport ? m_snapshot->transports : m_snapshot->protocols;
        const QJsonObject cli =
            m_json.value(transport ? QStringLiteral("transport") : QStringLiteral("protocols"))
                .toObject();
        const quint64 sum = sumOf(rows, bytes);
        QVERIFY(sum > 0);
        const auto slices = pie.slices();
        QVERIFY(!slices.isEmpty());

        quint64 shown = 0;
        quint64 expectedOther = 0;
        int small = 0;
        for (const auto &r : rows) {
            const quint64 v = bytes ? r.counter.bytes : r.counter.packets;
            if (v > 0 && 100.0 * static_cast<double>(v) / static_cast<double>(sum) < 2.0) {
                expectedOther += v;
                ++small;
            }
        }
        for (const auto &s : slices) {
            shown += s.value;
            QCOMPARE(s.percent, 100.0 * static_cast<double>(s.value) / static_cast<double>(sum));
            if (s.other) {
                QCOMPARE(s.value, expectedOther);
                continue;
            }
            const auto row = std::find_if(rows.begin(), rows.end(), [&](const auto &r) {
                return QString::fromStdString(r.name) == s.name;
            });
            QVERIFY2(row != rows.end(), qPrintable(s.name));
            QCOMPARE(s.value, bytes ? row->counter.bytes : row->counter.packets);
            QVERIFY(small == 1 || s.percent >= ProtocolPieChart::kOtherPercent);
            const QJsonObject c = cli.value(s.name).toObject();
            QCOMPARE(static_cast<quint64>(
                         c.value(bytes ? QStringLiteral("bytes") : QStringLiteral("packets"))
                             .toInteger()),
                     s.value);
        }
        QCOMPARE(shown, sum);
        const bool hasOther =
            std::any_of(slices.begin(), slices.end(), [](const auto &s) { return s.other; });
        QCOMPARE(hasOther, small > 1);
        for (int i = 1; i < slices.size(); ++i)
            QVERIFY(slices[i].other || slices[i - 1].value >= slices[i].value);
    }

    void pieOtherMerge()
    {
        ProtocolPieChart pie;
        pie.setSnapshot(syntheticSnapshot());
        const auto slices = pie.slices();
        QCOMPARE(slices.size(), 4);
        QCOMPARE(slices[0].name, QStringLiteral("TLS"));
        QCOMPARE(slices[0].percent, 50.0);
        QCOMPARE(slices[2].name, QStringLiteral("Apple iCloud"));
        QVERIFY(slices[3].other);
        QCOMPARE(slices[3].value, quint64{45});
        QCOMPARE(slices[3].percent, 4.5);
        QVERIFY(pie.sliceToolTip(0).contains(QStringLiteral("50.0%")));

        QSignalSpy spy(&pie, &ProtocolPieChart::filterRequested);
        pie.activateSlice(3); // Other: nothing to filter on
        pie.activateSlice(17);
        QCOMPARE(spy.count(), 0);
        pie.activateSlice(2);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy[0][0].toString(), QStringLiteral("protocol \"Apple iCloud\""));

        pie.setGrouping(ProtocolPieChart::Grouping::Transport);
        QCOMPARE(pie.slices().size(), 3); // ARP alone under 2% keeps its name
        QCOMPARE(pie.slices()[2].name, QStringLiteral("ARP"));
        QVERIFY(!pie.slices()[2].other);
        pie.setSnapshot(nullptr);
        QVERIFY(pie.slices().isEmpty());
    }

    void pieClickFiltersOnProtocol()
    {
        ProtocolPieChart pie;
        pie.setSnapshot(m_snapshot);
        QSignalSpy spy(&pie, &ProtocolPieChart::filterRequested);
        pie.activateSlice(0);
        QCOMPARE(spy.count(), 1);
        const std::string top = m_snapshot->protocols.front().name; // by packets, the largest
        QCOMPARE(spy[0][0].toString(),
                 QString::fromStdString(DisplayExpression::protocolTerm(top)));
        std::string error;
        QVERIFY(DisplayExpression::parse(spy[0][0].toString().toStdString(), error));

        pie.setGrouping(ProtocolPieChart::Grouping::Transport);
        pie.activateSlice(0);
        QCOMPARE(spy.count(), 2);
        QCOMPARE(spy[1][0].toString(),
                 QStringLiteral("transport ") +
                     QString::fromStdString(m_snapshot->transports.front().name));
        // The combo boxes drive the same setters.
        auto boxes = pie.findChildren<QComboBox *>();
        QCOMPARE(boxes.size(), 2);
        boxes[1]->setCurrentIndex(1);
        QCOMPARE(pie.metric(), ProtocolPieChart::Metric::Bytes);
    }

    void topTalkersMatchSnapshot()
    {
        TopTalkersChart chart;
        chart.setSnapshot(m_snapshot);
        const auto bars = chart.bars();
        QCOMPARE(bars.size(), std::min<qsizetype>(10, qsizetype(m_snapshot->endpoints.size())));
        const auto busiest = std::max_element(
            m_snapshot->endpoints.begin(), m_snapshot->endpoints.end(),
            [](const auto &a, const auto &b) { return a.traffic.bytes() < b.traffic.bytes(); });
        const QString address = QString::fromStdString(m_snapshot->address(busiest->address));
        QCOMPARE(bars[0].address, address);
        QCOMPARE(bars[0].sent, busiest->traffic.bytesAB);
        QCOMPARE(bars[0].received, busiest->traffic.bytesBA);
        for (int i = 1; i < bars.size(); ++i)
            QVERIFY(bars[i - 1].total() >= bars[i].total());
        const QJsonArray cli = m_json.value(QStringLiteral("top_talkers")).toArray();
        QVERIFY(!cli.isEmpty());
        QCOMPARE(cli[0].toObject().value(QStringLiteral("address")).toString(), address);
        QCOMPARE(
            static_cast<quint64>(cli[0].toObject().value(QStringLiteral("sent_bytes")).toInteger()),
            bars[0].sent);

        QSignalSpy spy(&chart, &TopTalkersChart::filterRequested);
        chart.activateBar(0);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy[0][0].toString(), QStringLiteral("host ") + address);
        chart.activateBar(-1);
        chart.activateBar(1000);
        QCOMPARE(spy.count(), 1);

        chart.setBarCount(5);
        QCOMPARE(chart.bars().size(), 5);
        QCOMPARE(chart.bars()[0].address, address);
        chart.setBarCount(50);
        QCOMPARE(chart.bars().size(),
                 std::min<qsizetype>(50, qsizetype(m_snapshot->endpoints.size())));
    }

    void topTalkersFamilies()
    {
        TopTalkersChart chart;
        chart.setSnapshot(syntheticSnapshot());
        const auto bars = chart.bars();
        QCOMPARE(bars.size(), 3);
        QCOMPARE(bars[0].address, QStringLiteral("aa:bb:cc:dd:ee:ff"));
        QCOMPARE(bars[0].sent, quint64{600});
        QCOMPARE(bars[0].received, quint64{400});
        QSignalSpy spy(&chart, &TopTalkersChart::filterRequested);
        chart.activateBar(0);
        chart.activateBar(1);
        chart.activateBar(2);
        QCOMPARE(spy.count(), 3);
        QCOMPARE(spy[0][0].toString(), QStringLiteral("ether host aa:bb:cc:dd:ee:ff"));
        QCOMPARE(spy[1][0].toString(), QStringLiteral("host 10.0.0.1"));
        QCOMPARE(spy[2][0].toString(), QStringLiteral("host 2001:db8::1"));
    }

    void trafficTotalsMatchCapture()
    {
        TrafficChart chart;
        chart.setSnapshot(m_snapshot);
        const auto &overall = m_snapshot->overall;
        QVERIFY(overall.size() > 0);
        const double interval = static_cast<double>(overall.intervalNs) / 1e9;
        QCOMPARE(chart.intervalSeconds(), interval);
        QCOMPARE(chart.keys().size(), qsizetype(overall.size()));
        QCOMPARE(chart.keys().first(), static_cast<double>(overall.firstStartNs) / 1e9);
        double bits = 0;
        for (double v : chart.totalValues())
            bits += v * interval;
        QCOMPARE(std::llround(bits / 8), static_cast<long long>(m_snapshot->total.bytes));
        QCOMPARE(static_cast<qint64>(m_json.value(QStringLiteral("bytes")).toInteger()),
                 static_cast<qint64>(std::llround(bits / 8)));

        chart.setUnit(TrafficChart::Unit::Packets);
        double packets = 0;
        for (double v : chart.totalValues())
            packets += v * interval;
        QCOMPARE(std::llround(packets), static_cast<long long>(m_snapshot->total.packets));
        // One graph for all traffic and one per protocol of the series, named in the legend.
        QVERIFY(!chart.seriesNames().isEmpty());
        QCOMPARE(chart.seriesNames().first(), QString::fromStdString(overall.names.front()));
        QCOMPARE(chart.plot()->graphCount(), 1 + chart.seriesNames().size());
        double first = 0;
        for (double v : chart.seriesValues(0))
            first += v * interval;
        quint64 expected = 0;
        for (const Counter &c : overall.byLabel.front())
            expected += c.packets;
        QCOMPARE(std::llround(first), static_cast<long long>(expected));
    }

    void trafficSelectRange()
    {
        TrafficChart chart;
        chart.setSnapshot(m_snapshot);
        QSignalSpy spy(&chart, &TrafficChart::filterRequested);
        const qint64 from = m_snapshot->firstNs + 250'000'000;
        const qint64 to = m_snapshot->firstNs + 1'750'000'123;
        chart.selectRange(from, to);
        QCOMPARE(spy.count(), 1);
        QCOMPARE(spy[0][0].toString(),
                 QString::fromStdString(DisplayExpression::timeTerm(from, to)));
        std::string error;
        QVERIFY2(DisplayExpression::parse(spy[0][0].toString().toStdString(), error),
                 error.c_str());
        chart.selectRange(to, from); // empty: nothing
        QCOMPARE(spy.count(), 1);
    }

    void trafficShiftDragSelects()
    {
        // The mouse path: Shift + drag over the plot emits the span under the drag.
        TrafficChart chart;
        chart.resize(600, 320);
        chart.setSnapshot(syntheticSnapshot());
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        QCustomPlot *plot = chart.plot();
        plot->replot();
        const QRect area = plot->axisRect()->rect();
        const QPoint a(area.left() + area.width() / 4, area.center().y());
        const QPoint b(area.left() + area.width() * 3 / 4, area.center().y());
        QSignalSpy spy(&chart, &TrafficChart::filterRequested);
        const QCPRange before = plot->xAxis->range();
        QTest::mousePress(plot, Qt::LeftButton, Qt::ShiftModifier, a);
        QTest::mouseMove(plot, b);
        QTest::mouseRelease(plot, Qt::LeftButton, Qt::ShiftModifier, b);
        QCOMPARE(spy.count(), 1);
        const qint64 fromNs = std::llround(plot->xAxis->pixelToCoord(a.x()) * 1e3) * 1'000'000;
        const qint64 toNs = std::llround(plot->xAxis->pixelToCoord(b.x()) * 1e3) * 1'000'000;
        QCOMPARE(spy[0][0].toString(),
                 QString::fromStdString(DisplayExpression::timeTerm(fromNs, toNs)));
        QCOMPARE(plot->xAxis->range(), before); // a selection does not pan
    }

    void trafficLiveWindow()
    {
        const auto s = syntheticSnapshot();
        TrafficChart chart;
        chart.setSnapshot(s);
        QCOMPARE(chart.keys().size(), 12); // a file: overall
        chart.setLiveMode(true);
        chart.setWindow(TrafficChart::Window::LastMinute);
        QCOMPARE(chart.intervalSeconds(), 1.0);
        QCOMPARE(chart.keys().size(), 60);
        QCOMPARE(chart.keys().last(), static_cast<double>(s->recent.startNs(119)) / 1e9);
        QCOMPARE(chart.totalValues().last(), 1000.0); // 125 bytes a second: 1 kbit/s
        QCOMPARE(chart.plot()->xAxis->range().size(), 60.0);
        chart.setWindow(TrafficChart::Window::Last10Minutes);
        QCOMPARE(chart.keys().size(), 120);
        chart.setWindow(TrafficChart::Window::All);
        QCOMPARE(chart.keys().size(), 12);
        QCOMPARE(chart.intervalSeconds(), 10.0);
    }

    void saveImages()
    {
        QTemporaryDir dir;
        ProtocolPieChart pie;
        TrafficChart traffic;
        TopTalkersChart talkers;
        pie.setSnapshot(m_snapshot);
        traffic.setSnapshot(m_snapshot);
        talkers.setSnapshot(m_snapshot);
        const QSize size(640, 400);
        const QList<std::pair<QString, std::function<bool(const QString &, QString *)>>> charts{
            {QStringLiteral("pie"),
             [&](const QString &p, QString *e) { return pie.saveImage(p, size, e); }},
            {QStringLiteral("traffic"),
             [&](const QString &p, QString *e) { return traffic.saveImage(p, size, e); }},
            {QStringLiteral("talkers"),
             [&](const QString &p, QString *e) { return talkers.saveImage(p, size, e); }}};
        for (const auto &[name, save] : charts) {
            QString error;
            const QString png = dir.filePath(name + QStringLiteral(".png"));
            QVERIFY2(save(png, &error), qPrintable(error));
            QVERIFY2(isPng(png), qPrintable(png));
            const QImage img(png);
            QCOMPARE(img.size(), size);
            QVERIFY2(colourCount(img) > 10, qPrintable(png));
            QVERIFY(img.save(QStringLiteral(NETLENS_SCREENSHOT_DIR "/chart-") + name +
                             QStringLiteral(".png")));
            const QString svg = dir.filePath(name + QStringLiteral(".SVG"));
            QVERIFY2(save(svg, &error), qPrintable(error));
            QVERIFY2(isSvg(svg, size), qPrintable(svg));

            const QString bad =
                QStringLiteral("/nonexistent-netlens-dir/") + name + QStringLiteral(".png");
            error.clear();
            QVERIFY(!save(bad, &error));
            QVERIFY2(error.contains(bad), qPrintable(error));
            QVERIFY(!QFile::exists(bad));
            const QString jpg = dir.filePath(name + QStringLiteral(".jpg"));
            QVERIFY(!save(jpg, &error));
            QVERIFY2(error.contains(jpg), qPrintable(error));
        }
    }

    void dashboardFollowsSession()
    {
        DashboardView view;
        QSignalSpy spy(&view, &DashboardView::filterRequested);
        // Hidden, it keeps the snapshot and draws it only once shown.
        view.setSession(m_session);
        QVERIFY(!view.protocolChart()->snapshot());
        view.show();
        QCOMPARE(view.protocolChart()->snapshot(), m_snapshot);
        QCOMPARE(view.trafficChart()->snapshot(), m_snapshot);
        QCOMPARE(view.topTalkersChart()->snapshot(), m_snapshot);
        QVERIFY(!view.trafficChart()->isLiveMode());
        view.topTalkersChart()->activateBar(0);
        view.protocolChart()->activateSlice(0);
        view.trafficChart()->selectRange(m_snapshot->firstNs, m_snapshot->lastNs);
        QCOMPARE(spy.count(), 3);
        QVERIFY(spy[0][0].toString().startsWith(QStringLiteral("host ")));
        QVERIFY(spy[1][0].toString().startsWith(QStringLiteral("protocol ")));
        QVERIFY(spy[2][0].toString().startsWith(QStringLiteral("time ")));

        // A new snapshot of the session reaches every chart.
        auto next = std::make_shared<StatsSnapshot>(*m_snapshot);
        next->protocols.resize(1);
        Q_EMIT m_session->snapshotReady(next);
        QCOMPARE(view.protocolChart()->slices().size(), 1);
        view.hide();
        Q_EMIT m_session->snapshotReady(m_snapshot);
        QCOMPARE(view.protocolChart()->snapshot(), StatsSnapshotPtr(next));
        view.show();
        QCOMPARE(view.protocolChart()->snapshot(), m_snapshot);
        view.setSession(nullptr);
        QVERIFY(view.protocolChart()->slices().isEmpty());
        QVERIFY(view.topTalkersChart()->bars().isEmpty());
        QVERIFY(view.trafficChart()->keys().isEmpty());
        QVERIFY(!view.trafficChart()->plot()->xAxis->tickLabels()); // no 1970 on an empty axis
        Q_EMIT m_session->snapshotReady(next);                      // no longer followed
        QVERIFY(view.protocolChart()->slices().isEmpty());
    }

    void dashboardScreenshots()
    {
        QDir().mkpath(QStringLiteral(NETLENS_SCREENSHOT_DIR));
        for (const QSize size : {QSize(600, 700), QSize(1000, 560)}) {
            DashboardView view;
            view.resize(size);
            view.setSession(m_session);
            view.show();
            QVERIFY(QTest::qWaitForWindowExposed(&view));
            QTest::qWait(200);
            const QImage img = view.grab().toImage();
            QVERIFY(colourCount(img) > 20);
            const QString name = size.width() == 600 ? QStringLiteral("dashboard-en.png")
                                                     : QStringLiteral("dashboard-wide-en.png");
            const QString path = QStringLiteral(NETLENS_SCREENSHOT_DIR "/") + name;
            QVERIFY(img.save(path));
            qInfo("saved %s", qPrintable(path));
        }
    }

    void dashboardDarkPalette()
    {
        // A dark theme: the charts take the palette's colours, not Qt Charts' white.
        QPalette dark;
        dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
        dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
        dark.setColor(QPalette::Text, QColor(0xe0, 0xe0, 0xe0));
        dark.setColor(QPalette::WindowText, QColor(0xe0, 0xe0, 0xe0));
        dark.setColor(QPalette::Button, QColor(0x35, 0x35, 0x35));
        dark.setColor(QPalette::ButtonText, QColor(0xe0, 0xe0, 0xe0));
        DashboardView view;
        view.setPalette(dark);
        view.resize(600, 700);
        view.setSession(m_session);
        view.topTalkersChart()->setBarCount(20);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QTest::qWait(200);
        const QImage img = view.grab().toImage();
        int darkPixels = 0;
        int all = 0;
        for (int y = 0; y < img.height(); y += 4)
            for (int x = 0; x < img.width(); x += 4, ++all)
                darkPixels += QColor(img.pixel(x, y)).lightness() < 80 ? 1 : 0;
        QVERIFY2(darkPixels > all / 2, qPrintable(QString::number(darkPixels)));
        const QString path = QStringLiteral(NETLENS_SCREENSHOT_DIR "/dashboard-dark-en.png");
        QVERIFY(img.save(path));
        qInfo("saved %s", qPrintable(path));
    }
};

QTEST_MAIN(TestCharts)
#include "tst_charts.moc"
