// SPDX-License-Identifier: GPL-3.0-or-later
// Capture reader tests: classic pcap and pcapng built in memory, broken files, and corpus
// files checked against tshark's reference output.
#include "source/capturereader.h"
#include "source/pcapngreader.h"

#include <QFile>
#include "bytes.h"

#include <QTest>
#include <cstring>
#include <initializer_list>
#include <vector>

using namespace netlens;
using namespace netlens::test;

namespace {

/// Appends integers in one byte order.
class Writer {
public:
    explicit Writer(bool bigEndian)
        : m_be(bigEndian)
    {
    }
    Writer &u8(unsigned v)
    {
        m_out.push_back(static_cast<std::uint8_t>(v));
        return *this;
    }
    Writer &u16(unsigned v) { return m_be ? u8(v >> 8).u8(v) : u8(v).u8(v >> 8); }
    Writer &u32(std::uint32_t v)
    {
        return m_be ? u16(v >> 16).u16(v & 0xffff) : u16(v & 0xffff).u16(v >> 16);
    }
    Writer &u64(std::uint64_t v)
    {
        const auto hi = static_cast<std::uint32_t>(v >> 32), lo = static_cast<std::uint32_t>(v);
        return m_be ? u32(hi).u32(lo) : u32(lo).u32(hi);
    }
    Writer &bytes(const Bytes &b)
    {
        m_out.insert(m_out.end(), b.begin(), b.end());
        return *this;
    }
    Writer &pad4()
    {
        while (m_out.size() % 4)
            m_out.push_back(0);
        return *this;
    }
    const Bytes &out() const { return m_out; }

private:
    bool m_be;
    Bytes m_out;
};

Bytes pattern(std::size_t n, std::uint8_t seed)
{
    Bytes b(n);
    for (std::size_t i = 0; i < n; ++i)
        b[i] = static_cast<std::uint8_t>(seed + i * 7);
    return b;
}

// --- classic pcap -------------------------------------------------------------------------

Bytes pcapHeader(bool be, bool nano, std::uint32_t linkField, std::uint16_t major = 2)
{
    return Writer(be)
        .u32(nano ? 0xa1b23c4d : 0xa1b2c3d4)
        .u16(major)
        .u16(4)
        .u32(0)
        .u32(0)
        .u32(65535)
        .u32(linkField)
        .out();
}
Bytes pcapRecord(bool be, std::uint32_t sec, std::uint32_t frac, const Bytes &data,
                 std::uint32_t wireLen, std::uint32_t capLenField = 0xffffffff)
{
    const auto capLen =
        capLenField == 0xffffffff ? static_cast<std::uint32_t>(data.size()) : capLenField;
    return Writer(be).u32(sec).u32(frac).u32(capLen).u32(wireLen).bytes(data).out();
}

// --- pcapng -------------------------------------------------------------------------------

Bytes block(bool be, std::uint32_t type, const Bytes &body)
{
    const auto len = static_cast<std::uint32_t>(12 + (body.size() + 3) / 4 * 4);
    return Writer(be).u32(type).u32(len).bytes(body).pad4().u32(len).out();
}
Bytes option(bool be, std::uint16_t code, const Bytes &value)
{
    return Writer(be).u16(code).u16(static_cast<unsigned>(value.size())).bytes(value).pad4().out();
}
Bytes endOfOptions()
{
    return {0, 0, 0, 0};
}
Bytes shb(bool be, const Bytes &options = {})
{
    return block(be, 0x0A0D0D0A,
                 cat({Writer(be).u32(0x1A2B3C4D).u16(1).u16(0).u64(~0ull).out(), options}));
}
Bytes idb(bool be, std::uint16_t linkType, std::uint32_t snapLen, const Bytes &options = {})
{
    return block(be, 1, cat({Writer(be).u16(linkType).u16(0).u32(snapLen).out(), options}));
}
Bytes epb(bool be, std::uint32_t ifId, std::uint64_t ts, const Bytes &data, std::uint32_t wireLen,
          const Bytes &options = {})
{
    Writer w(be);
    w.u32(ifId).u32(static_cast<std::uint32_t>(ts >> 32)).u32(static_cast<std::uint32_t>(ts));
    w.u32(static_cast<std::uint32_t>(data.size())).u32(wireLen).bytes(data).pad4().bytes(options);
    return block(be, 6, w.out());
}
Bytes spb(bool be, std::uint32_t wireLen, const Bytes &data)
{
    return block(be, 3, cat({Writer(be).u32(wireLen).out(), data}));
}
Bytes tsresol(bool be, std::uint8_t r)
{
    return option(be, 9, {r});
}
Bytes tsoffset(bool be, std::int64_t sec)
{
    return option(be, 14, Writer(be).u64(static_cast<std::uint64_t>(sec)).out());
}

QByteArray toQ(const Bytes &b)
{
    return QByteArray(reinterpret_cast<const char *>(b.data()), static_cast<qsizetype>(b.size()));
}

std::unique_ptr<CaptureReader> openMemory(const QByteArray &file, std::string &error)
{
    return CaptureReader::fromMemory(reinterpret_cast<const std::uint8_t *>(file.constData()),
                                     static_cast<std::size_t>(file.size()), error);
}

struct Expected {
    std::uint16_t linkType;
    std::uint32_t interfaceId;
    std::int64_t tsNs;
    Bytes data;
    std::uint32_t wireLen;
    bool nano;
};

/// Reads every packet and checks it against `want`, including that fileOffset points at it.
void readAll(const QByteArray &file, const std::vector<Expected> &want, CaptureReader &reader)
{
    RawPacket p;
    for (std::size_t i = 0; i < want.size(); ++i) {
        const Expected &e = want[i];
        QVERIFY2(reader.next(p), qPrintable(QStringLiteral("packet %1 missing: ").arg(i) +
                                            QString::fromStdString(reader.error())));
        QCOMPARE(p.linkType, e.linkType);
        QCOMPARE(p.interfaceId, e.interfaceId);
        QCOMPARE(p.tsNs, e.tsNs);
        QCOMPARE(p.capLen, static_cast<std::uint32_t>(e.data.size()));
        QCOMPARE(p.wireLen, e.wireLen);
        QCOMPARE(p.nanoResolution, e.nano);
        QCOMPARE(toQ(Bytes(p.data, p.data + p.capLen)), toQ(e.data));
        QCOMPARE(static_cast<const void *>(file.constData() + p.fileOffset),
                 static_cast<const void *>(p.data));
    }
    QVERIFY(!reader.next(p));
    QCOMPARE(int(reader.state()), int(CaptureReader::State::End));
    QVERIFY(reader.error().empty());
    QVERIFY(!reader.next(p)); // stays at the end
    QCOMPARE(reader.position(), static_cast<std::uint64_t>(file.size()));
}

QString corpus(const QString &name)
{
    return QStringLiteral(NETLENS_CORPUS_DIR "/") + name;
}

/// frame.time_epoch ("1418145369.924505488") as integer nanoseconds, without rounding.
std::int64_t parseEpochNs(const QByteArray &text)
{
    const qsizetype dot = text.indexOf('.');
    const QByteArray sec = dot < 0 ? text : text.left(dot);
    QByteArray frac = dot < 0 ? QByteArray() : text.mid(dot + 1).left(9);
    while (frac.size() < 9)
        frac.append('0');
    // Modulo 2^64, like the reader: tshark prints pre-1970 pcapng times as huge unsigned ones.
    return static_cast<std::int64_t>(sec.toULongLong() * 1000000000u + frac.toULongLong());
}

} // namespace

class TstReaders : public QObject {
    Q_OBJECT

private slots:
    void classicPcap_data();
    void classicPcap();
    void pcapngSectionsAndInterfaces();
    void pcapngMustStartWithSectionHeader();
    void pcapngLargeTimestampsAndOffsets_data();
    void pcapngLargeTimestampsAndOffsets();
    void badInput_data();
    void badInput();
    void corpusMatchesReference_data();
    void corpusMatchesReference();
    void missingFileAndDirectory();
};

void TstReaders::classicPcap_data()
{
    QTest::addColumn<bool>("bigEndian");
    QTest::addColumn<bool>("nano");
    QTest::addColumn<QByteArray>("format");
    QTest::newRow("little-endian µs") << false << false << QByteArray("pcap (µs, little-endian)");
    QTest::newRow("big-endian µs") << true << false << QByteArray("pcap (µs, big-endian)");
    QTest::newRow("little-endian ns") << false << true << QByteArray("pcap (ns, little-endian)");
    QTest::newRow("big-endian ns") << true << true << QByteArray("pcap (ns, big-endian)");
}

void TstReaders::classicPcap()
{
    QFETCH(bool, bigEndian);
    QFETCH(bool, nano);
    QFETCH(QByteArray, format);
    const bool be = bigEndian;
    const std::uint32_t frac = nano ? 123456789 : 123456;
    const std::int64_t fracNs = nano ? 123456789 : 123456000;
    const Bytes a = pattern(60, 1), b = pattern(33, 2), c = pattern(1, 3);
    const QByteArray file =
        toQ(cat({pcapHeader(be, nano, 113), pcapRecord(be, 1700000000, frac, a, 60),
                 pcapRecord(be, 1700000001, 0, b, 1514), // snaplen-truncated
                 pcapRecord(be, 0, 1, c, 0),             // wire < captured
                 pcapRecord(be, 4000000000u, frac, {}, 0)}));
    std::string error;
    auto reader = openMemory(file, error);
    QVERIFY2(reader, error.c_str());
    QCOMPARE(QByteArray::fromStdString(reader->formatName()), format);
    QCOMPARE(reader->size(), static_cast<std::uint64_t>(file.size()));
    readAll(file,
            {{113, 0, 1700000000ll * 1000000000 + fracNs, a, 60, nano},
             {113, 0, 1700000001ll * 1000000000, b, 1514, nano},
             {113, 0, nano ? 1 : 1000, c, 1, nano},
             {113, 0, 4000000000ll * 1000000000 + fracNs, {}, 0, nano}},
            *reader);
}

void TstReaders::pcapngSectionsAndInterfaces()
{
    const Bytes eth = pattern(60, 10), ip = pattern(21, 20), loop = pattern(44, 30);
    const Bytes spbData = pattern(100, 40), sll = pattern(16, 50), sllSpb = pattern(18, 60);
    const Bytes raw = pattern(7, 70);
    const QByteArray file = toQ(cat({
        // Section 1, little-endian: three interfaces with different link types and clocks.
        shb(false, cat({option(false, 4, {'t', 'e', 's', 't'}), endOfOptions()})),
        idb(false, 1, 65535),
        idb(false, 101, 0, cat({tsresol(false, 9), endOfOptions()})),
        block(false, 4, {0, 0, 0, 0}), // name resolution block: skipped
        idb(false, 0, 96, cat({tsresol(false, 0x80 | 10), tsoffset(false, 1000)})),
        epb(false, 0, 1700000000123456ull, eth, 60),
        epb(false, 1, 1700000000123456789ull, ip, 1500, option(false, 2, {0, 0, 0, 1})),
        block(false, 0x00000BAD, {1, 2, 3, 4, 5, 6, 7, 8}), // custom block: skipped
        epb(false, 2, 5 * 1024 + 512, loop, 44),
        spb(false, 100, spbData),
        block(false, 5, pattern(20, 0)), // interface statistics: skipped
        // Section 2, big-endian: interface ids start again; negative offset, ms units.
        shb(true),
        idb(true, 113, 18, cat({tsresol(true, 3), tsoffset(true, -3600), endOfOptions()})),
        epb(true, 0, 7200123, sll, 30),
        spb(true, 40, sllSpb), // padded to 20 bytes; the snap length of 18 wins
        // Section 3, little-endian again.
        shb(false),
        idb(false, 228, 0, tsresol(false, 0x80 | 20)),
        epb(false, 0, 3ull * (1 << 20) + (1 << 19), raw, 7),
    }));
    std::string error;
    auto reader = openMemory(file, error);
    QVERIFY2(reader, error.c_str());
    readAll(file,
            {{1, 0, 1700000000123456000ll, eth, 60, false},
             {101, 1, 1700000000123456789ll, ip, 1500, true},
             {0, 2, 1005500000000ll, loop, 44, false},
             {1, 0, 0, spbData, 100, false},
             {113, 0, 3600123000000ll, sll, 30, false},
             {113, 0, 0, sllSpb, 40, false},
             {228, 0, 3500000000ll, raw, 7, true}},
            *reader);
    auto *ng = dynamic_cast<PcapngReader *>(reader.get());
    QVERIFY(ng);
    QCOMPARE(ng->sectionCount(), 3);
    QCOMPARE(ng->interfaces().size(), std::size_t(1)); // of the last section
    QCOMPARE(QByteArray::fromStdString(reader->formatName()),
             QByteArray("pcapng (3 sections, 1 interfaces)"));
}

void TstReaders::pcapngMustStartWithSectionHeader()
{
    const Bytes file = idb(false, 1, 0);
    PcapngReader reader(file.data(), file.size());
    RawPacket p;
    QVERIFY(!reader.next(p));
    QCOMPARE(int(reader.state()), int(CaptureReader::State::Error));
    QVERIFY(QByteArray::fromStdString(reader.error()).contains("does not start with a section"));
}

void TstReaders::pcapngLargeTimestampsAndOffsets_data()
{
    QTest::addColumn<quint64>("ticks");
    QTest::addColumn<int>("resolution"); // if_tsresol byte
    QTest::addColumn<qint64>("offsetSec");
    QTest::addColumn<qint64>("expectedNs");
    // Each result fits in 64 bits even where a term on its own does not.
    QTest::newRow("ns ticks beyond 2262, offset back")
        << quint64(10000000000000000000u) << 9 << qint64(-9000000000) << qint64(1e18);
    QTest::newRow("offset beyond 2262 alone")
        << quint64(15000000000000000000u) << 9 << qint64(-10000000000) << qint64(5e18);
    QTest::newRow("seconds ticks, offset back")
        << quint64(10000000000) << 0 << qint64(-9000000000) << qint64(1e18);
    QTest::newRow("plain negative offset")
        << quint64(1000) << 0 << qint64(-1500) << qint64(-500000000000);
}

void TstReaders::pcapngLargeTimestampsAndOffsets()
{
    QFETCH(quint64, ticks);
    QFETCH(int, resolution);
    QFETCH(qint64, offsetSec);
    QFETCH(qint64, expectedNs);
    const Bytes data = pattern(20, 1);
    const QByteArray file =
        toQ(cat({shb(false),
                 idb(false, 1, 0,
                     cat({tsresol(false, std::uint8_t(resolution)), tsoffset(false, offsetSec)})),
                 epb(false, 0, ticks, data, 20)}));
    std::string error;
    auto reader = openMemory(file, error);
    QVERIFY(reader);
    readAll(file, {{1, 0, expectedNs, data, 20, resolution > 6}}, *reader);
}

void TstReaders::badInput_data()
{
    using S = CaptureReader::State;
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<bool>("opens");
    QTest::addColumn<int>("packets"); // delivered before the problem
    QTest::addColumn<int>("state");
    QTest::addColumn<QByteArray>("message"); // the error must contain this
    const auto row = [](const char *name, const Bytes &file, bool opens, int packets, S state,
                        const char *message) {
        QTest::newRow(name) << toQ(file) << opens << packets << int(state) << QByteArray(message);
    };
    const Bytes good = pattern(42, 9);
    const Bytes pcap = pcapHeader(false, false, 1);
    const Bytes rec = pcapRecord(false, 1, 2, good, 42);
    row("empty", {}, false, 0, S::Error, "empty (0 bytes)");
    row("3 bytes", {0xd4, 0xc3, 0xb2}, false, 0, S::Error,
        "too short to be a capture file (3 bytes)");
    row("bad magic", {'h', 'e', 'l', 'l', 'o', ' ', 'w', 'o', 'r', 'l', 'd'}, false, 0, S::Error,
        "unknown magic number 0x68656c6c");
    row("pcap version 1", pcapHeader(false, false, 1, 1), false, 0, S::Error,
        "unsupported format version 1.4");
    row("pcap header cut short", Bytes(pcap.begin(), pcap.begin() + 14), false, 0, S::Error,
        "cut short (14 of 24 bytes)");
    row("reserved link-type bits", pcapHeader(true, false, 0x00300001), false, 0, S::Error,
        "reserved bits set (0x00300000)");
    row("absurd record length", cat({pcap, rec, pcapRecord(false, 1, 2, good, 42, 0x40000000)}),
        true, 1, S::Error, "record 2 at byte offset 82 claims 1073741824 captured bytes");
    row("cut in the middle of a record",
        cat({pcap, rec, rec, pcapRecord(false, 1, 2, good, 42, 100)}), true, 2, S::Truncated,
        "cut short in the middle of record 3 at byte offset 140");
    row("cut inside a record header", cat({pcap, rec, Bytes(7, 0)}), true, 1, S::Truncated,
        "cut short inside the header of record 2");

    const Bytes ng = cat({shb(false), idb(false, 1, 0)});
    const Bytes pkt = epb(false, 0, 1, good, 42);
    Bytes badLen = pkt, shortLen = pkt, mismatch = pkt, bigCap = pkt;
    badLen[4] = 13;         // not a multiple of 4
    shortLen[4] = 8;        // below the 12-byte minimum
    mismatch.back() = 0x7f; // trailing length differs from the leading one
    bigCap[20] = 200;       // captured length beyond the block
    row("pcapng block length not a multiple of 4", cat({ng, pkt, badLen}), true, 1, S::Error,
        "has an invalid length 13");
    row("pcapng block length below 12", cat({ng, shortLen}), true, 0, S::Error,
        "has an invalid length 8");
    row("pcapng mismatched trailing length", cat({ng, mismatch}), true, 0, S::Error,
        "mismatched leading and trailing lengths");
    row("pcapng captured length beyond block", cat({ng, bigCap}), true, 0, S::Error,
        "claims 200 captured bytes, more than the block holds");
    row("pcapng interface option overruns block",
        cat({shb(false), idb(false, 1, 0, Writer(false).u16(9).u16(100).u32(0).out())}), true, 0,
        S::Error, "interface description option 9 of length 100 overruns its block");
    row("pcapng section option overruns block",
        cat({shb(false, Writer(false).u16(4).u16(9).u32(0).out())}), true, 0, S::Error,
        "section header option 4 of length 9 overruns its block");
    row("pcapng undescribed interface", cat({ng, epb(false, 3, 1, good, 42)}), true, 0, S::Error,
        "names interface 3, which was not described");
    row("pcapng cut in the middle of a block", cat({ng, pkt, Bytes(pkt.begin(), pkt.begin() + 40)}),
        true, 1, S::Truncated, "cut short in the middle of a block at byte offset");
    row("pcapng cut inside a block header", cat({ng, pkt, Bytes(pkt.begin(), pkt.begin() + 6)}),
        true, 1, S::Truncated, "cut short inside a block header");
    Bytes badBom = shb(false), version2 = shb(true);
    badBom[8] = 0x11;
    version2[13] = 2;
    row("pcapng bad byte-order magic", badBom, true, 0, S::Error, "bad byte-order magic");
    row("pcapng version 2", version2, true, 0, S::Error, "unsupported version 2");
    row("pcapng section header cut short", Bytes(badBom.begin(), badBom.begin() + 20), true, 0,
        S::Truncated, "cut short inside a section header block");
    row("pcapng if_tsresol 10^-20", cat({shb(false), idb(false, 1, 0, tsresol(false, 20))}), true,
        0, S::Error, "if_tsresol 10^-20 is out of range");
    row("pcapng if_tsresol 2^-64", cat({shb(false), idb(false, 1, 0, tsresol(false, 0xc0))}), true,
        0, S::Error, "if_tsresol 2^-64 is out of range");
}

void TstReaders::badInput()
{
    QFETCH(QByteArray, file);
    QFETCH(bool, opens);
    QFETCH(int, packets);
    QFETCH(int, state);
    QFETCH(QByteArray, message);
    // An exact-size heap copy, so that ASan sees any read past the end.
    std::vector<std::uint8_t> bytes(file.begin(), file.end());
    std::string error;
    auto reader = CaptureReader::fromMemory(bytes.data(), bytes.size(), error);
    QCOMPARE(bool(reader), opens);
    if (!reader) {
        QVERIFY(!error.empty());
        QVERIFY2(QByteArray::fromStdString(error).contains(message), error.c_str());
        return;
    }
    RawPacket p;
    int n = 0;
    while (reader->next(p))
        ++n;
    QCOMPARE(n, packets);
    QCOMPARE(int(reader->state()), state);
    QVERIFY(!reader->error().empty());
    QVERIFY2(QByteArray::fromStdString(reader->error()).contains(message), reader->error().c_str());
    QVERIFY(!reader->next(p)); // a failed reader stays failed
}

void TstReaders::corpusMatchesReference_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("state");
    const int end = int(CaptureReader::State::End);
    for (const char *f :
         {"tcpreplay__test.pcap", "tcpdump__tcp-handshake-nano.pcap",
          "pcapplusplus__nanosecs_big_endian.pcap", "tcpdump__pptp.pcap",
          "zeek__pcapng-multi-interface.pcapng", "pcapplusplus__many_interfaces-1.pcapng",
          "pcapplusplus__pcapng-example.pcapng", "pcapng-test-generator__output_be_test102.pcapng",
          "pcapng-test-generator__output_le_test202.pcapng", "tcpdump__empty.pcapng"})
        QTest::newRow(f) << QString::fromLatin1(f) << end;
    QTest::newRow("cut short") << QStringLiteral("suricata-verify__http-mime-truncated_input.pcap")
                               << int(CaptureReader::State::Truncated);
}

void TstReaders::corpusMatchesReference()
{
    QFETCH(QString, file);
    QFETCH(int, state);
    QFile tsv(corpus(QStringLiteral("reference/") + file + QStringLiteral(".tsv")));
    QVERIFY2(tsv.open(QIODevice::ReadOnly), qPrintable(tsv.fileName()));
    QList<QByteArray> rows = tsv.readAll().split('\n');
    rows.removeFirst(); // header
    while (!rows.isEmpty() && rows.last().isEmpty())
        rows.removeLast();
    std::string error;
    auto reader = CaptureReader::open(corpus(file).toStdString(), error);
    QVERIFY2(reader, error.c_str());
    RawPacket p;
    int n = 0;
    while (reader->next(p)) {
        if (n < rows.size()) { // frame.number, frame.time_epoch, frame.len
            const QList<QByteArray> cols = rows[n].split('\t');
            QCOMPARE(std::pair(n, p.tsNs), std::pair(n, parseEpochNs(cols.value(1))));
            QCOMPARE(std::pair(n, qint64(p.wireLen)), std::pair(n, cols.value(2).toLongLong()));
        }
        ++n;
    }
    QCOMPARE(n, int(rows.size()));
    QCOMPARE(int(reader->state()), state);
}

void TstReaders::missingFileAndDirectory()
{
    std::string error;
    QVERIFY(!CaptureReader::open("/nonexistent/netlens.pcap", error));
    QCOMPARE(QByteArray::fromStdString(error), QByteArray("No such file or directory"));
    error.clear();
    QVERIFY(!CaptureReader::open(NETLENS_CORPUS_DIR, error));
    QVERIFY2(QByteArray::fromStdString(error).contains("is a directory"), error.c_str());
}

QTEST_APPLESS_MAIN(TstReaders)
#include "tst_readers.moc"
