// SPDX-License-Identifier: GPL-3.0-or-later
// netlens-cli analyze and visualize, run as processes: outputs, exit status, and the handling
// of files that cannot be read.
#include <QDir>
#include <QFile>
#ifdef NETLENS_HAVE_CHARTS
#include <QImage>
#endif
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Run {
    int exitCode = -1; ///< -1 if the process crashed or hung
    QByteArray out;
    QByteArray err;
    /// Non-empty stderr lines.
    QList<QByteArray> errLines() const
    {
        QList<QByteArray> lines;
        for (const QByteArray &l : err.split('\n'))
            if (!l.trimmed().isEmpty())
                lines.append(l);
        return lines;
    }
};

Run run(const QString &program, const QStringList &args, const QString &workDir = {})
{
    QProcess p;
    p.setProgram(program);
    p.setArguments(args);
    if (!workDir.isEmpty())
        p.setWorkingDirectory(workDir);
    p.start();
    Run r;
    if (!p.waitForFinished(120000)) {
        p.kill();
        p.waitForFinished();
        return r;
    }
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    return r;
}

Run analyze(const QStringList &args, const QString &workDir = {})
{
    return run(QStringLiteral(NETLENS_CLI), QStringList{QStringLiteral("analyze")} + args, workDir);
}

QString corpus(const char *name)
{
    return QStringLiteral(NETLENS_CORPUS_DIR "/") + QLatin1String(name);
}

/// Data rows of tshark's reference output for a corpus file (its packet count).
QList<QList<QByteArray>> reference(const char *name)
{
    QFile f(QStringLiteral(NETLENS_CORPUS_DIR "/reference/") + QLatin1String(name) +
            QStringLiteral(".tsv"));
    QList<QList<QByteArray>> rows;
    if (f.open(QIODevice::ReadOnly)) {
        const QList<QByteArray> lines = f.readAll().split('\n');
        for (qsizetype i = 1; i < lines.size(); ++i)
            if (!lines[i].isEmpty())
                rows.append(lines[i].split('\t'));
    }
    return rows;
}

/// CSV data rows (header checked and dropped), split on commas: no field here is quoted.
QList<QList<QByteArray>> csvRows(const QString &path, bool *ok = nullptr)
{
    QFile f(path);
    QList<QList<QByteArray>> rows;
    const bool opened = f.open(QIODevice::ReadOnly);
    QList<QByteArray> lines = opened ? f.readAll().split('\n') : QList<QByteArray>();
    const bool good =
        opened && !lines.isEmpty() && lines.takeLast().isEmpty() && !lines.isEmpty() &&
        lines.takeFirst() == "number,time,src,dst,src_port,dst_port,transport,protocol,length\r";
    if (ok)
        *ok = good;
    for (QByteArray &l : lines) {
        l.chop(1); // CR
        rows.append(l.split(','));
    }
    return rows;
}

/// A classic pcap of DLT_NULL frames (AF_INET in the writer's byte order) holding IPv4 UDP.
QString writeNullPcap(const QString &dir, bool bigEndian)
{
    QByteArray out;
    const auto u32 = [&](quint32 v) {
        for (int i = 0; i < 4; ++i)
            out.append(char(v >> (bigEndian ? 24 - 8 * i : 8 * i)));
    };
    const auto u16 = [&](quint16 v) {
        out.append(char(bigEndian ? v >> 8 : v));
        out.append(char(bigEndian ? v : v >> 8));
    };
    u32(0xa1b2c3d4);
    u16(2);
    u16(4);
    for (quint32 v : {0u, 0u, 65535u, 0u}) // zone, sigfigs, snap length, LINKTYPE_NULL
        u32(v);
    const QByteArray ip = QByteArray::fromHex("4500002000010000401100000a0000010a000002"
                                              "03e80035000c000061626364");
    for (quint32 i = 0; i < 3; ++i) {
        for (quint32 v : {1700000000u, i, quint32(4 + ip.size()), quint32(4 + ip.size())})
            u32(v);
        u32(2); // AF_INET
        out.append(ip);
    }
    const QString path =
        dir + (bigEndian ? QStringLiteral("/null-be.pcap") : QStringLiteral("/null-le.pcap"));
    QFile f(path);
    if (f.open(QIODevice::WriteOnly))
        f.write(out);
    return path;
}

Run visualize(const QStringList &args, const QString &workDir = {})
{
    return run(QStringLiteral(NETLENS_CLI), QStringList{QStringLiteral("visualize")} + args,
               workDir);
}

QJsonObject readJson(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

constexpr const char *kGood = "tcpreplay__test.pcap";
constexpr const char *kSmall = "zeek__icmp_5-pings.pcap";
constexpr const char *kCut = "suricata-verify__http-mime-truncated_input.pcap";

} // namespace

class TstCli : public QObject {
    Q_OBJECT

private slots:
    void analyzeGoodFile();
    void defaultCsvPath();
    void severalFilesContinueNumbering();
    void filterMatchesTcpdump_data();
    void filterMatchesTcpdump();
    void badFilter();
    void unreadableFilesAreSkipped();
    void cutShortFile();
    void jsonSummary();
    void noCsv();
    void csvAndNoCsvConflict();
    void unwritableOutputs_data();
    void unwritableOutputs();
    void usageErrors_data();
    void usageErrors();
    void visualizeImages_data();
    void visualizeImages();
    void visualizeFromCsv_data();
    void visualizeFromCsv();
    void visualizeMissingFile();
    void visualizeCutShortFile();
    void visualizeBadCsv();
    void visualizeUsageErrors_data();
    void visualizeUsageErrors();
    void captureWebUsageErrors_data();
    void captureBoundsErrors_data();
    void captureBoundsErrors();
    void captureWebUsageErrors();

private:
    QTemporaryDir m_files; ///< captures the tests write
};

void TstCli::analyzeGoodFile()
{
    QTemporaryDir dir;
    const QString csv = dir.filePath(QStringLiteral("nested/dir/out.csv"));
    const Run r = analyze({corpus(kGood), QStringLiteral("--csv"), csv});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.err, QByteArray());
    const int packets = int(reference(kGood).size());
    QVERIFY2(r.out.contains(QByteArray(QByteArray("Packets: ") + QByteArray::number(packets))),
             r.out.constData());
    bool ok = false;
    const auto rows = csvRows(csv, &ok);
    QVERIFY(ok);
    QCOMPARE(rows.size(), packets);
    QCOMPARE(rows.first().value(0), QByteArray("1"));
    QCOMPARE(rows.last().value(0), QByteArray::number(packets));
}

void TstCli::defaultCsvPath()
{
    QTemporaryDir dir;
    const Run r = analyze({QStringLiteral("--quiet"), corpus(kGood)}, dir.path());
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out, QByteArray()); // --quiet: no report
    const auto rows = csvRows(dir.filePath(QStringLiteral("data/analyzed_data.csv")));
    QCOMPARE(rows.size(), reference(kGood).size());
}

void TstCli::severalFilesContinueNumbering()
{
    QTemporaryDir dir;
    const QString csv = dir.filePath(QStringLiteral("two.csv"));
    const Run r = analyze(
        {QStringLiteral("--quiet"), QStringLiteral("--csv"), csv, corpus(kGood), corpus(kSmall)});
    QCOMPARE(r.exitCode, 0);
    const auto first = reference(kGood), second = reference(kSmall);
    const auto rows = csvRows(csv);
    QCOMPARE(rows.size(), first.size() + second.size());
    for (qsizetype i = 0; i < rows.size(); ++i)
        QCOMPARE(rows[i].value(0), QByteArray::number(i + 1));
    // The second file's first packet follows the first file's last.
    const auto &row = rows[first.size()];
    QCOMPARE(row.value(0), QByteArray::number(first.size() + 1));
    QCOMPARE(row.value(1), second[0][1].left(second[0][1].indexOf('.') + 7));
    QCOMPARE(row.value(2), second[0][4]);
}

void TstCli::filterMatchesTcpdump_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("filter");
    QTest::addColumn<bool>("nano");
    QTest::newRow("ethernet tcp") << corpus(kGood) << QStringLiteral("tcp") << false;
    QTest::newRow("ethernet udp port 53")
        << corpus(kGood) << QStringLiteral("udp port 53") << false;
    QTest::newRow("ethernet vlan")
        << corpus("zeek__mixed-vlan-mpls.pcap") << QStringLiteral("vlan") << false;
    QTest::newRow("sll ns tcp") << corpus("tcpdump__tcp-handshake-nano.pcap")
                                << QStringLiteral("tcp") << true;
    QTest::newRow("sll2 icmp") << corpus("zeek__linux_dlt_sll2.pcap")
                               << QStringLiteral("icmp or icmp6") << false;
    QTest::newRow("raw ip tcp") << corpus("suricata-verify__tcp-empty-sack_tcp-opt.pcap")
                                << QStringLiteral("tcp") << false;
    QTest::newRow("null little-endian udp")
        << writeNullPcap(m_files.path(), false) << QStringLiteral("udp") << false;
    QTest::newRow("null big-endian udp")
        << writeNullPcap(m_files.path(), true) << QStringLiteral("udp") << false;
    QTest::newRow("null macos ipv6 udp")
        << corpus("tcpdump__quic_handshake.pcap") << QStringLiteral("udp") << false;
    QTest::newRow("ppp icmp") << corpus("tcpdump__mpls-traceroute.pcap") << QStringLiteral("icmp")
                              << false;
}

void TstCli::filterMatchesTcpdump()
{
    QFETCH(QString, file);
    QFETCH(QString, filter);
    QFETCH(bool, nano);
    const QString tcpdump = QStandardPaths::findExecutable(QStringLiteral("tcpdump"));
    if (tcpdump.isEmpty())
        QSKIP("tcpdump is not installed: nothing to compare the BPF filter with");
    QStringList dumpArgs{QStringLiteral("-n"), QStringLiteral("-tt"), QStringLiteral("-r"), file};
    if (nano)
        dumpArgs << QStringLiteral("--time-stamp-precision=nano");
    const Run dump = run(tcpdump, dumpArgs << filter);
    QCOMPARE(dump.exitCode, 0);
    QList<QByteArray> times; // one line per packet, starting with its time
    for (const QByteArray &line : dump.out.split('\n'))
        if (!line.isEmpty() && !line.startsWith(' ') && !line.startsWith('\t'))
            times.append(line.left(line.indexOf(' ')));
    QVERIFY(!times.isEmpty());

    QTemporaryDir dir;
    const QString csv = dir.filePath(QStringLiteral("filtered.csv"));
    const Run r = analyze({QStringLiteral("--quiet"), QStringLiteral("--filter"), filter,
                           QStringLiteral("--csv"), csv, file});
    QCOMPARE(r.exitCode, 0);
    const auto rows = csvRows(csv);
    QCOMPARE(rows.size(), times.size());
    int previous = 0;
    for (qsizetype i = 0; i < rows.size(); ++i) {
        if (filter == QLatin1String("tcp"))
            QCOMPARE(rows[i].value(6), QByteArray("TCP"));
        QCOMPARE(rows[i].value(1), times[i]); // the same packets, in the same order
        // Rows keep their frame numbers in the file, so numbers skip filtered-out packets.
        const int number = rows[i].value(0).toInt();
        QVERIFY(number > previous);
        previous = number;
    }
}

void TstCli::badFilter()
{
    QTemporaryDir dir;
    const QString expression = QStringLiteral("tcp and and port");
    const Run r = analyze({QStringLiteral("--filter"), expression, corpus(kGood)}, dir.path());
    QCOMPARE(r.exitCode, 2);
    QCOMPARE(r.errLines().size(), 1);
    QVERIFY2(r.err.contains(expression.toUtf8()), r.err.constData());
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("data/analyzed_data.csv"))));
}

void TstCli::unreadableFilesAreSkipped()
{
    QTemporaryDir dir;
    const QString empty = dir.filePath(QStringLiteral("empty.pcap"));
    QFile emptyFile(empty);
    QVERIFY(emptyFile.open(QIODevice::WriteOnly));
    emptyFile.close();
    const QString missing = dir.filePath(QStringLiteral("missing.pcap"));
    const QStringList bad{missing, dir.path(), empty, corpus("pcapplusplus__bogus-content.txt"),
                          corpus("libpcap__pcap-invalid-version-1.pcap")};
    const QList<QByteArray> why{"No such file", "is a directory", "empty", "not a pcap or pcapng",
                                "version 1"};
    const QString csv = dir.filePath(QStringLiteral("out.csv"));
    const Run r = analyze(
        QStringList{QStringLiteral("--quiet"), QStringLiteral("--csv"), csv, corpus(kGood)} + bad +
        QStringList{corpus(kSmall)});
    QCOMPARE(r.exitCode, 2);
    const QList<QByteArray> lines = r.errLines();
    QCOMPARE(lines.size(), bad.size()); // one line per unreadable file, in order
    for (qsizetype i = 0; i < bad.size(); ++i) {
        QVERIFY2(lines[i].startsWith(QByteArray(bad[i].toUtf8() + ": ")), lines[i].constData());
        QVERIFY2(lines[i].contains(why[i]), lines[i].constData());
    }
    // The readable files around them were still analyzed.
    const auto rows = csvRows(csv);
    QCOMPARE(rows.size(), reference(kGood).size() + reference(kSmall).size());
}

void TstCli::cutShortFile()
{
    QTemporaryDir dir;
    const QString csv = dir.filePath(QStringLiteral("cut.csv"));
    const Run r = analyze({QStringLiteral("--quiet"), QStringLiteral("--csv"), csv, corpus(kCut)});
    QCOMPARE(r.exitCode, 1);
    const QList<QByteArray> lines = r.errLines();
    QCOMPARE(lines.size(), 1);
    QVERIFY2(lines[0].startsWith(QByteArray(corpus(kCut).toUtf8() + ": ")), lines[0].constData());
    QVERIFY2(lines[0].contains("cut short"), lines[0].constData());
    QVERIFY2(lines[0].contains("2696 packets"), lines[0].constData());
    QCOMPARE(csvRows(csv).size(), qsizetype(2696));
    QCOMPARE(reference(kCut).size(), qsizetype(2696));
}

void TstCli::jsonSummary()
{
    QTemporaryDir dir;
    const QString json = dir.filePath(QStringLiteral("out/summary.json"));
    const Run r = analyze(
        {QStringLiteral("--quiet"), QStringLiteral("--json"), json, corpus(kGood), corpus(kCut)},
        dir.path());
    QCOMPARE(r.exitCode, 1);
    QFile f(json);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    const QJsonObject o = doc.object();
    QCOMPARE(o.value(QLatin1String("packets")).toInteger(),
             qint64(reference(kGood).size() + reference(kCut).size()));
    const QJsonArray warnings = o.value(QLatin1String("warnings")).toArray();
    QCOMPARE(warnings.size(), 1);
    QVERIFY(warnings[0].toString().contains(QLatin1String(kCut)));
    // --json does not replace the CSV: it still goes to its default path.
    QVERIFY(QFile::exists(dir.filePath(QStringLiteral("data/analyzed_data.csv"))));
}

void TstCli::noCsv()
{
    QTemporaryDir dir;
    const Run r = analyze({QStringLiteral("--no-csv"), corpus(kGood)}, dir.path());
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains("Packets: "));
    QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot), QStringList());
}

void TstCli::csvAndNoCsvConflict()
{
    QTemporaryDir dir;
    const QString csv = dir.filePath(QStringLiteral("x.csv"));
    const Run r =
        analyze({QStringLiteral("--csv"), csv, QStringLiteral("--no-csv"), corpus(kGood)});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("--csv") && r.err.contains("--no-csv"), r.err.constData());
    QVERIFY(!QFile::exists(csv));
}

void TstCli::unwritableOutputs_data()
{
    QTest::addColumn<QString>("option");
    QTest::newRow("csv") << QStringLiteral("--csv");
    QTest::newRow("json") << QStringLiteral("--json");
}

void TstCli::unwritableOutputs()
{
    QFETCH(QString, option);
    QTemporaryDir dir;
    QFile plain(dir.filePath(QStringLiteral("plain")));
    QVERIFY(plain.open(QIODevice::WriteOnly));
    plain.close();
    const QString path = dir.filePath(QStringLiteral("plain/out")); // under a regular file
    const Run r = analyze({QStringLiteral("--quiet"), option, path, corpus(kSmall)}, dir.path());
    QCOMPARE(r.exitCode, 2);
    const QList<QByteArray> lines = r.errLines();
    QCOMPARE(lines.size(), 1);
    QVERIFY2(lines[0].startsWith(QByteArray(path.toUtf8() + ": ")), lines[0].constData());
}

void TstCli::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("message");
    QTest::newRow("no file") << QStringList{QStringLiteral("--quiet")}
                             << QByteArray("no capture file given");
    QTest::newRow("bad --top") << QStringList{QStringLiteral("--top"), QStringLiteral("many"),
                                              corpus(kGood)}
                               << QByteArray("--top needs a number");
    QTest::newRow("unknown option")
        << QStringList{QStringLiteral("--frobnicate"), corpus(kGood)} << QByteArray("frobnicate");
}

void TstCli::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArray, message);
    QTemporaryDir dir;
    const Run r = analyze(args, dir.path());
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(message), r.err.constData());
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("data"))));
}

namespace {
/// Skips the calling test when netlens-cli has no charts (a build without the GUI).
#define SKIP_WITHOUT_CHARTS()                                                                      \
    do {                                                                                           \
        if (!haveCharts())                                                                         \
            QSKIP("netlens-cli visualize needs a build with the GUI (NETLENS_HAVE_CHARTS)");       \
    } while (false)

bool haveCharts()
{
#ifdef NETLENS_HAVE_CHARTS
    return true;
#else
    return false;
#endif
}

/// The numbers of charts.json against analyze's JSON summary of the same packets: the pie's
/// slices are the "protocols" by packets (those under 2 % merged into one "Other" slice, unless
/// only one is), the bars are the top talkers' sent and received bytes, and the traffic totals
/// (bits/s per point) times the interval are the total bytes.
void compareCharts(const QJsonObject &charts, const QJsonObject &summary)
{
    QVERIFY(!charts.isEmpty());
    QVERIFY(!summary.isEmpty());
    const qint64 packets = summary.value(QLatin1String("packets")).toInteger();
    const qint64 bytes = summary.value(QLatin1String("bytes")).toInteger();
    QVERIFY(packets > 0);

    // Protocol distribution.
    QList<std::pair<QString, qint64>> protocols;
    qint64 protocolSum = 0;
    const QJsonObject protocolMap = summary.value(QLatin1String("protocols")).toObject();
    for (auto it = protocolMap.begin(); it != protocolMap.end(); ++it) {
        const qint64 n = it.value().toObject().value(QLatin1String("packets")).toInteger();
        if (n > 0) {
            protocols.append({it.key(), n});
            protocolSum += n;
        }
    }
    QCOMPARE(protocolSum, packets);
    QMap<QString, qint64> expected;
    qint64 expectedOther = 0;
    int small = 0;
    QString smallName;
    for (const auto &[name, n] : protocols) {
        if (100.0 * static_cast<double>(n) / static_cast<double>(protocolSum) < 2.0) {
            expectedOther += n;
            ++small;
            smallName = name;
        } else {
            expected[name] = n;
        }
    }
    if (small == 1) { // one small slice keeps its name
        expected[smallName] = expectedOther;
        expectedOther = 0;
    }
    QMap<QString, qint64> slices;
    qint64 other = 0, sliceSum = 0;
    int others = 0;
    for (const QJsonValue &v : charts.value(QLatin1String("protocol_distribution")).toArray()) {
        const QJsonObject o = v.toObject();
        const qint64 n = o.value(QLatin1String("value")).toInteger();
        sliceSum += n;
        if (o.value(QLatin1String("other")).toBool()) {
            other += n;
            ++others;
        } else {
            slices[o.value(QLatin1String("name")).toString()] += n;
        }
    }
    QCOMPARE(sliceSum, packets);
    QCOMPARE(slices, expected);
    QCOMPARE(others, expectedOther > 0 ? 1 : 0);
    QCOMPARE(other, expectedOther);

    // Top talkers: the bars are analyze's top talkers, bytes sent and received.
    QMap<QString, std::pair<qint64, qint64>> talkers, bars;
    for (const QJsonValue &v : summary.value(QLatin1String("top_talkers")).toArray()) {
        const QJsonObject o = v.toObject();
        talkers[o.value(QLatin1String("address")).toString()] = {
            o.value(QLatin1String("sent_bytes")).toInteger(),
            o.value(QLatin1String("received_bytes")).toInteger()};
    }
    for (const QJsonValue &v : charts.value(QLatin1String("top_talkers")).toArray()) {
        const QJsonObject o = v.toObject();
        bars[o.value(QLatin1String("address")).toString()] = {
            o.value(QLatin1String("sent_bytes")).toInteger(),
            o.value(QLatin1String("received_bytes")).toInteger()};
    }
    QVERIFY(!bars.isEmpty());
    QCOMPARE(bars, talkers);

    // Traffic over time: bits/s per point; summed and times the interval, all the bytes.
    const QJsonObject traffic = charts.value(QLatin1String("traffic_over_time")).toObject();
    QCOMPARE(traffic.value(QLatin1String("unit")).toString(), QStringLiteral("bits/s"));
    const double interval = traffic.value(QLatin1String("interval_s")).toDouble();
    QVERIFY(interval > 0);
    QCOMPARE(interval, summary.value(QLatin1String("timeseries"))
                           .toObject()
                           .value(QLatin1String("interval_s"))
                           .toDouble());
    const QJsonArray t = traffic.value(QLatin1String("t")).toArray();
    const QJsonArray total = traffic.value(QLatin1String("total")).toArray();
    QCOMPARE(t.size(), total.size());
    double bits = 0;
    for (const QJsonValue &v : total)
        bits += v.toDouble() * interval;
    QCOMPARE(qRound64(bits / 8.0), bytes);
    // Point by point too, against analyze's non-empty buckets.
    QMap<qint64, qint64> bucketBytes; // point start (ms) -> bytes
    for (const QJsonValue &v : summary.value(QLatin1String("timeseries"))
                                   .toObject()
                                   .value(QLatin1String("points"))
                                   .toArray()) {
        const QJsonObject o = v.toObject();
        bucketBytes[qRound64(o.value(QLatin1String("t")).toDouble() * 1000)] =
            o.value(QLatin1String("bytes")).toInteger();
    }
    QMap<qint64, qint64> pointBytes;
    for (qsizetype i = 0; i < t.size(); ++i)
        if (const qint64 b = qRound64(total[i].toDouble() * interval / 8.0))
            pointBytes[qRound64(t[i].toDouble() * 1000)] = b;
    QCOMPARE(pointBytes, bucketBytes);
}

/// Runs analyze --json on `files` and returns the summary (empty on failure).
QJsonObject analyzeJson(const QStringList &files, const QString &dir)
{
    const QString json = dir + QStringLiteral("/summary.json");
    const Run r = analyze(QStringList{QStringLiteral("--quiet"), QStringLiteral("--no-csv"),
                                      QStringLiteral("--json"), json} +
                              files,
                          dir);
    if (r.exitCode != 0 && r.exitCode != 1)
        return {};
    return readJson(json);
}

const char *const kVisualizeFiles[] = {kGood, kSmall, "zeek__mixed-vlan-mpls.pcap",
                                       "tcpdump__quic_handshake.pcap", "zeek__linux_dlt_sll2.pcap"};
const char *const kChartNames[] = {"protocol_distribution", "traffic_over_time", "top_talkers"};
} // namespace

void TstCli::visualizeImages_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("format");
    for (const char *f : kVisualizeFiles)
        for (const char *format : {"png", "svg"})
            QTest::newRow(
                qPrintable(QStringLiteral("%1 %2").arg(QLatin1String(f), QLatin1String(format))))
                << corpus(f) << QString::fromLatin1(format);
}

void TstCli::visualizeImages()
{
    SKIP_WITHOUT_CHARTS();
    QFETCH(QString, file);
    QFETCH(QString, format);
    QVERIFY2(QFile::exists(file), qPrintable(file));
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("charts"));
    const Run r = visualize({QStringLiteral("--quiet"), QStringLiteral("--format"), format,
                             QStringLiteral("--size"), QStringLiteral("640x480"),
                             QStringLiteral("--out"), out, file},
                            dir.path());
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.out.isEmpty(), r.out.constData()); // --quiet
    for (const char *name : kChartNames) {
        const QString path =
            out + QLatin1Char('/') + QLatin1String(name) + QLatin1Char('.') + format;
        QVERIFY2(QFile::exists(path), qPrintable(path));
#ifdef NETLENS_HAVE_CHARTS
        if (format == QLatin1String("png")) {
            const QImage image(path, "PNG");
            QVERIFY2(!image.isNull(), qPrintable(path));
            QCOMPARE(image.size(), QSize(640, 480));
            continue;
        }
#endif
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray svg = f.readAll();
        QVERIFY2(svg.startsWith("<?xml"), qPrintable(path));
        QVERIFY2(svg.contains("<svg"), qPrintable(path));
        QVERIFY2(svg.trimmed().endsWith("</svg>"), qPrintable(path));
    }
    compareCharts(readJson(out + QStringLiteral("/charts.json")), analyzeJson({file}, dir.path()));
}

void TstCli::visualizeFromCsv_data()
{
    QTest::addColumn<QString>("file");
    for (const char *f : kVisualizeFiles)
        QTest::newRow(f) << corpus(f);
}

void TstCli::visualizeFromCsv()
{
    SKIP_WITHOUT_CHARTS();
    QFETCH(QString, file);
    QTemporaryDir dir;
    const QString csv = dir.filePath(QStringLiteral("packets.csv"));
    QCOMPARE(analyze({QStringLiteral("--quiet"), QStringLiteral("--csv"), csv, file}).exitCode, 0);
    const QString fromPcap = dir.filePath(QStringLiteral("pcap"));
    const QString fromCsv = dir.filePath(QStringLiteral("csv"));
    Run r = visualize({QStringLiteral("--quiet"), QStringLiteral("--out"), fromPcap, file});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    r = visualize({QStringLiteral("--quiet"), QStringLiteral("--out"), fromCsv,
                   QStringLiteral("--from-csv"), csv});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    for (const char *name : kChartNames)
        QVERIFY(QFile::exists(fromCsv + QLatin1Char('/') + QLatin1String(name) +
                              QStringLiteral(".png")));
    const QJsonObject a = readJson(fromPcap + QStringLiteral("/charts.json"));
    const QJsonObject b = readJson(fromCsv + QStringLiteral("/charts.json"));
    QVERIFY(!a.isEmpty());
    // The same numbers, chart by chart (the CSV carries every field the charts draw). Slices
    // of equal size may come in either order (the snapshot's order of ties), so by name.
    const auto byName = [](const QJsonObject &charts) {
        QMap<QString, QJsonObject> m;
        for (const QJsonValue &v : charts.value(QLatin1String("protocol_distribution")).toArray())
            m.insert(v.toObject().value(QLatin1String("name")).toString(), v.toObject());
        return m;
    };
    QCOMPARE(byName(a), byName(b));
    for (const char *name : {"traffic_over_time", "top_talkers"})
        QVERIFY2(a.value(QLatin1String(name)) == b.value(QLatin1String(name)), name);
    compareCharts(b, analyzeJson({file}, dir.path()));
}

void TstCli::visualizeMissingFile()
{
    SKIP_WITHOUT_CHARTS();
    QTemporaryDir dir;
    const QString missing = dir.filePath(QStringLiteral("missing.pcap"));
    const QString out = dir.filePath(QStringLiteral("charts"));
    const Run r = visualize({QStringLiteral("--quiet"), QStringLiteral("--out"), out, missing});
    QCOMPARE(r.exitCode, 2);
    const QList<QByteArray> lines = r.errLines();
    QCOMPARE(lines.size(), 1);
    QVERIFY2(lines[0].startsWith(QByteArray(missing.toUtf8() + ": ")), lines[0].constData());
    QVERIFY2(lines[0].contains("No such file"), lines[0].constData());
    // The same line as analyze prints for it.
    const QList<QByteArray> analyzeLines =
        analyze({QStringLiteral("--quiet"), QStringLiteral("--no-csv"), missing}).errLines();
    QCOMPARE(lines, analyzeLines);
    QVERIFY(!QFile::exists(out + QStringLiteral("/charts.json"))); // nothing read: no charts
}

void TstCli::visualizeCutShortFile()
{
    SKIP_WITHOUT_CHARTS();
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("charts"));
    const Run r =
        visualize({QStringLiteral("--quiet"), QStringLiteral("--out"), out, corpus(kCut)});
    QCOMPARE(r.exitCode, 1);
    const QList<QByteArray> lines = r.errLines();
    QCOMPARE(lines.size(), 1);
    QVERIFY2(lines[0].startsWith(QByteArray(corpus(kCut).toUtf8() + ": ")), lines[0].constData());
    QVERIFY2(lines[0].contains("cut short"), lines[0].constData());
    for (const char *name : kChartNames)
        QVERIFY(
            QFile::exists(out + QLatin1Char('/') + QLatin1String(name) + QStringLiteral(".png")));
    // Rendered from the packets before the cut, as analyze counts them.
    compareCharts(readJson(out + QStringLiteral("/charts.json")),
                  analyzeJson({corpus(kCut)}, dir.path()));
}

void TstCli::visualizeBadCsv()
{
    SKIP_WITHOUT_CHARTS();
    QTemporaryDir dir;
    const QString csv = dir.filePath(QStringLiteral("bad.csv"));
    QCOMPARE(
        analyze({QStringLiteral("--quiet"), QStringLiteral("--csv"), csv, corpus(kSmall)}).exitCode,
        0);
    QFile f(csv);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QList<QByteArray> lines = f.readAll().split('\n');
    f.close();
    QVERIFY(lines.size() > 3);
    // Line 3 (the second packet): its length field is not a number.
    QList<QByteArray> fields = lines[2].split(',');
    fields.last() = "lots\r";
    lines[2] = fields.join(',');
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(lines.join('\n'));
    f.close();
    const QString out = dir.filePath(QStringLiteral("charts"));
    const Run r = visualize({QStringLiteral("--quiet"), QStringLiteral("--out"), out,
                             QStringLiteral("--from-csv"), csv});
    QCOMPARE(r.exitCode, 2);
    const QList<QByteArray> err = r.errLines();
    QCOMPARE(err.size(), 1);
    QVERIFY2(err[0].startsWith(QByteArray(csv.toUtf8() + ":3:")), err[0].constData());
    QVERIFY2(err[0].contains("length"), err[0].constData());
    QVERIFY(!QFile::exists(out));

    const QString missing = dir.filePath(QStringLiteral("missing.csv"));
    const Run m = visualize({QStringLiteral("--quiet"), QStringLiteral("--out"), out,
                             QStringLiteral("--from-csv"), missing});
    QCOMPARE(m.exitCode, 2);
    QVERIFY2(m.err.contains(missing.toUtf8()), m.err.constData());
}

void TstCli::visualizeUsageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("message");
    const QString out = QStringLiteral("charts");
    QTest::newRow("no input") << QStringList{QStringLiteral("--out"), out}
                              << QByteArray("give capture files or --from-csv");
    QTest::newRow("files and csv")
        << QStringList{QStringLiteral("--out"), out, QStringLiteral("--from-csv"),
                       QStringLiteral("x.csv"), corpus(kGood)}
        << QByteArray("one of the two");
    QTest::newRow("no --out") << QStringList{corpus(kGood)}
                              << QByteArray("give --out DIR, --report FILE.html or both");
    QTest::newRow("bad --format") << QStringList{QStringLiteral("--format"), QStringLiteral("gif"),
                                                 QStringLiteral("--out"), out, corpus(kGood)}
                                  << QByteArray("--format must be png or svg, not \"gif\"");
    for (const char *size : {"big", "100x100", "1200x", "20000x800", "-5x-5"})
        QTest::newRow(qPrintable(QStringLiteral("--size %1").arg(QLatin1String(size))))
            << QStringList{QStringLiteral("--size"), QLatin1String(size), QStringLiteral("--out"),
                           out, corpus(kGood)}
            << QByteArray("--size must be WIDTHxHEIGHT between 200x150 and 10000x10000, not \"") +
                   size + '"';
    QTest::newRow("bad --top") << QStringList{QStringLiteral("--top"), QStringLiteral("0"),
                                              QStringLiteral("--out"), out, corpus(kGood)}
                               << QByteArray("--top needs a number from 1 to 100");
    QTest::newRow("unknown option")
        << QStringList{QStringLiteral("--frobnicate"), QStringLiteral("--out"), out, corpus(kGood)}
        << QByteArray("frobnicate");
    // --out naming a file: the folder cannot be made.
    QTest::newRow("--out is a file")
        << QStringList{QStringLiteral("--out"), corpus(kGood), corpus(kGood)}
        << QByteArray("cannot create the output folder");
}

void TstCli::visualizeUsageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArray, message);
    QTemporaryDir dir;
    const Run r = visualize(args, dir.path());
    if (!haveCharts()) {
        // Without the GUI there is no visualize at all: one clear line, exit 2.
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("visualize needs a build with the GUI"), r.err.constData());
        QSKIP("netlens-cli visualize needs a build with the GUI (NETLENS_HAVE_CHARTS)");
    }
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(message), r.err.constData());
    QCOMPARE(r.errLines().size(), 1);
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("charts"))));
}

/// `netlens-cli capture -i lo --dir TMP ARGS` must exit 2 with `message` on stderr and no
/// file written; returns stderr (checks through QTest: a failure marks the calling test).
QByteArray captureRefused(const QStringList &args, const QByteArray &message)
{
    QTemporaryDir dir;
    const Run r = run(QStringLiteral(NETLENS_CLI),
                      QStringList{QStringLiteral("capture"), QStringLiteral("-i"),
                                  QStringLiteral("lo"), QStringLiteral("--dir"), dir.path()} +
                          args);
    [&] {
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message), r.err.constData());
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 0);
    }();
    return r.err;
}

void TstCli::captureWebUsageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("message");
    QTest::newRow("--token alone") << QStringList{QStringLiteral("--token"), QStringLiteral("t")}
                                   << QByteArray("--token and --keep-serving need --web");
    QTest::newRow("--keep-serving alone") << QStringList{QStringLiteral("--keep-serving")}
                                          << QByteArray("--token and --keep-serving need --web");
    QTest::newRow("port out of range")
        << QStringList{QStringLiteral("--web"), QStringLiteral("99999")} << QByteArray("99999");
    QTest::newRow("not an address")
        << QStringList{QStringLiteral("--web"), QStringLiteral("nowhere:80")}
        << QByteArray("nowhere");
}

void TstCli::captureWebUsageErrors()
{
    // Refused before any interface is opened: no privileges needed, nothing captured.
    QFETCH(QStringList, args);
    QFETCH(QByteArray, message);
    const QByteArray err = captureRefused(args, message);
    QVERIFY2(err.contains("--web") || err.contains("--token"), err.constData());
}

void TstCli::captureBoundsErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("message");
    QTest::newRow("buffer") << QStringList{QStringLiteral("--buffer"), QStringLiteral("2048")}
                            << QByteArray("--buffer 2048 is too large (at most 1024)");
    QTest::newRow("snaplen") << QStringList{QStringLiteral("--snaplen"), QStringLiteral("300000")}
                             << QByteArray("--snaplen 300000 is too large (at most 262144)");
    QTest::newRow("zero buffer") << QStringList{QStringLiteral("--buffer"), QStringLiteral("0")}
                                 << QByteArray("--buffer \"0\" is not a positive number");
}

void TstCli::captureBoundsErrors()
{
    // A buffer or snap length past what netlens-capture accepts is refused and named, not
    // clamped behind the user's back.
    QFETCH(QStringList, args);
    QFETCH(QByteArray, message);
    captureRefused(args, message);
}

QTEST_GUILESS_MAIN(TstCli)
#include "tst_cli.moc"
