// SPDX-License-Identifier: GPL-3.0-or-later
// Decoder tests over packets built byte by byte: every link and network layer the decoder
// knows, and every packet cut short at each byte offset (run under ASan: buffers are exact).
#include "decode/decodedpacket.h"
#include "decode/linktype.h"
#include "frames.h"

#include <QTest>
#include <arpa/inet.h>
#include <cstdio>
#include <initializer_list>
#include <utility>
#include <vector>

using namespace netlens;
using namespace netlens::test;

namespace {

const Bytes kTcpSyn = tcp(1234, 80, 0x02, {2, 4, 0x05, 0xb4}, {'G', 'E', 'T'});
const Bytes kUdpDns = udp(5353, 53, {1, 2, 3, 4, 5});

QByteArray toQ(const Bytes &b)
{
    return QByteArray(reinterpret_cast<const char *>(b.data()), static_cast<qsizetype>(b.size()));
}

QByteArray addrText(const std::uint8_t *p, int len)
{
    char buf[INET6_ADDRSTRLEN] = "";
    if (!p || !len)
        return {};
    if (len == 6)
        std::snprintf(buf, sizeof buf, "%02x:%02x:%02x:%02x:%02x:%02x", p[0], p[1], p[2], p[3],
                      p[4], p[5]);
    else
        ::inet_ntop(len == 4 ? AF_INET : AF_INET6, p, buf, sizeof buf);
    return buf;
}

QByteArray name(Transport t)
{
    const std::string_view n = transportName(t);
    return QByteArray(n.data(), static_cast<qsizetype>(n.size()));
}

/// A decode over a private copy of exactly capLen bytes, so ASan catches any overread.
struct Decoded {
    std::vector<std::uint8_t> buf;
    DecodedPacket d;

    Decoded(const QByteArray &packet, std::uint16_t linkType, std::uint32_t capLen,
            std::uint32_t wireLen)
        : buf(packet.constData(), packet.constData() + capLen)
    {
        decodePacket(buf.data(), capLen, wireLen, linkType, d);
    }
    int offsetOf(const std::uint8_t *p) const { return p ? static_cast<int>(p - buf.data()) : -1; }
};

struct Expect {
    Transport transport = Transport::None;
    std::uint16_t flags = 0;
    const char *src = "";
    const char *dst = "";
    int srcPort = 0; ///< checked when flags has HasPorts
    int dstPort = 0;
    int ipProto = 0;
    int l4Offset = -1; ///< -1: not checked
    int payloadOffset = -1;
    int payloadLength = -1;
    int tcpFlags = 0;
    int vlanDepth = 0;
    int mplsDepth = 0;
    int etherType = -1;
};

} // namespace

Q_DECLARE_METATYPE(Expect)

class TstDecoder : public QObject {
    Q_OBJECT

private slots:
    void layers_data();
    void layers();
    void truncatedAtEveryOffset_data();
    void truncatedAtEveryOffset();
    void shortOnTheWireIsMalformed_data() { truncatedAtEveryOffset_data(); }
    void shortOnTheWireIsMalformed();
};

namespace {
void row(const char *name, const Bytes &packet, std::uint16_t linkType, const Expect &e)
{
    QTest::newRow(name) << toQ(packet) << int(linkType) << e;
}
constexpr std::uint16_t kPorts = pktflag::HasPorts;
constexpr const char *kA4 = "10.0.0.1", *kB4 = "10.0.0.2";
constexpr const char *kA6 = "2001:db8::1", *kB6 = "2001:db8::2";
constexpr const char *kMa = "00:11:22:33:44:55", *kMb = "66:77:88:99:aa:bb";

// Expectations for kTcpSyn and kUdpDns over IPv4 or IPv6 whose transport header is at `l4`.
Expect tcp4(int l4, std::uint16_t flags = 0, int vlans = 0, int labels = 0)
{
    const auto f = std::uint16_t(flags | kPorts);
    return {Transport::TCP, f, kA4, kB4, 1234, 80, 6, l4, l4 + 24, 3, 0x02, vlans, labels};
}
Expect udp4(int l4, std::uint16_t flags = 0, int vlans = 0, int labels = 0)
{
    const auto f = std::uint16_t(flags | kPorts);
    return {Transport::UDP, f, kA4, kB4, 5353, 53, 17, l4, l4 + 8, 5, 0, vlans, labels};
}
/// The same over IPv6.
Expect v6(Expect e)
{
    e.flags |= pktflag::Ipv6;
    e.src = kA6;
    e.dst = kB6;
    return e;
}
/// A frame without IP, addressed by MAC.
Expect byMac(Transport t, std::uint16_t flags = 0, int vlans = 0, int labels = 0,
             int etherType = -1, const char *dst = kMb)
{
    return {t, flags, kMa, dst, 0, 0, 0, -1, -1, -1, 0, vlans, labels, etherType};
}
} // namespace

void TstDecoder::layers_data()
{
    using T = Transport;
    namespace f = pktflag;
    constexpr auto eth = linktype::Ethernet;
    QTest::addColumn<QByteArray>("packet");
    QTest::addColumn<int>("linkType");
    QTest::addColumn<Expect>("e");
    const Bytes v4tcp = ipv4(6, kTcpSyn), v4udp = ipv4(17, kUdpDns);
    const Bytes v6tcp = ipv6(6, kTcpSyn), v6udp = ipv6(17, kUdpDns);

    Expect e = tcp4(34);
    e.etherType = 0x0800;
    row("ethernet ipv4 tcp", cat({ether(0x0800), v4tcp}), eth, e);
    row("ethernet ipv4 udp", cat({ether(0x0800), v4udp}), eth, udp4(34));
    // 60-byte minimum frame: the padding after the IP datagram is not payload.
    row("ethernet padded udp", cat({ether(0x0800), ipv4(17, udp(1, 2, {9, 9})), zeros(16)}), eth,
        {T::UDP, kPorts, kA4, kB4, 1, 2, 17, 34, 42, 2});
    row("ethernet icmp", cat({ether(0x0800), ipv4(1, icmp(8, 0))}), eth,
        {T::ICMP, 0, kA4, kB4, 0, 0, 1, 34, 34, 16});
    row("ethernet ipv6 icmpv6", cat({ether(0x86dd), ipv6(58, icmp(128, 0))}), eth,
        {T::ICMPv6, f::Ipv6, kA6, kB6, 0, 0, 58, 54, 54, 16, 0, 0, 0, 0x86dd});
    row("ethernet ipv6 tcp", cat({ether(0x86dd), v6tcp}), eth, v6(tcp4(54)));
    row("ethernet sctp", cat({ether(0x0800), ipv4(132, sctp(2905, 2906))}), eth,
        {T::SCTP, kPorts, kA4, kB4, 2905, 2906, 132, 34, 46, 4});
    row("ethernet arp", cat({ether(0x0806), arp()}), eth, byMac(T::ARP, 0, 0, 0, 0x0806));
    row("ethernet lldp", cat({ether(0x88cc), zeros(20)}), eth, byMac(T::LLDP));
    row("ethernet unknown ethertype", cat({ether(0x88b5), zeros(20)}), eth,
        byMac(T::OtherEther, 0, 0, 0, 0x88b5));
    row("802.3 llc (stp)", cat({ether(38), {0x42, 0x42, 0x03}, zeros(35)}), eth,
        byMac(T::LLC, 0, 0, 0, 0));
    const Bytes snap{0xaa, 0xaa, 0x03, 0, 0, 0, 0x08, 0x00};
    row("802.3 snap ipv4 udp", cat({ether(std::uint16_t(8 + v4udp.size())), snap, v4udp}), eth,
        udp4(42));
    row("802.1q ipv4 tcp", cat({ether(0x8100), tag(100, 0x0800), v4tcp}), eth,
        tcp4(38, f::Vlan, 1));
    row("802.1q llc", cat({ether(0x8100), tag(7, 20), {0xfe, 0xfe, 0x03}, zeros(17)}), eth,
        byMac(T::LLC, f::Vlan, 1));
    e = v6(udp4(62, f::Vlan, 2));
    e.etherType = 0x86dd;
    row("802.1ad qinq ipv6 udp", cat({ether(0x88a8), tag(10, 0x8100), tag(20, 0x86dd), v6udp}), eth,
        e);
    row("9100 qinqinq ipv4 tcp",
        cat({ether(0x9100), tag(1, 0x88a8), tag(2, 0x8100), tag(3, 0x0800), v4tcp}), eth,
        tcp4(46, f::Vlan, 3));
    Bytes vlans = ether(0x8100), labels = ether(0x8847);
    for (int i = 0; i < 9; ++i) {
        vlans = cat({vlans, tag(static_cast<unsigned>(i), i < 8 ? 0x8100 : 0x0800)});
        labels = cat({labels, mplsLabel(static_cast<std::uint32_t>(i), false)});
    }
    row("nine vlan tags are malformed", cat({vlans, v4tcp}), eth,
        byMac(T::None, f::Vlan | f::Malformed, 8));
    row("nine mpls labels are malformed", cat({labels, v4tcp}), eth,
        byMac(T::None, f::Mpls | f::Malformed, 0, 8));
    row("mpls two labels ipv4 udp",
        cat({ether(0x8847), mplsLabel(16, false), mplsLabel(17, true), v4udp}), eth,
        udp4(42, f::Mpls, 0, 2));
    row("mpls pseudowire ethernet ipv4 tcp",
        cat({ether(0x8847), mplsLabel(99, true), be32(0), ether(0x0800, kMacA, kMacB), v4tcp}), eth,
        tcp4(56, f::Mpls, 0, 1));
    const Bytes pppoe = cat({{0x11, 0}, be16(1), be16(unsigned(v4udp.size() + 2)), be16(0x21)});
    row("pppoe session ipv4 udp", cat({ether(0x8864), pppoe, v4udp}), eth, udp4(42, f::Pppoe));
    row("pppoe discovery", cat({ether(0x8863), {0x11, 0x09}, be16(0), be16(0)}), eth,
        byMac(T::PPPoED));
    const Bytes sll = cat({be16(0), be16(1), be16(6), kMacA, be16(0)});
    row("linux sll ipv4 tcp", cat({sll, be16(0x0800), v4tcp}), linktype::LinuxSll, tcp4(36));
    row("linux sll arp", cat({sll, be16(0x0806), arp()}), linktype::LinuxSll,
        byMac(T::ARP, 0, 0, 0, 0x0806, ""));
    row("linux sll2 ipv6 tcp",
        cat({be16(0x86dd), be16(0), be32(3), be16(1), {0, 6}, kMacA, be16(0), v6tcp}),
        linktype::LinuxSll2, v6(tcp4(60)));
    row("raw 101 ipv4", v4tcp, linktype::Raw, tcp4(20));
    row("raw 101 ipv6", v6udp, linktype::Raw, v6(udp4(40)));
    row("raw 228 ipv4", v4udp, linktype::Ipv4, udp4(20));
    row("raw 229 ipv6", v6tcp, linktype::Ipv6, v6(tcp4(40)));
    row("null af_inet little-endian", cat({le32(2), v4udp}), linktype::Null, udp4(24));
    row("null af_inet big-endian", cat({be32(2), v4udp}), linktype::Null, udp4(24));
    row("null af_inet6 30 little-endian", cat({le32(30), v6tcp}), linktype::Null, v6(tcp4(44)));
    row("null af_inet6 24 big-endian", cat({be32(24), v6tcp}), linktype::Null, v6(tcp4(44)));
    row("loop af_inet", cat({be32(2), v4udp}), linktype::Loop, udp4(24));
    row("ppp hdlc framing ipv4", cat({{0xff, 0x03}, be16(0x0021), v4tcp}), linktype::Ppp, tcp4(24));
    row("ppp compressed protocol ipv4", cat({{0x21}, v4udp}), linktype::Ppp, udp4(21));
    row("ppp ipv6", cat({be16(0x0057), v6udp}), linktype::PppHdlc, v6(udp4(42)));
    row("ppp mpls ipv4", cat({{0xff, 0x03}, be16(0x0281), mplsLabel(5, true), v4udp}),
        linktype::Ppp, udp4(28, f::Mpls, 0, 1));
    const Bytes tlvs = cat({{8, 0, 1, 0}, zeros(4), {std::uint8_t(4 + v4udp.size()), 0, 9, 0}});
    row("nflog ipv4 payload tlv", cat({{2, 0}, be16(0), tlvs, v4udp}), linktype::Nflog, udp4(36));
    row("ipv4 options tcp", cat({ether(0x0800), ipv4(6, kTcpSyn, {1, 1, 1, 0})}), eth, tcp4(38));
    row("ipv4 first fragment", cat({ether(0x0800), ipv4(17, kUdpDns, {}, 0x2000)}), eth,
        udp4(34, f::MoreFragments));
    row("ipv4 middle fragment", cat({ether(0x0800), ipv4(17, zeros(16), {}, 0x2000 | 185)}), eth,
        {T::UDP, f::Fragment, kA4, kB4, 0, 0, 17});
    row("ipv4 last fragment", cat({ether(0x0800), ipv4(6, zeros(16), {}, 370)}), eth,
        {T::TCP, f::Fragment, kA4, kB4, 0, 0, 6});
    row("ipv6 hbh routing dstopts tcp",
        cat({ether(0x86dd), ipv6(0, ext6(43, 0, ext6(60, 2, ext6(6, 0, kTcpSyn))))}), eth,
        v6(tcp4(94)));
    row("ipv6 hbh icmpv6", cat({ether(0x86dd), ipv6(0, ext6(58, 0, icmp(143, 0)))}), eth,
        {T::ICMPv6, f::Ipv6, kA6, kB6, 0, 0, 58, 62, 62, 16});
    row("ipv6 first fragment udp", cat({ether(0x86dd), ipv6(44, frag6(17, 0x0001, kUdpDns))}), eth,
        v6(udp4(62, f::MoreFragments)));
    row("ipv6 later fragment udp", cat({ether(0x86dd), ipv6(44, frag6(17, 0x0010, zeros(16)))}),
        eth, {T::UDP, f::Ipv6 | f::Fragment, kA6, kB6, 0, 0, 17});
    row("ipv6 ah tcp", cat({ether(0x86dd), ipv6(51, ah6(6, kTcpSyn))}), eth, v6(tcp4(78)));
    row("ipv6 dstopts ah udp", cat({ether(0x86dd), ipv6(60, ext6(51, 1, ah6(17, kUdpDns)))}), eth,
        v6(udp4(94)));
    row("udp vxlan port is a tunnel", cat({ether(0x0800), ipv4(17, udp(40000, 4789, zeros(8)))}),
        eth, {T::UDP, f::Tunnel | kPorts, kA4, kB4, 40000, 4789, 17, 34, 42, 8});
    const Bytes inner = ipv4(6, kTcpSyn, {}, 0, {192, 168, 1, 1}, {192, 168, 1, 2});
    const int innerLen = static_cast<int>(inner.size());
    row("gre ipv4", cat({ether(0x0800), ipv4(47, cat({be16(0), be16(0x0800), inner}))}), eth,
        {T::GRE, f::Tunnel, kA4, kB4, 0, 0, 47, 34, 38, innerLen});
    row("ip in ip", cat({ether(0x0800), ipv4(4, inner)}), eth,
        {T::IPIP, f::Tunnel, kA4, kB4, 0, 0, 4, 34, 34, innerLen});
    row("ipv6 in ipv4", cat({ether(0x0800), ipv4(41, ipv6(58, icmp(128, 0)))}), eth,
        {T::IPv6in, f::Tunnel, kA4, kB4, 0, 0, 41, 34, 34, 56});
    row("ipv4 unknown protocol", cat({ether(0x0800), ipv4(253, zeros(4))}), eth,
        {T::OtherIP, 0, kA4, kB4, 0, 0, 253, 34, 34, 4});
    Bytes shortTcp = tcp(1, 2, 0x10);
    shortTcp[12] = 0x40; // data offset of 4 words
    row("tcp header length < 20 is malformed", cat({ether(0x0800), ipv4(6, shortTcp)}), eth,
        {T::TCP, f::Malformed | kPorts, kA4, kB4, 1, 2, 6, 34, -1, -1, 0x10});
    row("unknown link type", cat({ether(0x0800), v4tcp}), 147, {T::Link, f::UnknownLink, "", ""});
}

void TstDecoder::layers()
{
    QFETCH(QByteArray, packet);
    QFETCH(int, linkType);
    QFETCH(Expect, e);
    const auto size = static_cast<std::uint32_t>(packet.size());
    const Decoded r(packet, static_cast<std::uint16_t>(linkType), size, size);
    const DecodedPacket &d = r.d;
    QCOMPARE(name(d.transport), name(e.transport));
    QCOMPARE(d.flags, e.flags);
    QCOMPARE(addrText(d.srcAddr, d.addrLen), QByteArray(e.src));
    QCOMPARE(addrText(d.dstAddr, d.addrLen), QByteArray(e.dst));
    QCOMPARE(int(d.ipProto), e.ipProto);
    QCOMPARE(d.hasPorts(), bool(e.flags & kPorts));
    QCOMPARE(int(d.srcPort), e.flags & kPorts ? e.srcPort : 0);
    QCOMPARE(int(d.dstPort), e.flags & kPorts ? e.dstPort : 0);
    QCOMPARE(int(d.tcpFlags), e.tcpFlags);
    QCOMPARE(int(d.vlanDepth), e.vlanDepth);
    QCOMPARE(int(d.mplsDepth), e.mplsDepth);
    if (e.l4Offset >= 0)
        QCOMPARE(int(d.l4Offset), e.l4Offset);
    if (e.payloadOffset >= 0)
        QCOMPARE(int(d.payloadOffset), e.payloadOffset);
    if (e.payloadLength >= 0)
        QCOMPARE(int(d.payloadLength), e.payloadLength);
    if (e.etherType >= 0)
        QCOMPARE(int(d.etherType), e.etherType);
    const int addrLen = *e.src ? (QByteArray(e.src).contains(':') ? 16 : 4) : 0;
    if (d.hasIp()) {
        QCOMPARE(int(d.addrLen), addrLen);
        QCOMPARE(int(d.ipVersion), addrLen == 16 ? 6 : 4);
        // The outermost IP header: its source address lies 12 (v4) or 8 (v6) bytes in.
        QCOMPARE(r.offsetOf(d.srcAddr), d.l3Offset + (d.ipVersion == 4 ? 12 : 8));
        QVERIFY(d.l3Offset + d.l3Length <= int(size));
    } else if (*e.src) {
        QCOMPARE(int(d.addrLen), 6); // non-IP frames are addressed by MAC
    }
}

void TstDecoder::truncatedAtEveryOffset_data()
{
    QTest::addColumn<QByteArray>("packet");
    QTest::addColumn<int>("linkType");
    QTest::addColumn<int>("linkHeader"); // bytes before any MAC address is known
    const Bytes v4tcp = ipv4(6, kTcpSyn);
    constexpr auto eth = linktype::Ethernet;
    const auto add = [](const char *n, const Bytes &p, std::uint16_t lt, int link) {
        QTest::newRow(n) << toQ(p) << int(lt) << link;
    };
    add("ethernet ipv4 options tcp", cat({ether(0x0800), ipv4(6, kTcpSyn, {1, 1, 1, 0})}), eth, 14);
    add("qinq ipv6 udp", cat({ether(0x88a8), tag(10, 0x8100), tag(20, 0x86dd), ipv6(17, kUdpDns)}),
        eth, 14);
    add("mpls pseudowire ethernet tcp",
        cat({ether(0x8847), mplsLabel(16, false), mplsLabel(99, true), be32(0),
             ether(0x0800, kMacA, kMacB), v4tcp}),
        eth, 14);
    add("pppoe ipv4 udp",
        cat({ether(0x8864), {0x11, 0}, be16(1), be16(40), be16(0x0021), ipv4(17, kUdpDns)}), eth,
        14);
    add("snap ipv4 sctp",
        cat({ether(60), {0xaa, 0xaa, 0x03, 0, 0, 0}, be16(0x0800), ipv4(132, sctp(1, 2))}), eth,
        14);
    add("ipv6 extension chain tcp",
        cat({ether(0x86dd),
             ipv6(0, ext6(43, 0, ext6(44, 2, frag6(60, 0x0001, ext6(6, 0, kTcpSyn)))))}),
        eth, 14);
    add("ipv6 ah udp", cat({ether(0x86dd), ipv6(51, ah6(17, kUdpDns))}), eth, 14);
    add("gre", cat({ether(0x0800), ipv4(47, cat({be16(0), be16(0x0800), v4tcp}))}), eth, 14);
    add("sll ipv4 tcp", cat({be16(0), be16(1), be16(6), kMacA, be16(0), be16(0x0800), v4tcp}),
        linktype::LinuxSll, 16);
    add("sll2 ipv6 udp",
        cat({be16(0x86dd), be16(0), be32(3), be16(1), {0, 6}, kMacA, be16(0), ipv6(17, kUdpDns)}),
        linktype::LinuxSll2, 20);
    add("null ipv6 tcp", cat({le32(28), ipv6(6, kTcpSyn)}), linktype::Null, 4);
    add("ppp ipv4 icmp", cat({{0xff, 0x03}, be16(0x0021), ipv4(1, icmp(0, 0))}), linktype::Ppp, 4);
    add("raw ipv4 udp", ipv4(17, kUdpDns), linktype::Raw, 0);
}

// Compares with the cut offset in both values, so a failure says where it happened.
#define COMPARE_AT(actual, expected) QCOMPARE(std::pair(cut, (actual)), std::pair(cut, (expected)))

void TstDecoder::truncatedAtEveryOffset()
{
    QFETCH(QByteArray, packet);
    QFETCH(int, linkType);
    QFETCH(int, linkHeader);
    const auto size = static_cast<std::uint32_t>(packet.size());
    const auto lt = static_cast<std::uint16_t>(linkType);
    const Decoded full(packet, lt, size, size);
    const DecodedPacket &f = full.d;
    QVERIFY(f.hasIp());
    QCOMPARE(f.flags & (pktflag::Truncated | pktflag::Malformed), 0);
    QVERIFY(f.payloadOffset > 0);
    const std::uint32_t ipMin = f.ipVersion == 4 ? 20 : 40;
    for (std::uint32_t cut = 0; cut < size; ++cut) {
        const Decoded t(packet, lt, cut, size);
        const DecodedPacket &d = t.d;
        COMPARE_AT(bool(d.flags & pktflag::Truncated), true);
        COMPARE_AT(bool(d.flags & pktflag::Malformed), false); // the wire had the bytes
        // Fields appear exactly when their bytes are there.
        COMPARE_AT(d.hasIp(), cut >= f.l3Offset + ipMin);
        if (d.hasIp()) {
            COMPARE_AT(t.offsetOf(d.srcAddr), full.offsetOf(f.srcAddr));
            COMPARE_AT(t.offsetOf(d.dstAddr), full.offsetOf(f.dstAddr));
            COMPARE_AT(d.vlanDepth, f.vlanDepth);
            COMPARE_AT(d.mplsDepth, f.mplsDepth);
            QVERIFY(d.l3Offset + d.l3Length <= cut);
        }
        if (cut < static_cast<std::uint32_t>(linkHeader))
            COMPARE_AT(d.addrLen, std::uint8_t(0));
        if (cut >= f.l3Offset && f.srcMac)
            COMPARE_AT(t.offsetOf(d.srcMac), full.offsetOf(f.srcMac));
        const bool ports = f.hasPorts() && cut >= f.l4Offset + 4u;
        COMPARE_AT(d.hasPorts(), ports);
        COMPARE_AT(d.srcPort, ports ? f.srcPort : std::uint16_t(0));
        COMPARE_AT(d.dstPort, ports ? f.dstPort : std::uint16_t(0));
        const bool tcpHeader = f.transport == Transport::TCP && cut >= f.l4Offset + 20u;
        COMPARE_AT(d.tcpFlags, tcpHeader ? f.tcpFlags : std::uint8_t(0));
        if (cut >= f.l4Offset)
            COMPARE_AT(name(d.transport), name(f.transport));
        if (cut >= f.payloadOffset) {
            COMPARE_AT(d.payloadOffset, f.payloadOffset);
            COMPARE_AT(std::uint32_t(d.payloadLength),
                       std::min<std::uint32_t>(f.payloadLength, cut - f.payloadOffset));
        } else {
            COMPARE_AT(d.payloadLength, std::uint16_t(0));
        }
    }
}

void TstDecoder::shortOnTheWireIsMalformed()
{
    // The same cuts, but the wire length says the packet really was that short: not
    // snaplen truncation, so Malformed while a header is incomplete, and never Truncated.
    QFETCH(QByteArray, packet);
    QFETCH(int, linkType);
    const auto size = static_cast<std::uint32_t>(packet.size());
    const auto lt = static_cast<std::uint16_t>(linkType);
    const Decoded full(packet, lt, size, size);
    for (std::uint32_t cut = 0; cut < size; ++cut) {
        const Decoded t(packet, lt, cut, cut);
        COMPARE_AT(bool(t.d.flags & pktflag::Truncated), false);
        COMPARE_AT(bool(t.d.flags & pktflag::Malformed), cut < full.d.payloadOffset);
    }
}

QTEST_APPLESS_MAIN(TstDecoder)
#include "tst_decoder.moc"
