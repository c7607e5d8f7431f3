// SPDX-License-Identifier: GPL-3.0-or-later
// Export tests: CSV quoting and row format, a corpus file's CSV against tshark's reference
// output, and the JSON summary's schema and invariants.
#include "decode/decodedpacket.h"
#include "engine/engine.h"
#include "engine/fileanalyzer.h"
#include "export/csvwriter.h"
#include "export/jsonexport.h"
#include "export/summary.h"
#include "frames.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <initializer_list>
#include <limits>
#include <vector>

using namespace netlens;
using namespace netlens::test;

namespace {

const Bytes kBroadcast(6, 0xff);

QString corpus(const char *name)
{
    return QStringLiteral(NETLENS_CORPUS_DIR "/") + QLatin1String(name);
}

/// Splits one CSV line (without its CRLF) into fields, undoing RFC 4180 quoting.
QList<QByteArray> parseCsvLine(const QByteArray &line)
{
    QList<QByteArray> fields{QByteArray()};
    bool quoted = false;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted && c == '"' && i + 1 < line.size() && line[i + 1] == '"')
            fields.last().append(line[++i]);
        else if (c == '"')
            quoted = !quoted;
        else if (c == ',' && !quoted)
            fields.append(QByteArray());
        else
            fields.last().append(c);
    }
    return fields;
}

/// Reference rows of tshark's per-packet output (header dropped), split into columns.
QList<QList<QByteArray>> referenceRows(const char *file)
{
    QFile tsv(QStringLiteral(NETLENS_CORPUS_DIR "/reference/") + QLatin1String(file) +
              QStringLiteral(".tsv"));
    QList<QList<QByteArray>> rows;
    if (!tsv.open(QIODevice::ReadOnly))
        return rows;
    const QList<QByteArray> lines = tsv.readAll().split('\n');
    for (qsizetype i = 1; i < lines.size(); ++i)
        if (!lines[i].isEmpty())
            rows.append(lines[i].split('\t'));
    return rows;
}

/// Runs a fresh engine over corpus files, keeping what the analyzer reported.
struct Analysis {
    Engine engine;
    std::vector<FileResult> results;
    explicit Analysis(std::initializer_list<const char *> files)
    {
        std::vector<std::string> paths;
        for (const char *f : files)
            paths.push_back(corpus(f).toStdString());
        results = FileAnalyzer(engine).run(paths);
    }
};

QByteArray csvOf(const Engine &engine, const QString &path)
{
    std::string error;
    if (!CsvWriter::write(path.toStdString(), engine, error))
        return QByteArray::fromStdString(error);
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

qint64 sumOf(const QJsonObject &named)
{
    qint64 sum = 0;
    for (const QJsonValue &v : named)
        sum += v.toObject().value(QLatin1String("packets")).toInteger();
    return sum;
}

} // namespace

class TstExport : public QObject {
    Q_OBJECT

private slots:
    void appendField_data();
    void appendField();
    void rowFormat_data();
    void rowFormat();
    void timeAtInt64Limits_data();
    void timeAtInt64Limits();
    void frameNumberPast32Bits();
    void corpusCsvMatchesReference();
    void nanosecondCsvKeepsNanoseconds();
    void csvWriteFailureNamesFile();
    void jsonSummary();
    void jsonTimeSeriesOverYears();
    void timeSpanBeyondInt64();
    void timeSeriesAtInt64Limits();
};

void TstExport::appendField_data()
{
    QTest::addColumn<QByteArray>("field");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("plain") << QByteArray("10.0.0.1") << QByteArray("10.0.0.1");
    QTest::newRow("empty") << QByteArray() << QByteArray();
    QTest::newRow("comma") << QByteArray("a,b") << QByteArray("\"a,b\"");
    QTest::newRow("quote") << QByteArray("say \"hi\"") << QByteArray("\"say \"\"hi\"\"\"");
    QTest::newRow("newline") << QByteArray("two\nlines") << QByteArray("\"two\nlines\"");
    QTest::newRow("inner cr") << QByteArray("a\rb") << QByteArray("\"a\rb\"");
    QTest::newRow("equals") << QByteArray("=1+2") << QByteArray("'=1+2");
    QTest::newRow("plus") << QByteArray("+1") << QByteArray("'+1");
    QTest::newRow("minus") << QByteArray("-1") << QByteArray("'-1");
    QTest::newRow("at") << QByteArray("@SUM(A1)") << QByteArray("'@SUM(A1)");
    QTest::newRow("tab") << QByteArray("\tx") << QByteArray("'\tx");
    QTest::newRow("leading cr") << QByteArray("\rx") << QByteArray("\"'\rx\"");
    QTest::newRow("formula with comma")
        << QByteArray("=HYPERLINK(\"http://x\",\"y\")")
        << QByteArray("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
    QTest::newRow("inner equals is harmless") << QByteArray("a=b") << QByteArray("a=b");
}

void TstExport::appendField()
{
    QFETCH(QByteArray, field);
    QFETCH(QByteArray, expected);
    std::string out = "x,";
    CsvWriter::appendField(out, std::string_view(field.constData(), std::size_t(field.size())));
    QCOMPARE(QByteArray::fromStdString(out), QByteArray("x,") + expected);
    // Whatever went in comes back out of a CSV parser (apostrophe aside).
    const QList<QByteArray> parsed = parseCsvLine(QByteArray::fromStdString(out));
    QCOMPARE(parsed.size(), 2);
    QCOMPARE(parsed[1].startsWith('\'') ? parsed[1].mid(1) : parsed[1], field);
}

void TstExport::rowFormat_data()
{
    QTest::addColumn<QByteArray>("packet");
    QTest::addColumn<int>("linkType");
    QTest::addColumn<qint64>("tsNs");
    QTest::addColumn<bool>("nano");
    QTest::addColumn<QByteArray>("expected");
    const auto row = [](const char *name, const Bytes &p, int lt, qint64 ts, bool nano,
                        const char *line) {
        QTest::newRow(name) << QByteArray(reinterpret_cast<const char *>(p.data()),
                                          qsizetype(p.size()))
                            << lt << ts << nano << QByteArray(line);
    };
    const Bytes syn = tcp(1234, 80, 0x02);
    const Bytes dns = udp(5353, 53);
    const Bytes echo = {8, 0, 0, 0, 0, 1, 0, 1}; // an 8-byte echo request, no data
    const qint64 t = 1700000000123456789;
    row("tcp, µs time truncated not rounded", cat({ether(0x0800), ipv4(6, syn)}), 1, t, false,
        "1,1700000000.123456,10.0.0.1,10.0.0.2,1234,80,TCP,TCP,54\r\n");
    row("udp, ns time", cat({ether(0x0800), ipv4(17, dns)}), 1, t, true,
        "1,1700000000.123456789,10.0.0.1,10.0.0.2,5353,53,UDP,UDP,42\r\n");
    row("icmp has empty ports", cat({ether(0x0800), ipv4(1, echo)}), 1, 1000000, false,
        "1,0.001000,10.0.0.1,10.0.0.2,,,ICMP,ICMP,42\r\n");
    row("arp by mac, empty ports", cat({ether(0x0806, kBroadcast), arp()}), 1, 0, false,
        "1,0.000000,00:11:22:33:44:55,ff:ff:ff:ff:ff:ff,,,ARP,ARP,42\r\n");
    row("unnamed ip protocol", cat({ether(0x0800), ipv4(253, Bytes(4, 0))}), 1, 0, false,
        "1,0.000000,10.0.0.1,10.0.0.2,,,IP proto 253,IP,38\r\n");
    row("raw ipv4", ipv4(17, dns), 228, 5, true,
        "1,0.000000005,10.0.0.1,10.0.0.2,5353,53,UDP,UDP,28\r\n");
    row("before 1970", cat({ether(0x0800), ipv4(1, echo)}), 1, -1500000000, false,
        "1,-1.500000,10.0.0.1,10.0.0.2,,,ICMP,ICMP,42\r\n");
    row("just before 1970, ns", cat({ether(0x0800), ipv4(1, echo)}), 1, -5, true,
        "1,-0.000000005,10.0.0.1,10.0.0.2,,,ICMP,ICMP,42\r\n");
    row("counted, undecoded link type", Bytes(16, 0), 253, 0, false,
        "1,0.000000,,,,,Link,Linux netlink,16\r\n");
    row("unknown link type", cat({ether(0x0800), ipv4(6, syn)}), 147, 0, false,
        "1,0.000000,,,,,Link,Other link type,54\r\n");
}

void TstExport::rowFormat()
{
    QFETCH(QByteArray, packet);
    QFETCH(int, linkType);
    QFETCH(qint64, tsNs);
    QFETCH(bool, nano);
    QFETCH(QByteArray, expected);
    // No nDPI, so the protocol column is the transport and the line is exact.
    Engine engine(EngineSettings{.detectApplications = false});
    RawPacket p;
    p.data = reinterpret_cast<const std::uint8_t *>(packet.constData());
    p.capLen = p.wireLen = static_cast<std::uint32_t>(packet.size());
    p.tsNs = tsNs;
    p.linkType = static_cast<std::uint16_t>(linkType);
    p.nanoResolution = nano;
    QVERIFY(engine.process(p));
    engine.finish();
    QCOMPARE(engine.store().size(), std::size_t(1));
    std::string line;
    CsvWriter::appendRow(line, engine, engine.store().at(0));
    QCOMPARE(QByteArray::fromStdString(line), expected);
}

void TstExport::timeAtInt64Limits_data()
{
    QTest::addColumn<qint64>("tsNs");
    QTest::addColumn<bool>("nano");
    QTest::addColumn<QByteArray>("time");
    const qint64 max = std::numeric_limits<qint64>::max(), min = std::numeric_limits<qint64>::min();
    QTest::newRow("max ns") << max << true << QByteArray("9223372036.854775807");
    QTest::newRow("max µs") << max << false << QByteArray("9223372036.854775");
    QTest::newRow("min ns") << min << true << QByteArray("-9223372036.854775808");
    QTest::newRow("min µs") << min << false << QByteArray("-9223372036.854775");
    QTest::newRow("min + 1 ns") << min + 1 << true << QByteArray("-9223372036.854775807");
}

void TstExport::timeAtInt64Limits()
{
    // pcapng timestamps can reach either end of the int64 range; the record is formatted
    // directly, the engine's statistics are not involved.
    QFETCH(qint64, tsNs);
    QFETCH(bool, nano);
    QFETCH(QByteArray, time);
    const Engine engine;
    PacketRecord r;
    r.number = 7;
    r.tsNs = tsNs;
    r.flags = nano ? pktflag::Nanosecond : 0;
    r.wireLen = 60;
    std::string line;
    CsvWriter::appendRow(line, engine, r);
    QCOMPARE(QByteArray::fromStdString(line), "7," + time + ",,,,,Unknown,Unknown,60\r\n");
}

void TstExport::frameNumberPast32Bits()
{
    // A capture running for days passes 2^32 frames; the record keeps 48 bits of the number.
    const Engine engine;
    PacketRecord r;
    r.setFrameNumber((std::uint64_t{1} << 32) + 5);
    QCOMPARE(r.number, 5u);
    QCOMPARE(r.frameNumber(), (std::uint64_t{1} << 32) + 5);
    r.wireLen = 60;
    std::string line;
    CsvWriter::appendRow(line, engine, r);
    QVERIFY2(line.starts_with("4294967301,"), line.c_str());
    r.setFrameNumber((std::uint64_t{1} << 48) - 1);
    QCOMPARE(r.frameNumber(), (std::uint64_t{1} << 48) - 1);
}

void TstExport::corpusCsvMatchesReference()
{
    const char *file = "tcpreplay__test.pcap";
    Analysis a{file};
    QCOMPARE(a.results.size(), std::size_t(1));
    QCOMPARE(int(a.results[0].outcome), int(FileResult::Outcome::Ok));
    const QList<QList<QByteArray>> ref = referenceRows(file);
    QVERIFY(!ref.isEmpty());
    QTemporaryDir dir;
    const QByteArray csv = csvOf(a.engine, dir.filePath(QStringLiteral("out/packets.csv")));
    QVERIFY(csv.endsWith("\r\n"));
    QList<QByteArray> lines = csv.split('\n');
    QVERIFY(lines.takeLast().isEmpty());
    QCOMPARE(lines.size(), ref.size() + 1); // a header, then one row per packet
    for (QByteArray &l : lines) {
        QVERIFY(l.endsWith('\r')); // CRLF line ends, no bare LF
        l.chop(1);
    }
    QCOMPARE(lines[0],
             QByteArray("number,time,src,dst,src_port,dst_port,transport,protocol,length"));
    // Reference columns: 0 number, 1 time_epoch, 2 len, 3 protocols, 4-5 ip, 6-7 ipv6,
    // 8-9 tcp ports, 10-11 udp ports, 12-13 sctp ports (first occurrence = outermost).
    int addressRows = 0, portRows = 0;
    for (qsizetype i = 0; i < ref.size(); ++i) {
        const QList<QByteArray> &r = ref[i];
        const QList<QByteArray> c = parseCsvLine(lines[i + 1]);
        const QByteArray where = "row " + QByteArray::number(i + 1) + ": " + lines[i + 1];
        QVERIFY2(c.size() == 9, where.constData());
        QCOMPARE(c[0], r[0]);
        QCOMPARE(c[1], r[1].left(r[1].indexOf('.') + 7)); // µs file: six decimals
        QCOMPARE(c[8], r[2]);
        const QByteArray src = r[4].isEmpty() ? r[6] : r[4], dst = r[4].isEmpty() ? r[7] : r[5];
        if (!src.isEmpty()) {
            QCOMPARE(std::pair(i, c[2]), std::pair(i, src));
            QCOMPARE(std::pair(i, c[3]), std::pair(i, dst));
            ++addressRows;
        }
        // ICMP errors quote a datagram whose ports tshark reports; the CSV keeps them empty.
        if (r[3].contains(":icmp"))
            continue;
        const QByteArray sport = r[8] + r[10] + r[12], dport = r[9] + r[11] + r[13];
        QCOMPARE(std::pair(i, c[4]), std::pair(i, sport));
        QCOMPARE(std::pair(i, c[5]), std::pair(i, dport));
        portRows += !sport.isEmpty();
    }
    QCOMPARE(addressRows, 176); // all but ARP, IS-IS and an Ethernet loopback frame
    QVERIFY(portRows > 100);
}

void TstExport::nanosecondCsvKeepsNanoseconds()
{
    const char *file = "zeek__http_get-to-ssh-server.pcap";
    Analysis a{file};
    const QList<QList<QByteArray>> ref = referenceRows(file);
    QTemporaryDir dir;
    const QList<QByteArray> lines =
        csvOf(a.engine, dir.filePath(QStringLiteral("ns.csv"))).split('\n');
    QCOMPARE(lines.size(), ref.size() + 2); // header and the empty tail after the last CRLF
    for (qsizetype i = 0; i < ref.size(); ++i) {
        const QList<QByteArray> c = parseCsvLine(lines[i + 1].chopped(1));
        QCOMPARE(c[1].size() - c[1].indexOf('.') - 1, 9);
        QCOMPARE(c[1], ref[i][1]);
    }
}

void TstExport::csvWriteFailureNamesFile()
{
    QTemporaryDir dir;
    QFile plain(dir.filePath(QStringLiteral("plain")));
    QVERIFY(plain.open(QIODevice::WriteOnly));
    plain.close();
    const std::string path = dir.filePath(QStringLiteral("plain/out.csv")).toStdString();
    Engine engine;
    std::string error;
    QVERIFY(!CsvWriter::write(path, engine, error));
    QVERIFY2(QByteArray::fromStdString(error).startsWith(QByteArray::fromStdString(path + ": ")),
             error.c_str());
}

void TstExport::jsonSummary()
{
    Analysis a{"tcpreplay__test.pcap"};
    const Summary s = Summary::build(a.engine, 5, a.results);
    const QJsonObject o = summaryToJson(s);
    for (const char *key : {"packets", "bytes", "start", "end", "transport", "protocols",
                            "top_talkers", "conversations", "timeseries", "warnings"})
        QVERIFY2(o.contains(QLatin1String(key)), key);
    const qint64 packets = o.value(QLatin1String("packets")).toInteger();
    QCOMPARE(packets, qint64(referenceRows("tcpreplay__test.pcap").size()));
    QCOMPARE(o.value(QLatin1String("bytes")).toInteger(),
             qint64(a.engine.statistics().total().bytes));
    QVERIFY(o.value(QLatin1String("start")).toDouble() > 1e9);
    QVERIFY(o.value(QLatin1String("end")).toDouble() >= o.value(QLatin1String("start")).toDouble());
    QCOMPARE(sumOf(o.value(QLatin1String("transport")).toObject()), packets);
    QCOMPARE(sumOf(o.value(QLatin1String("protocols")).toObject()), packets);
    QVERIFY(o.value(QLatin1String("warnings")).toArray().isEmpty());

    const QJsonArray talkers = o.value(QLatin1String("top_talkers")).toArray();
    QCOMPARE(talkers.size(), 5);
    qint64 previous = std::numeric_limits<qint64>::max();
    for (const QJsonValue &v : talkers) {
        const QJsonObject t = v.toObject();
        for (const char *key : {"address", "packets", "bytes", "sent_bytes", "received_bytes"})
            QVERIFY2(t.contains(QLatin1String(key)), key);
        QVERIFY(!t.value(QLatin1String("address")).toString().isEmpty());
        const qint64 bytes = t.value(QLatin1String("bytes")).toInteger();
        QCOMPARE(bytes, t.value(QLatin1String("sent_bytes")).toInteger() +
                            t.value(QLatin1String("received_bytes")).toInteger());
        QVERIFY2(bytes <= previous, "top_talkers must be sorted by bytes, descending");
        previous = bytes;
    }
    const QJsonArray convs = o.value(QLatin1String("conversations")).toArray();
    QVERIFY(!convs.isEmpty() && convs.size() <= 5);
    for (const QJsonValue &v : convs) {
        const QJsonObject c = v.toObject();
        QCOMPARE(c.value(QLatin1String("packets")).toInteger(),
                 c.value(QLatin1String("packets_a_to_b")).toInteger() +
                     c.value(QLatin1String("packets_b_to_a")).toInteger());
    }
    const QJsonObject series = o.value(QLatin1String("timeseries")).toObject();
    QCOMPARE(series.value(QLatin1String("interval_s")).toDouble(), 1.0);
    qint64 seriesPackets = 0;
    for (const QJsonValue &v : series.value(QLatin1String("points")).toArray())
        seriesPackets += v.toObject().value(QLatin1String("packets")).toInteger();
    QCOMPARE(seriesPackets, packets);

    // The same document survives a trip through the file writer.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("sub/summary.json"));
    QString error;
    QVERIFY2(writeSummaryJson(path, s, error), qPrintable(error));
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &parseError);
    QCOMPARE(parseError.error, QJsonParseError::NoError);
    QCOMPARE(doc.object(), o);
}

void TstExport::jsonTimeSeriesOverYears()
{
    Analysis a{"pcapplusplus__many-protocols.pcap"};
    const Summary s = Summary::build(a.engine, 10, a.results);
    const QJsonObject o = summaryToJson(s);
    const double start = o.value(QLatin1String("start")).toDouble();
    const double end = o.value(QLatin1String("end")).toDouble();
    QVERIFY2(end - start > 365 * 86400.0, "the capture is meant to span more than a year");
    const qint64 packets = o.value(QLatin1String("packets")).toInteger();
    QCOMPARE(packets, qint64(referenceRows("pcapplusplus__many-protocols.pcap").size()));
    QCOMPARE(sumOf(o.value(QLatin1String("transport")).toObject()), packets);
    QCOMPARE(sumOf(o.value(QLatin1String("protocols")).toObject()), packets);

    const QJsonObject series = o.value(QLatin1String("timeseries")).toObject();
    const double interval = series.value(QLatin1String("interval_s")).toDouble();
    const QJsonArray points = series.value(QLatin1String("points")).toArray();
    QVERIFY2(points.size() <= 1000, qPrintable(QString::number(points.size())));
    QVERIFY((end - start) / interval < 1000);
    qint64 sumPackets = 0, sumBytes = 0;
    double previous = -1e300;
    for (const QJsonValue &v : points) {
        const QJsonObject p = v.toObject();
        const double t = p.value(QLatin1String("t")).toDouble();
        QVERIFY(t > previous); // time order, one point per interval
        QVERIFY(t <= end && t > start - interval);
        previous = t;
        sumPackets += p.value(QLatin1String("packets")).toInteger();
        sumBytes += p.value(QLatin1String("bytes")).toInteger();
    }
    QCOMPARE(sumPackets, packets);
    QCOMPARE(sumBytes, o.value(QLatin1String("bytes")).toInteger());
}

void TstExport::timeSpanBeyondInt64()
{
    // pcapng timestamps may sit near both ends of the int64 range; their span does not fit
    // in an int64, and the time series must still stay within its point budget.
    Engine engine(EngineSettings{.detectApplications = false});
    const Bytes packet = cat({ether(0x0800), ipv4(17, cat({be16(1), be16(2), be16(8), be16(0)}))});
    RawPacket p = rawPacket(packet);
    p.tsNs = -4000000000000000000;
    QVERIFY(engine.process(p));
    for (std::int64_t i = 0; i < 1000; ++i) {
        p.tsNs = 8000000000000000000 + i * 1000000000;
        QVERIFY(engine.process(p));
    }
    engine.finish();
    const Summary s = Summary::build(engine, 10, {});
    const StatsSnapshot::Series &series = s.stats->overall;
    QVERIFY2(series.size() <= 1000, qPrintable(QString::number(series.size())));
    QVERIFY(series.intervalNs >= 86400 * std::int64_t(1000000000));
    std::uint64_t packets = 0;
    for (const Counter &pt : series.total)
        packets += pt.packets;
    QCOMPARE(packets, std::uint64_t(1001));
    const std::string text = formatSummaryText(s);
    QVERIFY2(text.find("(12000000999.000 s)") != std::string::npos, text.c_str());
}

void TstExport::timeSeriesAtInt64Limits()
{
    Engine engine(EngineSettings{.detectApplications = false});
    const Bytes packet = cat({ether(0x0800), ipv4(17, cat({be16(1), be16(2), be16(8), be16(0)}))});
    RawPacket p = rawPacket(packet);
    for (std::int64_t ts : {std::numeric_limits<std::int64_t>::min() + 1, std::int64_t(0),
                            std::numeric_limits<std::int64_t>::max()}) {
        p.tsNs = ts;
        QVERIFY(engine.process(p));
    }
    const Summary s = Summary::build(engine, 10, {});
    QCOMPARE(s.stats->firstNs, std::numeric_limits<std::int64_t>::min() + 1);
    QCOMPARE(s.stats->lastNs, std::numeric_limits<std::int64_t>::max());
    const StatsSnapshot::Series &series = s.stats->overall;
    QVERIFY(series.size() > 0 && series.size() <= 1000);
    std::uint64_t packets = 0;
    for (const Counter &pt : series.total)
        packets += pt.packets;
    QCOMPARE(packets, std::uint64_t(3));
    // Each point starts at or before its packets, so the first starts at or before the first.
    QVERIFY(series.firstStartNs <= s.stats->firstNs);
}

QTEST_GUILESS_MAIN(TstExport)
#include "tst_export.moc"
