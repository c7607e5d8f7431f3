// SPDX-License-Identifier: GPL-3.0-or-later
// tshark agreement test: every capture of the reference corpus is read with CaptureReader and
// decoded by the Engine, and each packet row is compared with what TShark 4.0.17 reported for
// it (reference/<file>.tsv, see the corpus README for how those rows are read).
//
// Compared per row that has an IP layer: the outermost IP source and destination, the
// transport after it, and the ports when that transport is TCP, UDP or SCTP. Packet counts must
// match for every file, and so must every packet's wire length (frame.len); a row where we find
// IP and TShark finds none fails too. Files TShark could not read completely (those with a
// reference/<file>.tshark_stderr.txt) are checked separately: a clean error, or the packets
// before the damage and then a clean stop.

#include "decode/decodedpacket.h"
#include "engine/engine.h"
#include "source/capturereader.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTest>

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>

using namespace netlens;

namespace {

constexpr double kMinOverall = 99.5; // percent, over every IP row of every file
constexpr double kMinPerFile = 99.0; // percent, per file, unless listed below
constexpr int kMismatchesShown = 8;  // rows printed for a file that fails

/// Files allowed below kMinPerFile, and why. Keep it empty: fix the decoder instead.
struct KnownException {
    const char *file;
    const char *reason;
};
constexpr std::array<KnownException, 0> kKnownExceptions{};

/// How a file that TShark could not read completely must end for us. The packets read before
/// the end must equal the rows of its reference .tsv unless `packets` says otherwise, and then
/// `reason` says why.
enum class Ending { OpenFails, Error, Truncated };
struct MalformedCase {
    const char *file;
    Ending ending;
    int packets = -1; ///< -1: as many as TShark read
    const char *reason = nullptr;
};
constexpr std::array kMalformedCases{
    MalformedCase{"libpcap__linktype-reserved-field-not-zero.pcap", Ending::OpenFails},
    MalformedCase{"libpcap__pcap-invalid-version-1.pcap", Ending::OpenFails},
    MalformedCase{"libpcap__shb-option-too-long.pcapng", Ending::Error},
    MalformedCase{"pcapplusplus__bogus-content.txt", Ending::OpenFails},
    MalformedCase{"suricata-verify__bug-1450-04_tls_DER-incomplete-header.pcap", Ending::Error},
    MalformedCase{"suricata-verify__bug-6875-01_fuzz.pcap", Ending::Error, 1,
                  "record 2 is corrupt in the standard layout, so Wireshark's pcap reader guesses "
                  "the 1999 Red Hat 'ss990417' layout (24-byte record headers) and reads frame 1 "
                  "shifted by 8 bytes plus a 1-byte frame 2. libpcap (tcpdump) and NetLens keep "
                  "the standard layout: frame 1 decodes as IPv4/TCP, then record 2 is an error."},
    MalformedCase{"suricata-verify__http-mime-truncated_input.pcap", Ending::Truncated},
};

/// Columns of reference/<file>.tsv (the tshark -e order).
enum Column {
    ColNumber,
    ColTime,
    ColLen,
    ColProtocols,
    ColIpSrc,
    ColIpDst,
    ColIpv6Src,
    ColIpv6Dst,
    ColTcpSrc,
    ColTcpDst,
    ColUdpSrc,
    ColUdpDst,
    ColSctpSrc,
    ColSctpDst,
    ColCount
};

/// One reference row, reduced to what is compared.
struct ReferenceRow {
    QString number;
    QString protocols;
    quint32 frameLen = 0;
    bool hasIp = false;
    QHostAddress src;
    QHostAddress dst;
    QString transport; ///< tshark's name, e.g. "tcp"; empty when there is none
    bool hasPorts = false;
    quint16 srcPort = 0;
    quint16 dstPort = 0;
};

/// What one file gave; the table at the end is made from these.
struct FileResult {
    QString file;
    qsizetype packets = 0;
    qsizetype ipRows = 0;
    qsizetype agreeing = 0;
    double percent() const { return ipRows ? 100.0 * agreeing / ipRows : 100.0; }
};

QString corpusDir()
{
    return QStringLiteral(NETLENS_CORPUS_DIR);
}

QString referencePath(const QString &file, const char *suffix)
{
    return corpusDir() + QStringLiteral("/reference/") + file + QLatin1StringView(suffix);
}

std::string capturePath(const QString &file)
{
    return QString(corpusDir() + QLatin1Char('/') + file).toStdString();
}

bool isMalformed(const QString &file)
{
    return QFileInfo::exists(referencePath(file, ".tshark_stderr.txt"));
}

/// Every capture in the corpus (everything but the README, MANIFEST and reference/).
QStringList corpusFiles()
{
    const QDir dir(corpusDir());
    QStringList files = dir.entryList(QDir::Files, QDir::Name);
    files.removeAll(QStringLiteral("README.md"));
    files.removeAll(QStringLiteral("MANIFEST.tsv"));
    return files;
}

/// The transport the README defines: the protocol after the first ip/ipv6, skipping IPv6
/// extension headers and AH.
QString referenceTransport(const QStringList &protocols, qsizetype ipIndex)
{
    for (qsizetype i = ipIndex + 1; i < protocols.size(); ++i) {
        const QString &p = protocols[i];
        if (p.startsWith(QLatin1StringView("ipv6.")) || p == QLatin1StringView("ah"))
            continue;
        return p;
    }
    return {};
}

bool readReference(const QString &file, QList<ReferenceRow> &rows, QString &error)
{
    QFile f(referencePath(file, ".tsv"));
    if (!f.open(QIODevice::ReadOnly)) {
        error = f.fileName() + QStringLiteral(": ") + f.errorString();
        return false;
    }
    bool header = true;
    while (!f.atEnd()) {
        QString line = QString::fromUtf8(f.readLine());
        if (line.endsWith(QLatin1Char('\n')))
            line.chop(1);
        if (header) { // an empty .tsv (file TShark could not open) has no header either
            header = false;
            continue;
        }
        const QStringList cols = line.split(QLatin1Char('\t'));
        if (cols.size() < ColCount) {
            error = f.fileName() + QStringLiteral(": short row: ") + line;
            return false;
        }
        ReferenceRow row;
        row.number = cols[ColNumber];
        row.protocols = cols[ColProtocols];
        row.frameLen = cols[ColLen].toUInt();
        const QStringList protocols = cols[ColProtocols].split(QLatin1Char(':'));
        for (qsizetype i = 0; i < protocols.size(); ++i) {
            const bool v4 = protocols[i] == QLatin1StringView("ip");
            if (!v4 && protocols[i] != QLatin1StringView("ipv6"))
                continue;
            row.hasIp = true;
            row.src = QHostAddress(cols[v4 ? ColIpSrc : ColIpv6Src]);
            row.dst = QHostAddress(cols[v4 ? ColIpDst : ColIpv6Dst]);
            row.transport = referenceTransport(protocols, i);
            break;
        }
        int portCol = -1;
        if (row.transport == QLatin1StringView("tcp"))
            portCol = ColTcpSrc;
        else if (row.transport == QLatin1StringView("udp"))
            portCol = ColUdpSrc;
        else if (row.transport == QLatin1StringView("sctp"))
            portCol = ColSctpSrc;
        if (portCol >= 0) {
            row.hasPorts = true;
            row.srcPort = cols[portCol].toUShort();
            row.dstPort = cols[portCol + 1].toUShort();
        }
        rows.append(row);
    }
    return true;
}

/// TShark's protocol name for our transport.
QString tsharkName(const PacketRecord &r)
{
    switch (r.transport) {
    case Transport::TCP: return QStringLiteral("tcp");
    case Transport::UDP: return QStringLiteral("udp");
    case Transport::ICMP: return QStringLiteral("icmp");
    case Transport::ICMPv6: return QStringLiteral("icmpv6");
    case Transport::SCTP: return QStringLiteral("sctp");
    case Transport::GRE: return QStringLiteral("gre");
    case Transport::IGMP: return QStringLiteral("igmp");
    case Transport::ESP: return QStringLiteral("esp");
    case Transport::AH: return QStringLiteral("ah");
    case Transport::IPIP: return QStringLiteral("ip");
    case Transport::IPv6in: return QStringLiteral("ipv6");
    case Transport::OSPF: return QStringLiteral("ospf");
    case Transport::EIGRP: return QStringLiteral("eigrp");
    case Transport::PIM: return QStringLiteral("pim");
    case Transport::VRRP: return QStringLiteral("vrrp");
    case Transport::UDPLite: return QStringLiteral("udplite");
    case Transport::L2TP: return QStringLiteral("l2tp");
    case Transport::OtherIP: return QStringLiteral("ip-proto-%1").arg(r.ipProto);
    default: return QString::fromLatin1(transportName(r.transport));
    }
}

QHostAddress toHostAddress(const Address &a)
{
    if (a.family == Address::V4)
        return QHostAddress(quint32(a.bytes[0]) << 24 | quint32(a.bytes[1]) << 16 |
                            quint32(a.bytes[2]) << 8 | quint32(a.bytes[3]));
    if (a.family == Address::V6)
        return QHostAddress(a.bytes.data());
    return {};
}

QString portText(bool has, quint16 src, quint16 dst)
{
    return has ? QStringLiteral("%1>%2").arg(src).arg(dst) : QStringLiteral("-");
}

/// Compares one IP row. Returns an empty string when it agrees, else what differs.
QString compareRow(const Engine &engine, const PacketRecord &r, const ReferenceRow &ref)
{
    const AddressTable &at = engine.addresses();
    // Records of IP packets hold IP addresses; others hold MACs or nothing.
    const QHostAddress src = r.src != kNoAddress ? toHostAddress(at.at(r.src)) : QHostAddress();
    const QHostAddress dst = r.dst != kNoAddress ? toHostAddress(at.at(r.dst)) : QHostAddress();
    const bool ip = !src.isNull();
    const QString ours = ip ? tsharkName(r) : QString();
    const bool checkTransport = ref.transport != QLatin1StringView("data");
    const bool ports = r.flags & pktflag::HasPorts;
    QStringList diffs;
    if (src != ref.src || dst != ref.dst)
        diffs << QStringLiteral("addr %1>%2 vs %3>%4")
                     .arg(src.toString(), dst.toString(), ref.src.toString(), ref.dst.toString());
    if (checkTransport && ours != ref.transport)
        diffs << QStringLiteral("transport %1 vs %2").arg(ours, ref.transport);
    if (ref.hasPorts && (!ports || r.srcPort != ref.srcPort || r.dstPort != ref.dstPort))
        diffs << QStringLiteral("ports %1 vs %2")
                     .arg(portText(ports, r.srcPort, r.dstPort),
                          portText(true, ref.srcPort, ref.dstPort));
    if (diffs.isEmpty())
        return {};
    return QStringLiteral("row %1 (frame %2, %3): %4")
        .arg(r.number)
        .arg(ref.number, ref.protocols, diffs.join(QStringLiteral("; ")));
}

const KnownException *knownException(const QString &file)
{
    for (const KnownException &e : kKnownExceptions)
        if (file == QLatin1StringView(e.file))
            return &e;
    return nullptr;
}

} // namespace

class TstCorpus : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void tsharkAgreement_data();
    void tsharkAgreement();
    void overallAgreement();
    void malformedFiles_data();
    void malformedFiles();

private:
    QList<FileResult> m_results;
};

void TstCorpus::initTestCase()
{
    QVERIFY2(QFileInfo::exists(corpusDir() + QStringLiteral("/README.md")),
             qPrintable(QStringLiteral("no corpus at ") + corpusDir()));
}

void TstCorpus::tsharkAgreement_data()
{
    QTest::addColumn<QString>("file");
    for (const QString &file : corpusFiles())
        if (!isMalformed(file))
            QTest::newRow(qPrintable(file)) << file;
}

void TstCorpus::tsharkAgreement()
{
    QFETCH(QString, file);
    QList<ReferenceRow> rows;
    QString refError;
    QVERIFY2(readReference(file, rows, refError), qPrintable(refError));

    std::string error;
    auto reader = CaptureReader::open(capturePath(file), error);
    QVERIFY2(reader, error.c_str());
    Engine engine;
    RawPacket packet;
    while (reader->next(packet))
        engine.process(packet);
    engine.finish();
    QVERIFY2(reader->state() == CaptureReader::State::End, reader->error().c_str());

    const PacketStore &store = engine.store();
    FileResult result;
    result.file = file;
    result.packets = static_cast<qsizetype>(store.size());
    QStringList mismatches, otherErrors;
    const qsizetype n = std::min(result.packets, rows.size());
    for (qsizetype i = 0; i < n; ++i) {
        const ReferenceRow &ref = rows[i];
        const PacketRecord &rec = store.at(static_cast<std::size_t>(i));
        if (rec.wireLen != ref.frameLen)
            otherErrors << QStringLiteral("row %1 (frame %2): wire length %3, tshark %4")
                               .arg(rec.number)
                               .arg(ref.number)
                               .arg(rec.wireLen)
                               .arg(ref.frameLen);
        if (!ref.hasIp) {
            if (isIpTransport(rec.transport))
                otherErrors << QStringLiteral("row %1 (frame %2, %3): we decode %4, tshark no IP")
                                   .arg(rec.number)
                                   .arg(ref.number, ref.protocols, tsharkName(rec));
            continue;
        }
        ++result.ipRows;
        const QString diff = compareRow(engine, rec, ref);
        if (diff.isEmpty())
            ++result.agreeing;
        else
            mismatches << diff;
    }
    m_results.append(result);

    QCOMPARE(result.packets, rows.size());
    for (qsizetype i = 0; i < std::min<qsizetype>(otherErrors.size(), kMismatchesShown); ++i)
        qInfo().noquote() << "   " << otherErrors[i];
    QVERIFY2(otherErrors.isEmpty(), "wire lengths or IP presence differ from tshark (see above)");
    if (result.percent() >= kMinPerFile)
        return;
    qInfo().noquote() << file << "agrees on" << QString::number(result.percent(), 'f', 2) << "% of"
                      << result.ipRows << "IP rows; first mismatches:";
    for (qsizetype i = 0; i < std::min<qsizetype>(mismatches.size(), kMismatchesShown); ++i)
        qInfo().noquote() << "   " << mismatches[i];
    if (const KnownException *e = knownException(file)) {
        qInfo().noquote() << "    known exception:" << e->reason;
        return;
    }
    QFAIL(qPrintable(QStringLiteral("%1: only %2% of IP rows agree with tshark")
                         .arg(file, QString::number(result.percent(), 'f', 2))));
}

void TstCorpus::overallAgreement()
{
    QVERIFY(!m_results.isEmpty());
    qsizetype ipRows = 0, agreeing = 0, packets = 0;
    qInfo().noquote() << QStringLiteral("%1 %2 %3 %4")
                             .arg(QStringLiteral("file"), -62)
                             .arg(QStringLiteral("packets"), 8)
                             .arg(QStringLiteral("IP rows"), 8)
                             .arg(QStringLiteral("agree %"), 8);
    for (const FileResult &r : m_results) {
        qInfo().noquote() << QStringLiteral("%1 %2 %3 %4")
                                 .arg(r.file, -62)
                                 .arg(r.packets, 8)
                                 .arg(r.ipRows, 8)
                                 .arg(QString::number(r.percent(), 'f', 2), 8);
        packets += r.packets;
        ipRows += r.ipRows;
        agreeing += r.agreeing;
    }
    const double overall = ipRows ? 100.0 * agreeing / ipRows : 100.0;
    qInfo().noquote() << QStringLiteral("%1 %2 %3 %4")
                             .arg(QStringLiteral("overall (%1 files)").arg(m_results.size()), -62)
                             .arg(packets, 8)
                             .arg(ipRows, 8)
                             .arg(QString::number(overall, 'f', 3), 8);
    QVERIFY2(overall >= kMinOverall, qPrintable(QStringLiteral("overall agreement %1% is below %2%")
                                                    .arg(overall, 0, 'f', 3)
                                                    .arg(kMinOverall)));
}

void TstCorpus::malformedFiles_data()
{
    QTest::addColumn<QString>("file");
    for (const QString &file : corpusFiles())
        if (isMalformed(file))
            QTest::newRow(qPrintable(file)) << file;
}

void TstCorpus::malformedFiles()
{
    QFETCH(QString, file);
    QList<ReferenceRow> rows;
    QString refError;
    QVERIFY2(readReference(file, rows, refError), qPrintable(refError));
    const MalformedCase *expected = nullptr;
    for (const MalformedCase &c : kMalformedCases)
        if (file == QLatin1StringView(c.file))
            expected = &c;

    std::string error;
    auto reader = CaptureReader::open(capturePath(file), error);
    if (!reader) {
        qInfo().noquote() << file << "does not open:" << QString::fromStdString(error);
        QVERIFY2(!error.empty(), "open failed without a message");
        QCOMPARE(rows.size(), 0);
        if (expected)
            QCOMPARE(expected->ending, Ending::OpenFails);
        return;
    }
    // Whatever the reader hands out must also go through the decoder and engine unharmed.
    Engine engine;
    RawPacket packet;
    qsizetype packets = 0;
    while (reader->next(packet)) {
        engine.process(packet);
        ++packets;
    }
    engine.finish();
    const auto state = reader->state();
    qInfo().noquote() << file << "gave" << packets << "packets, then"
                      << QString::fromStdString(reader->error());
    QVERIFY2(state == CaptureReader::State::Error || state == CaptureReader::State::Truncated,
             "a damaged file read to its end without an error");
    QVERIFY2(!reader->error().empty(), "the reader stopped without a message");
    QCOMPARE(static_cast<qsizetype>(engine.store().size()), packets);
    if (expected && expected->packets >= 0) {
        qInfo().noquote() << "    tshark read" << rows.size() << "packets; we expect"
                          << expected->packets << "because" << expected->reason;
        QCOMPARE(packets, qsizetype{expected->packets});
    } else {
        QCOMPARE(packets, rows.size());
    }
    if (expected) {
        QVERIFY2(expected->ending != Ending::OpenFails, "the file was expected not to open");
        QCOMPARE(state, expected->ending == Ending::Error ? CaptureReader::State::Error
                                                          : CaptureReader::State::Truncated);
    }
}

QTEST_GUILESS_MAIN(TstCorpus)
#include "tst_corpus.moc"
