// SPDX-License-Identifier: GPL-3.0-or-later
// CsvSnapshotReader: a CSV written by `netlens-cli analyze` read back into a StatsSnapshot
// must give what the JSON summary of the same run says; bad input gives errors that name the
// file, the line and the field.

#include "export/csvsnapshot.h"
#include "export/summary.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <map>
#include <set>

using namespace netlens;

namespace {

constexpr int kTop = 15;

QString corpusPath(const QString &file)
{
    return QStringLiteral(NETLENS_CORPUS_DIR "/") + file;
}

std::map<QString, std::pair<qint64, qint64>> namedCounters(const QJsonObject &o)
{
    std::map<QString, std::pair<qint64, qint64>> m;
    for (auto it = o.begin(); it != o.end(); ++it)
        m[it.key()] = {it.value()[QStringLiteral("packets")].toInteger(),
                       it.value()[QStringLiteral("bytes")].toInteger()};
    return m;
}

std::map<QString, std::pair<qint64, qint64>>
namedCounters(const std::vector<StatsSnapshot::Named> &v)
{
    std::map<QString, std::pair<qint64, qint64>> m;
    for (const auto &n : v) {
        auto &e = m[QString::fromStdString(n.name)];
        e.first += static_cast<qint64>(n.counter.packets);
        e.second += static_cast<qint64>(n.counter.bytes);
    }
    return m;
}

/// The hierarchy as "All/IPv4/TCP/HTTP" -> packets, bytes (siblings by name: the order of
/// equal counts is not part of the contract).
void flatten(const QJsonObject &n, const QString &prefix,
             std::map<QString, std::pair<qint64, qint64>> &out)
{
    const QString path = prefix + n[QStringLiteral("name")].toString();
    out[path] = {n[QStringLiteral("packets")].toInteger(), n[QStringLiteral("bytes")].toInteger()};
    for (const auto c : n[QStringLiteral("children")].toArray())
        flatten(c.toObject(), path + QLatin1Char('/'), out);
}

void flatten(const StatsSnapshot::Node &n, const QString &prefix,
             std::map<QString, std::pair<qint64, qint64>> &out)
{
    const QString path = prefix + QString::fromStdString(n.name);
    out[path] = {static_cast<qint64>(n.counter.packets), static_cast<qint64>(n.counter.bytes)};
    for (const auto &c : n.children)
        flatten(c, path + QLatin1Char('/'), out);
}

} // namespace

class TstCsvSnapshot : public QObject {
    Q_OBJECT

private slots:
    void matchesJson_data()
    {
        QTest::addColumn<QString>("file");
        // Flows the CSV merges: non-IP flows are keyed by EtherType, which the CSV does not
        // hold, so two EtherTypes between one MAC pair with one transport name (CDP and DTP
        // over SNAP, both "Ethernet") read back as one flow.
        QTest::addColumn<int>("mergedFlows");
        const std::pair<const char *, int> files[] = {{"pcapplusplus__example.pcap", 0},
                                                      {"pcapplusplus__many-protocols.pcap", 0},
                                                      {"zeek__tunnels_Teredo.pcap", 0},
                                                      {"tcpdump__various_gre.pcap", 1},
                                                      {"zeek__http_get-to-ssh-server.pcap", 0},
                                                      {"pcapplusplus__ip-frag.pcap", 0},
                                                      {"tcpreplay__test.pcap", 0},
                                                      {"pcapplusplus__tls2.pcap", 0}};
        for (const auto &[f, merged] : files)
            QTest::newRow(f) << QString::fromLatin1(f) << merged;
    }

    void matchesJson()
    {
        QFETCH(QString, file);
        QFETCH(int, mergedFlows);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString csv = dir.filePath(QStringLiteral("out.csv"));
        const QString json = dir.filePath(QStringLiteral("out.json"));
        QProcess cli;
        cli.start(QStringLiteral(NETLENS_CLI),
                  {QStringLiteral("analyze"), corpusPath(file), QStringLiteral("--csv"), csv,
                   QStringLiteral("--json"), json, QStringLiteral("--top"), QString::number(kTop),
                   QStringLiteral("--quiet")});
        QVERIFY(cli.waitForFinished(60000));
        QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
        QFile jf(json);
        QVERIFY(jf.open(QIODevice::ReadOnly));
        const QByteArray jsonText = jf.readAll();
        const QJsonObject j = QJsonDocument::fromJson(jsonText).object();
        QVERIFY(!j.isEmpty());

        SnapshotOptions options;
        options.topN = kTop;
        const auto r = CsvSnapshotReader::read(csv.toStdString(), options);
        QVERIFY2(r.snapshot, r.error.c_str());
        const StatsSnapshot &s = *r.snapshot;

        QCOMPARE(static_cast<qint64>(r.rows), j[QStringLiteral("packets")].toInteger());
        QCOMPARE(static_cast<qint64>(s.total.packets), j[QStringLiteral("packets")].toInteger());
        QCOMPARE(static_cast<qint64>(s.total.bytes), j[QStringLiteral("bytes")].toInteger());
        // Start and end as the JSON's exact text (the CSV's time has the file's resolution).
        const QRegularExpression start(QStringLiteral("\"start\": ([-0-9.]+)"));
        const QRegularExpression end(QStringLiteral("\"end\": ([-0-9.]+)"));
        QCOMPARE(QString::fromStdString(exactSeconds(s.firstNs)),
                 start.match(QString::fromUtf8(jsonText)).captured(1));
        QCOMPARE(QString::fromStdString(exactSeconds(s.lastNs)),
                 end.match(QString::fromUtf8(jsonText)).captured(1));

        QCOMPARE(namedCounters(s.transports),
                 namedCounters(j[QStringLiteral("transport")].toObject()));
        QCOMPARE(namedCounters(s.protocols),
                 namedCounters(j[QStringLiteral("protocols")].toObject()));
        QCOMPARE(static_cast<qint64>(s.hostCount), j[QStringLiteral("host_count")].toInteger());
        QCOMPARE(static_cast<qint64>(s.conversationCount),
                 j[QStringLiteral("conversation_count")].toInteger());
        QCOMPARE(static_cast<qint64>(s.flowCount) + mergedFlows,
                 j[QStringLiteral("flow_count")].toInteger());

        std::map<QString, std::pair<qint64, qint64>> ours, theirs;
        flatten(s.hierarchy, QString(), ours);
        flatten(j[QStringLiteral("hierarchy")].toObject(), QString(), theirs);
        QCOMPARE(ours, theirs);

        // Top talkers: the same rows in the same order.
        const QJsonArray talkers = j[QStringLiteral("top_talkers")].toArray();
        QVERIFY(!talkers.isEmpty());
        QVERIFY(s.endpoints.size() >= static_cast<std::size_t>(talkers.size()));
        for (qsizetype i = 0; i < talkers.size(); ++i) {
            const QJsonObject t = talkers[i].toObject();
            const auto &e = s.endpoints[static_cast<std::size_t>(i)];
            QCOMPARE(QString::fromStdString(s.address(e.address)),
                     t[QStringLiteral("address")].toString());
            QCOMPARE(static_cast<qint64>(e.traffic.packetsAB),
                     t[QStringLiteral("sent_packets")].toInteger());
            QCOMPARE(static_cast<qint64>(e.traffic.packetsBA),
                     t[QStringLiteral("received_packets")].toInteger());
            QCOMPARE(static_cast<qint64>(e.traffic.bytesAB),
                     t[QStringLiteral("sent_bytes")].toInteger());
            QCOMPARE(static_cast<qint64>(e.traffic.bytesBA),
                     t[QStringLiteral("received_bytes")].toInteger());
        }
        // Conversations and flows: the same totals in the same order.
        const QJsonArray convs = j[QStringLiteral("conversations")].toArray();
        for (qsizetype i = 0; i < convs.size(); ++i) {
            const QJsonObject c = convs[i].toObject();
            const auto &o = s.conversations[static_cast<std::size_t>(i)];
            QCOMPARE(QString::fromStdString(s.address(o.a)), c[QStringLiteral("a")].toString());
            QCOMPARE(QString::fromStdString(s.address(o.b)), c[QStringLiteral("b")].toString());
            QCOMPARE(static_cast<qint64>(o.traffic.bytesAB),
                     c[QStringLiteral("bytes_a_to_b")].toInteger());
            QCOMPARE(static_cast<qint64>(o.traffic.packetsBA),
                     c[QStringLiteral("packets_b_to_a")].toInteger());
        }
        // Merged flows change the flow rows (see above); the others must be the same.
        const QJsonArray flows = j[QStringLiteral("flows")].toArray();
        for (qsizetype i = 0; i < (mergedFlows ? 0 : flows.size()); ++i) {
            const QJsonObject f = flows[i].toObject();
            const auto &o = s.flows[static_cast<std::size_t>(i)];
            QCOMPARE(static_cast<qint64>(o.traffic.bytes()),
                     f[QStringLiteral("bytes")].toInteger());
            QCOMPARE(QString::fromStdString(s.protocolNames[o.label]),
                     f[QStringLiteral("protocol")].toString());
            QCOMPARE(int(o.portA), f[QStringLiteral("port_a")].toInt());
        }

        // The time series: the same interval and the same non-empty points.
        const QJsonObject ts = j[QStringLiteral("timeseries")].toObject();
        QCOMPARE(static_cast<double>(s.overall.intervalNs) / 1e9,
                 ts[QStringLiteral("interval_s")].toDouble());
        const QJsonArray points = ts[QStringLiteral("points")].toArray();
        qsizetype k = 0;
        for (std::size_t i = 0; i < s.overall.size(); ++i) {
            if (!s.overall.total[i].packets)
                continue;
            QVERIFY(k < points.size());
            const QJsonObject p = points[k++].toObject();
            QCOMPARE(static_cast<qint64>(s.overall.total[i].packets),
                     p[QStringLiteral("packets")].toInteger());
            QCOMPARE(static_cast<qint64>(s.overall.total[i].bytes),
                     p[QStringLiteral("bytes")].toInteger());
            QCOMPARE(static_cast<double>(s.overall.startNs(i)) / 1e9,
                     p[QStringLiteral("t")].toDouble());
        }
        QCOMPARE(k, points.size());
    }

    void quotingAndGuards()
    {
        // Quoted fields with commas, quotes and a line break; the guard apostrophe goes only
        // where CsvWriter put it; LF-only line ends are read too.
        const std::string text =
            "number,time,src,dst,src_port,dst_port,transport,protocol,length\r\n"
            "1,1764000000.009000,10.0.0.1,10.0.0.2,1,2,UDP,\"a,\"\"b\"\"\r\nc\",100\r\n"
            "2,1764000001.000000000,10.0.0.2,10.0.0.1,2,1,UDP,'=SUM(1),50\n"
            "3,1764000002.5,2001:db8::1,2001:db8::2,,,ICMPv6,'plain,60\r\n"
            "4,1764000003,00:11:22:33:44:55,ff:ff:ff:ff:ff:ff,,,ARP,ARP,42\r\n"
            "5,1764000003,10.0.0.1,10.0.0.9,,,IP proto 253,IP,70\r\n"
            "6,1764000004,,,,,Link,IEEE 802.11,30\r\n";
        const auto r = CsvSnapshotReader::parse(text, "t.csv", {});
        QVERIFY2(r.snapshot, r.error.c_str());
        QCOMPARE(r.rows, std::uint64_t(6));
        const StatsSnapshot &s = *r.snapshot;
        QCOMPARE(s.total, (Counter{6, 352}));
        QCOMPARE(s.firstNs, std::int64_t(1764000000009000000));
        QCOMPARE(s.lastNs, std::int64_t(1764000004) * 1000000000);
        std::map<std::string, Counter> protocols;
        for (const auto &p : s.protocols)
            protocols[p.name] = p.counter;
        QCOMPARE(protocols["a,\"b\"\r\nc"], (Counter{1, 100}));
        QCOMPARE(protocols["=SUM(1)"], (Counter{1, 50}));
        QCOMPARE(protocols["'plain"], (Counter{1, 60}));
        QCOMPARE(protocols["ARP"], (Counter{1, 42}));
        QCOMPARE(protocols["IP"], (Counter{1, 70}));   // the OtherIP transport's own name
        QCOMPARE(protocols["Link"], (Counter{1, 30})); // as the engine counts link-type rows
        QCOMPARE(s.flowCount, std::uint64_t(4)); // the two UDP rows are one flow; Link has none
        QCOMPARE(s.hostCount, std::uint64_t(7));
        QCOMPARE(s.conversationCount, std::uint64_t(4));
        std::map<std::string, std::uint64_t> transports;
        for (const auto &t : s.transports)
            transports[t.name] = t.counter.packets;
        QCOMPARE(transports, (std::map<std::string, std::uint64_t>{
                                 {"UDP", 2}, {"ICMPv6", 1}, {"ARP", 1}, {"IP", 1}, {"Link", 1}}));
        // One flow both ways.
        const auto &udp = s.flows.front();
        QCOMPARE(udp.transport, Transport::UDP);
        QCOMPARE(udp.traffic.packetsAB, std::uint64_t(1));
        QCOMPARE(udp.traffic.packetsBA, std::uint64_t(1));
        QCOMPARE(s.protocolNames[udp.label], std::string("a,\"b\"\r\nc"));
        std::set<std::string> addresses(s.addresses.begin(), s.addresses.end());
        QVERIFY(addresses.count("2001:db8::1") && addresses.count("00:11:22:33:44:55"));
        // A header only: an empty snapshot.
        const auto empty = CsvSnapshotReader::parse(
            "number,time,src,dst,src_port,dst_port,transport,protocol,length\r\n", "e.csv", {});
        QVERIFY(empty.snapshot);
        QCOMPARE(empty.snapshot->total.packets, std::uint64_t(0));
    }

    void errors_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("expected");
        const QByteArray h = "number,time,src,dst,src_port,dst_port,transport,protocol,length\r\n";
        const QByteArray ok = "1,1.5,10.0.0.1,10.0.0.2,1,2,TCP,TCP,60\r\n";
        QTest::newRow("empty") << QByteArray() << QStringLiteral("x.csv:1: empty file");
        QTest::newRow("wrong header")
            << QByteArray("no,time\r\n1,2\r\n") << QStringLiteral("x.csv:1: expected the header");
        QTest::newRow("bad number") << h + ok + "abc,1.5,10.0.0.1,10.0.0.2,1,2,TCP,TCP,60\r\n"
                                    << QStringLiteral("x.csv:3: field number: bad number \"abc\"");
        QTest::newRow("negative number") << h + "-1,1.5,,,,,TCP,TCP,60\r\n"
                                         << QStringLiteral("x.csv:2: field number");
        QTest::newRow("bad time") << h + ok + ok + "3,12:00,10.0.0.1,10.0.0.2,1,2,TCP,TCP,60\r\n"
                                  << QStringLiteral("x.csv:4: field time: bad time \"12:00\"");
        QTest::newRow("time finer than ns") << h + "1,1.0000000001,,,,,TCP,TCP,60\r\n"
                                            << QStringLiteral("x.csv:2: field time");
        QTest::newRow("bad address") << h + "1,1.5,10.0.0.256,10.0.0.2,1,2,TCP,TCP,60\r\n"
                                     << QStringLiteral("x.csv:2: field src: bad address");
        QTest::newRow("mixed families") << h + "1,1.5,10.0.0.1,2001:db8::1,1,2,TCP,TCP,60\r\n"
                                        << QStringLiteral("x.csv:2: field dst");
        QTest::newRow("bad port") << h + "1,1.5,10.0.0.1,10.0.0.2,70000,2,TCP,TCP,60\r\n"
                                  << QStringLiteral("x.csv:2: field src_port: bad port \"70000\"");
        QTest::newRow("unknown transport") << h + "1,1.5,10.0.0.1,10.0.0.2,1,2,QUUX,TCP,60\r\n"
                                           << QStringLiteral("x.csv:2: field transport");
        QTest::newRow("bad length") << h + "1,1.5,10.0.0.1,10.0.0.2,1,2,TCP,TCP,6x\r\n"
                                    << QStringLiteral("x.csv:2: field length: bad length \"6x\"");
        QTest::newRow("too few fields") << h + "1,1.5,10.0.0.1\r\n"
                                        << QStringLiteral("x.csv:2: 3 fields, expected 9");
        QTest::newRow("open quote") << h + "1,1.5,10.0.0.1,10.0.0.2,1,2,TCP,\"TCP,60\r\n"
                                    << QStringLiteral("x.csv:2: a quoted field does not end");
        // A line break inside a quoted field counts: the bad row is on line 4.
        QTest::newRow("line count") << h + "1,1.5,,,,,TCP,\"a\r\nb\",60\r\n2,x,,,,,TCP,TCP,60\r\n"
                                    << QStringLiteral("x.csv:4: field time");
    }

    void errors()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, expected);
        const auto r = CsvSnapshotReader::parse(
            std::string_view(text.constData(), static_cast<std::size_t>(text.size())), "x.csv", {});
        QVERIFY(!r.snapshot);
        QVERIFY2(QString::fromStdString(r.error).startsWith(expected), r.error.c_str());
    }

    void missingFile()
    {
        const auto r = CsvSnapshotReader::read("/nonexistent/dir/none.csv");
        QVERIFY(!r.snapshot);
        QVERIFY2(r.error.find("/nonexistent/dir/none.csv: cannot open") == 0, r.error.c_str());
    }
};

QTEST_GUILESS_MAIN(TstCsvSnapshot)
#include "tst_csvsnapshot.moc"
