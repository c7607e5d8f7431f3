// netlens-cli analyze, run as a process: outputs, exit status, and the handling of files that
// cannot be read.
#include <QDir>
#include <QFile>
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

QTEST_GUILESS_MAIN(TstCli)
#include "tst_cli.moc"
