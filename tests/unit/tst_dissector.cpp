// SPDX-License-Identifier: GPL-3.0-or-later
// Dissector tests over real corpus packets: Info lines and fields the details tree shows,
// agreement with TShark's own Info column (run at test time), and robustness: every corpus
// packet, every truncation of a few packets and mutated copies go through dissectPacket and
// packetInfo with exact-size buffers (so ASan sees any read past capLen) and every field range
// must stay inside the captured bytes.
#include "corpuspackets.h"
#include "decode/dissector.h"
#include "tsharkinfo.h"

#include <QDir>
#include <QFileInfo>
#include <QObject>
#include <QStandardPaths>
#include <QStringList>
#include <QTest>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

using namespace netlens;
using namespace netlens::testing;

namespace {

QString info(const Packet &p)
{
    return QString::fromStdString(packetInfo(p.bytes.data(), p.capLen(), p.wireLen, p.linkType));
}

/// The promises dissectPacket makes, checked for one packet; empty when all hold.
QString checkFields(const std::vector<DissectedField> &fields, std::uint32_t capLen)
{
    if (fields.empty())
        return QStringLiteral("no fields");
    if (fields.front().depth != 0)
        return QStringLiteral("first line is not a layer");
    for (std::size_t i = 0; i < fields.size(); ++i) {
        const DissectedField &f = fields[i];
        if (std::uint64_t(f.offset) + f.length > capLen)
            return QStringLiteral("field '%1' [%2, +%3) passes capLen %4")
                .arg(QString::fromStdString(f.text))
                .arg(f.offset)
                .arg(f.length)
                .arg(capLen);
        if (i > 0 && f.depth > fields[i - 1].depth + 1)
            return QStringLiteral("depth jumps at '%1'").arg(QString::fromStdString(f.text));
        if (f.depth < 0 || f.text.empty())
            return QStringLiteral("bad line %1").arg(i);
    }
    return {};
}

QString checkPacket(const std::uint8_t *data, std::uint32_t capLen, std::uint32_t wireLen,
                    std::uint16_t linkType)
{
    const QString problem = checkFields(dissectPacket(data, capLen, wireLen, linkType), capLen);
    if (!problem.isEmpty())
        return problem;
    if (packetInfo(data, capLen, wireLen, linkType).empty())
        return QStringLiteral("empty Info");
    return {};
}

} // namespace

class TestDissector : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        if (!QDir(QStringLiteral(NETLENS_CORPUS_DIR)).exists())
            QSKIP("corpus directory not found");
    }

    void knownInfo_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("frame");
        QTest::addColumn<QString>("expected"); // a substring of our Info

        auto row = [](const char *name, const char *file, int frame, const char *expected) {
            QTest::newRow(name) << QString::fromLatin1(file) << frame
                                << QString::fromUtf8(expected);
        };
        row("tls sni", "zeek__tls_tls-conn-with-extensions.pcap", 4,
            "Client Hello (SNI=ssl.gstatic.com)");
        row("tls sni sll2", "zeek__tls_openjdk-25.0.2-zeek.org.pcap", 4,
            "Client Hello (SNI=zeek.org)");
        row("tls server", "zeek__tls_tls-conn-with-extensions.pcap", 6, "Server Hello");
        row("tls app data", "zeek__tls_tls-conn-with-extensions.pcap", 10, "Application Data");
        row("http get", "zeek__wikipedia.pcap", 6, "GET / HTTP/1.1");
        row("http status", "zeek__tunnels_vxlan-encapsulated-http.pcap", 6, "HTTP/1.1 200 OK");
        row("dns query", "zeek__wikipedia.pcap", 16,
            "Standard query 0xa7f4 AAAA upload.wikimedia.org");
        row("dns answers", "zeek__wikipedia.pcap", 21,
            "Standard query response 0x65f0 A upload.wikimedia.org CNAME "
            "upload.pmtpa.wikimedia.org A 208.80.152.3");
        row("dns tcp", "tcpdump__dns_tcp.pcap", 4, "Standard query 0x4319 A www.tcpdump.org OPT");
        row("arp who-has", "suricata-verify__decode-arp-2_arp.pcap", 1,
            "Who has 10.10.10.1? Tell 10.10.10.2");
        row("arp is-at", "suricata-verify__decode-arp-2_arp.pcap", 2,
            "10.10.10.1 is at 00:1d:09:f0:92:ab");
        row("ping request", "zeek__icmp_5-pings.pcap", 1,
            "Echo (ping) request id=0x04ca, seq=1/256, ttl=64");
        row("ping reply", "zeek__icmp_5-pings.pcap", 2, "Echo (ping) reply id=0x04ca, seq=1/256");
        row("unreachable", "pcapplusplus__IcmpPackets.pcap", 6,
            "Destination unreachable (Port unreachable)");
        row("syn", "zeek__tcp_options.pcap", 1,
            "36861 → 80 [SYN] Seq=3750886907 Win=5840 Len=0 MSS=1460 SACK_PERM");
        row("syn ack", "zeek__tcp_options.pcap", 2, "80 → 36861 [SYN, ACK] Seq=724047884");
        row("fragment", "pcapplusplus__ip4_fragments.pcap", 2,
            "Fragmented IP protocol (proto=UDP 17, off=1480");
        row("router advertisement", "tcpdump__icmpv6.pcap", 1, "Router Advertisement");
        row("dhcp", "zeek__dhcp_dhcp.pcap", 1, "DHCP Discover");
        row("ntp", "zeek__ntp_NTP_sync.pcap", 3, "NTP Version 3, symmetric active");
        row("quic", "tcpdump__quic_handshake.pcap", 1, "QUIC Initial, DCID=84acac06b42ed863");
        row("sctp", "zeek__communityid_sctp.pcap", 1, "INIT");
        row("udp", "tcpdump__ipv6-routing-header.pcap", 3, "5645 → 5642 Len=0");
    }

    void knownInfo()
    {
        QFETCH(QString, file);
        QFETCH(int, frame);
        QFETCH(QString, expected);
        const auto &packets = packetsOf(file);
        QVERIFY2(frame >= 1 && std::size_t(frame) <= packets.size(), qPrintable(file));
        const QString ours = info(packets[std::size_t(frame) - 1]);
        QVERIFY2(ours.contains(expected), qPrintable(QStringLiteral("Info is '%1'").arg(ours)));
    }

    void fields_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("frame");
        QTest::addColumn<QString>("text"); // a line that starts with this
        QTest::addColumn<int>("depth");
        QTest::addColumn<int>("offset"); // -1: any
        QTest::addColumn<int>("length");

        auto row = [](const char *name, const char *file, int frame, const char *text, int depth,
                      int offset, int length) {
            QTest::newRow(name) << QString::fromLatin1(file) << frame << QString::fromUtf8(text)
                                << depth << offset << length;
        };
        const char *ping = "zeek__icmp_5-pings.pcap";
        row("ethernet", ping, 1, "Ethernet II, Src: ", 0, 0, 14);
        row("ip layer", ping, 1, "Internet Protocol Version 4, Src: ", 0, 14, 20);
        row("ttl", ping, 1, "Time to Live: 64", 1, 22, 1);
        row("checksum", ping, 1, "Header Checksum: ", 1, 24, 2);
        row("ip src", ping, 1, "Source Address: ", 1, 26, 4);
        row("icmp type", ping, 1, "Type: 8 (Echo (ping) request)", 1, 34, 1);
        const char *syn = "zeek__tcp_options.pcap";
        row("tcp layer", syn, 1, "Transmission Control Protocol, Src Port: 36861, Dst Port: 80", 0,
            34, 40);
        row("tcp flags", syn, 1, "Flags: 0x002 (SYN)", 1, 46, 2);
        row("syn bit", syn, 1, ".... .... ..1. = Syn: Set", 2, 46, 2);
        row("mss", syn, 1, "TCP Option - Maximum segment size: 1460 bytes", 2, 54, 4);
        const char *tls = "zeek__tls_tls-conn-with-extensions.pcap";
        row("tls layer", tls, 4, "Transport Layer Security", 0, -1, -1);
        row("client hello", tls, 4, "Handshake Protocol: Client Hello", 2, -1, -1);
        row("sni", tls, 4, "Extension: server_name (len=20) name=ssl.gstatic.com", 3, -1, -1);
        const char *wiki = "zeek__wikipedia.pcap";
        row("http host", wiki, 6, "Host: ", 1, -1, -1);
        row("http method", wiki, 6, "Request Method: GET", 2, -1, -1);
        row("dns query", wiki, 16, "upload.wikimedia.org: type AAAA, class IN", 2, -1, -1);
        row("dns answer", wiki, 21, "upload.wikimedia.org: type CNAME, class IN, cname ", 2, -1,
            -1);
        row("dns address", wiki, 21, "Address: 208.80.152.3", 3, -1, 4);
        row("ipv6 ext", "libpcap__ipv6_ext_headers.pcap", 1, "IPv6 Hop-by-Hop Option", 1, -1, -1);
        row("vlan", "zeek__vlan-qinqinq.pcap", 1, "802.1Q Virtual LAN, PRI: ", 0, 14, 4);
        row("mpls", "zeek__mixed-vlan-mpls.pcap", 1, "MultiProtocol Label Switching Header", 0, 14,
            4);
        row("sll2", "zeek__linux_dlt_sll2.pcap", 1, "Linux cooked capture v2", 0, 0, 20);
        row("dhcp type", "zeek__dhcp_dhcp.pcap", 1, "Option: (53) DHCP Message Type (Discover)", 1,
            -1, 3);
        row("padding", "suricata-verify__decode-arp-2_arp.pcap", 1, "Padding: ", 1, 42, 18);
    }

    void fields()
    {
        QFETCH(QString, file);
        QFETCH(int, frame);
        QFETCH(QString, text);
        QFETCH(int, depth);
        QFETCH(int, offset);
        QFETCH(int, length);
        const auto &packets = packetsOf(file);
        QVERIFY(frame >= 1 && std::size_t(frame) <= packets.size());
        const Packet &p = packets[std::size_t(frame) - 1];
        const auto all = dissectPacket(p.bytes.data(), p.capLen(), p.wireLen, p.linkType);
        QStringList lines;
        for (const DissectedField &f : all) {
            const QString t = QString::fromStdString(f.text);
            lines << QStringLiteral("%1%2 [%3+%4]")
                         .arg(QString(f.depth * 2, QLatin1Char(' ')), t)
                         .arg(f.offset)
                         .arg(f.length);
            if (t.startsWith(text) && f.depth == depth && (offset < 0 || int(f.offset) == offset) &&
                (length < 0 || int(f.length) == length))
                return;
        }
        QFAIL(qPrintable(QStringLiteral("no such line; the tree is:\n") + lines.join(u'\n')));
    }

    /// Our Info against TShark's, for the protocols where we claim to say the same.
    void matchesTshark_data()
    {
        QTest::addColumn<QString>("file");
        for (const QString &f : corpusFiles())
            if (!f.startsWith(
                    QLatin1String("pcapng-test-generator")) && // custom blocks shift frames
                QFileInfo(corpusPath(f)).size() < 1024 * 1024)
                QTest::newRow(qPrintable(f)) << f;
    }

    void matchesTshark()
    {
        QFETCH(QString, file);
        const QString tshark = QStandardPaths::findExecutable(QStringLiteral("tshark"));
        if (tshark.isEmpty())
            QSKIP("tshark is not installed");
        const auto &packets = packetsOf(file);
        const QStringList rows = tsharkInfo(tshark, corpusPath(file));
        QVERIFY2(!rows.isEmpty() || packets.empty(), "tshark gave no rows");
        int compared = 0;
        QStringList mismatches;
        for (int i = 0; i < rows.size() && std::size_t(i) < packets.size(); ++i) {
            const QString protocols = rows[i].section(u'\t', 0, 0);
            const QString theirs = withoutCrossReferences(rows[i].section(u'\t', 1));
            const Rule rule = ruleFor(protocols, theirs);
            if (rule == Rule::Skip)
                continue;
            ++compared;
            const QString ours = simplified(info(packets[std::size_t(i)]));
            if (!agrees(rule, ours, theirs) && mismatches.size() < 10)
                mismatches << QStringLiteral("frame %1 (%2)\n   ours:   %3\n   tshark: %4")
                                  .arg(i + 1)
                                  .arg(protocols, ours, theirs);
        }
        qInfo("%s: %d of %lld frames compared", qPrintable(file), compared,
              static_cast<long long>(rows.size()));
        QVERIFY2(mismatches.isEmpty(), qPrintable(mismatches.join(u'\n')));
    }

    void robustCorpus()
    {
        std::size_t total = 0;
        for (const QString &file : corpusFiles()) {
            for (const Packet &p : readPackets(file)) {
                const QString problem =
                    checkPacket(p.bytes.data(), p.capLen(), p.wireLen, p.linkType);
                QVERIFY2(problem.isEmpty(),
                         qPrintable(
                             QStringLiteral("%1 packet %2: %3").arg(file).arg(total).arg(problem)));
                ++total;
            }
        }
        QVERIFY(total > 10000);
    }

    void robustTruncation_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("frame");
        auto row = [](const char *file, int frame) {
            QTest::newRow(qPrintable(QStringLiteral("%1#%2").arg(QLatin1String(file)).arg(frame)))
                << QString::fromLatin1(file) << frame;
        };
        row("zeek__tls_tls-conn-with-extensions.pcap", 4);
        row("zeek__tls_tls-conn-with-extensions.pcap", 6);
        row("zeek__wikipedia.pcap", 6);
        row("zeek__wikipedia.pcap", 2);
        row("zeek__wikipedia.pcap", 21);
        row("tcpdump__dns_tcp.pcap", 6);
        row("pcapplusplus__IcmpPackets.pcap", 6);
        row("tcpdump__icmpv6.pcap", 1);
        row("libpcap__ipv6_ext_headers.pcap", 1);
        row("zeek__communityid_sctp.pcap", 6);
        row("zeek__dhcp_dhcp.pcap", 2);
        row("zeek__ntp_NTP_sync.pcap", 3);
        row("tcpdump__quic_handshake.pcap", 1);
        row("tcpdump__various_gre.pcap", 25);
        row("zeek__tunnels_vxlan-encapsulated-http.pcap", 4);
        row("zeek__tunnels_Teredo.pcap", 7);
        row("zeek__vlan-qinqinq.pcap", 1);
        row("tcpdump__mpls-traceroute.pcap", 1);
        row("zeek__linux_dlt_sll2.pcap", 1);
        row("zeek__radiotap.pcap", 1);
    }

    void robustTruncation()
    {
        QFETCH(QString, file);
        QFETCH(int, frame);
        const auto &packets = packetsOf(file);
        QVERIFY(frame >= 1 && std::size_t(frame) <= packets.size());
        const Packet &p = packets[std::size_t(frame) - 1];
        for (std::uint32_t cut = 0; cut <= p.capLen(); ++cut) {
            // A fresh exact-size copy each time: reading byte `cut` is an ASan error.
            const std::vector<std::uint8_t> bytes(p.bytes.begin(), p.bytes.begin() + cut);
            for (std::uint32_t wire : {p.wireLen, cut}) { // snaplen cut, then a malformed packet
                const QString problem = checkPacket(bytes.data(), cut, wire, p.linkType);
                QVERIFY2(problem.isEmpty(),
                         qPrintable(QStringLiteral("cut at %1: %2").arg(cut).arg(problem)));
            }
        }
    }

    /// Random byte flips in real packets reach the paths that valid traffic never takes.
    void robustMutations()
    {
        std::mt19937 rng(20240601);
        const QStringList files = {QStringLiteral("zeek__wikipedia.pcap"),
                                   QStringLiteral("tcpdump__dns_tcp.pcap"),
                                   QStringLiteral("zeek__tls_tls-conn-with-extensions.pcap"),
                                   QStringLiteral("pcapplusplus__IcmpPackets.pcap"),
                                   QStringLiteral("zeek__communityid_sctp.pcap"),
                                   QStringLiteral("zeek__dhcp_dhcp.pcap"),
                                   QStringLiteral("tcpdump__quic_handshake.pcap"),
                                   QStringLiteral("libpcap__ipv6_ext_headers.pcap"),
                                   QStringLiteral("tcpdump__various_gre.pcap")};
        for (const QString &file : files) {
            for (const Packet &p : packetsOf(file)) {
                if (p.bytes.empty())
                    continue;
                for (int round = 0; round < 30; ++round) {
                    std::vector<std::uint8_t> bytes = p.bytes;
                    const int flips = 1 + int(rng() % 8);
                    for (int i = 0; i < flips; ++i)
                        bytes[rng() % bytes.size()] = static_cast<std::uint8_t>(rng());
                    const QString problem =
                        checkPacket(bytes.data(), p.capLen(), p.wireLen, p.linkType);
                    QVERIFY2(problem.isEmpty(), qPrintable(file + QStringLiteral(": ") + problem));
                }
            }
        }
    }

    /// Packets the corpus lacks, built from hex: neighbour discovery, a DNS compression loop.
    void crafted_data()
    {
        QTest::addColumn<QByteArray>("hex");
        QTest::addColumn<QString>("expected");
        const QByteArray eth6 = "3333ff000001001122334455"
                                "86dd"
                                "6000000000203aff"
                                "fe800000000000000000000000000002"
                                "ff0200000000000000000001ff000001";
        QTest::newRow("neighbor solicitation")
            << eth6 + "87000000"
                      "00000000"
                      "fe800000000000000000000000000001"
                      "0101001122334455"
            << QStringLiteral("Neighbor Solicitation for fe80::1 from 00:11:22:33:44:55");
        QTest::newRow("neighbor advertisement")
            << eth6 + "88000000"
                      "60000000"
                      "fe800000000000000000000000000001"
                      "0201001122334455"
            << QStringLiteral("Neighbor Advertisement fe80::1 (sol, ovr) is at 00:11:22:33:44:55");
        // The query's name is a compression pointer to itself.
        QTest::newRow("dns pointer loop") << QByteArray("0000000000020000000000010800"
                                                        "4500002e00000000401100000a0000010a000002"
                                                        "d4310035001a0000"
                                                        "123401000001000000000000"
                                                        "c00c00010001")
                                          << QStringLiteral("Standard query 0x1234");
        QTest::newRow("dns over tcp") << QByteArray("0000000000020000000000010800"
                                                    "4500003d0000000040060000"
                                                    "0a0000010a000002"
                                                    "d4310035000000010000000050180200"
                                                    "00000000"
                                                    "0013"
                                                    "abcd01000001000000000000"
                                                    "0161000001"
                                                    "0001")
                                      << QStringLiteral("Standard query 0xabcd A a");
    }

    void crafted()
    {
        QFETCH(QByteArray, hex);
        QFETCH(QString, expected);
        const QByteArray raw = QByteArray::fromHex(hex);
        const std::vector<std::uint8_t> bytes(raw.begin(), raw.end());
        const auto size = static_cast<std::uint32_t>(bytes.size());
        QCOMPARE(QString::fromStdString(packetInfo(bytes.data(), size, size, 1)), expected);
        QVERIFY(checkPacket(bytes.data(), size, size, 1).isEmpty());
    }

    void emptyAndNull()
    {
        QVERIFY(checkPacket(nullptr, 0, 0, 1).isEmpty());
        QVERIFY(checkPacket(nullptr, 0, 60, 1).isEmpty());
        const std::uint8_t one = 0x45;
        for (std::uint16_t lt : {0, 1, 9, 101, 105, 113, 127, 192, 228, 229, 239, 276, 4242})
            QVERIFY(checkPacket(&one, 1, 1, lt).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestDissector)
#include "tst_dissector.moc"
