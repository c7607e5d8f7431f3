// SPDX-License-Identifier: GPL-3.0-or-later
// FlowTable and makeFlowKey: one key per flow whichever way a packet goes, per family and
// port pair, and dense, stable flow ids.

#include "decode/decodedpacket.h"
#include "frames.h"
#include "stats/flowtable.h"

#include <QTest>
#include <vector>

using namespace netlens;
using namespace netlens::test;

namespace {

struct Keyed {
    Bytes bytes; // the decoded packet points into these
    DecodedPacket decoded;
    FlowKey key;
    bool forward = false;
    bool ok = false;
};

/// Decodes `frame` (Ethernet unless told) and builds its key.
Keyed keyOf(Bytes frame, std::uint16_t linkType = 1)
{
    Keyed k;
    k.bytes = std::move(frame);
    decodePacket(k.bytes.data(), static_cast<std::uint32_t>(k.bytes.size()),
                 static_cast<std::uint32_t>(k.bytes.size()), linkType, k.decoded);
    k.ok = makeFlowKey(k.decoded, k.key, k.forward);
    return k;
}

Bytes tcp4(const Bytes &src, const Bytes &dst, std::uint16_t sport, std::uint16_t dport)
{
    return cat({ether(0x0800), ipv4(6, tcp(sport, dport, 0x10), {}, 0x4000, src, dst)});
}

Bytes udp4(const Bytes &src, const Bytes &dst, std::uint16_t sport, std::uint16_t dport)
{
    return cat({ether(0x0800), ipv4(17, udp(sport, dport), {}, 0, src, dst)});
}

Bytes udp6(const Bytes &src, const Bytes &dst, std::uint16_t sport, std::uint16_t dport)
{
    return cat({ether(0x86dd), ipv6(17, udp(sport, dport), src, dst)});
}

} // namespace

class TstFlowTable : public QObject {
    Q_OBJECT

private slots:
    void ipv4KeyIsDirectionIndependent()
    {
        const Keyed ab = keyOf(tcp4(kIp4A, kIp4B, 40000, 80));
        const Keyed ba = keyOf(tcp4(kIp4B, kIp4A, 80, 40000));
        QVERIFY(ab.ok && ba.ok);
        QVERIFY(ab.key == ba.key);
        QCOMPARE(FlowKeyHash{}(ab.key), FlowKeyHash{}(ba.key));
        QVERIFY(ab.forward); // 10.0.0.1 < 10.0.0.2: the source is end A
        QVERIFY(!ba.forward);
        QCOMPARE(ab.key.addrLen, std::uint8_t(4));
        QCOMPARE(ab.key.ipProto, std::uint8_t(6));
        QCOMPARE(ab.key.etherType, std::uint16_t(0));
        QCOMPARE(Bytes(ab.key.a.begin(), ab.key.a.begin() + 4), kIp4A);
        QCOMPARE(Bytes(ab.key.b.begin(), ab.key.b.begin() + 4), kIp4B);
        QCOMPARE(ab.key.portA, std::uint16_t(40000)); // ports follow their addresses
        QCOMPARE(ab.key.portB, std::uint16_t(80));
        // Bytes past the address length stay zero, so equal flows hash equally.
        for (std::size_t i = 4; i < 16; ++i)
            QVERIFY(ab.key.a[i] == 0 && ab.key.b[i] == 0);
    }

    void keysSeparatePortsProtocolsAndFamilies()
    {
        const Keyed base = keyOf(tcp4(kIp4A, kIp4B, 40000, 80));
        QVERIFY(!(base.key == keyOf(tcp4(kIp4A, kIp4B, 40001, 80)).key));
        QVERIFY(!(base.key == keyOf(tcp4(kIp4A, kIp4B, 80, 40000)).key)); // ports swapped only
        QVERIFY(!(base.key == keyOf(udp4(kIp4A, kIp4B, 40000, 80)).key)); // another protocol
        QVERIFY(!(base.key == keyOf(tcp4(kIp4A, {10, 0, 0, 3}, 40000, 80)).key));
        // IPv4 bytes that prefix an IPv6 address are not the same end.
        const Bytes v6 = cat({kIp4A, zeros(12)});
        QVERIFY(!(keyOf(udp4(kIp4A, kIp4B, 1, 2)).key ==
                  keyOf(udp6(v6, cat({kIp4B, zeros(12)}), 1, 2)).key));
    }

    void ipv6Keys()
    {
        const Keyed ab = keyOf(udp6(kIp6A, kIp6B, 5353, 53));
        const Keyed ba = keyOf(udp6(kIp6B, kIp6A, 53, 5353));
        QVERIFY(ab.ok && ba.ok);
        QVERIFY(ab.key == ba.key);
        QVERIFY(ab.forward && !ba.forward);
        QCOMPARE(ab.key.addrLen, std::uint8_t(16));
        QCOMPARE(Bytes(ab.key.a.begin(), ab.key.a.end()), kIp6A);
        QCOMPARE(Bytes(ab.key.b.begin(), ab.key.b.end()), kIp6B);
        QCOMPARE(ab.key.portA, std::uint16_t(5353));
        QCOMPARE(ab.key.portB, std::uint16_t(53));
        QCOMPARE(ab.key.ipProto, std::uint8_t(17));
    }

    void sameAddressOrdersByPort()
    {
        // Loopback-like traffic from a host to itself: the lower port is end A.
        const Keyed hi = keyOf(udp4(kIp4A, kIp4A, 5000, 53));
        const Keyed lo = keyOf(udp4(kIp4A, kIp4A, 53, 5000));
        QVERIFY(hi.key == lo.key);
        QVERIFY(!hi.forward);
        QVERIFY(lo.forward);
        QCOMPARE(hi.key.portA, std::uint16_t(53));
        QCOMPARE(hi.key.portB, std::uint16_t(5000));
        // Equal ports too: forward, one key.
        const Keyed same = keyOf(udp4(kIp4A, kIp4A, 7, 7));
        QVERIFY(same.ok && same.forward);
    }

    void macFlows()
    {
        const Keyed ab = keyOf(cat({ether(0x0806, kMacB, kMacA), arp()}));
        const Keyed ba = keyOf(cat({ether(0x0806, kMacA, kMacB), arp()}));
        QVERIFY(ab.ok && ba.ok);
        QVERIFY(ab.key == ba.key);
        QCOMPARE(ab.key.addrLen, std::uint8_t(6));
        QCOMPARE(ab.key.etherType, std::uint16_t(0x0806));
        QCOMPARE(ab.key.ipProto, std::uint8_t(0));
        QCOMPARE(Bytes(ab.key.a.begin(), ab.key.a.begin() + 6), kMacA);
        QCOMPARE(Bytes(ab.key.b.begin(), ab.key.b.begin() + 6), kMacB);
        QVERIFY(ab.forward);
        QVERIFY(!ba.forward);
        // Another EtherType between the same MACs is another flow.
        const Keyed other = keyOf(cat({ether(0x88b5, kMacB, kMacA), Bytes(46, 0)}));
        QVERIFY(other.ok);
        QCOMPARE(other.key.etherType, std::uint16_t(0x88b5));
        QVERIFY(!(other.key == ab.key));
    }

    void noAddressNoKey()
    {
        // A link type counted but not decoded has no address.
        const Keyed k = keyOf(Bytes(40, 0x77), 147);
        QVERIFY(!k.ok);
        DecodedPacket empty;
        FlowKey key;
        bool forward = true;
        QVERIFY(!makeFlowKey(empty, key, forward));
    }

    void idsAreDenseAndStable()
    {
        FlowTable table;
        QCOMPARE(table.size(), 0u);
        std::vector<FlowKey> keys;
        for (std::uint16_t i = 0; i < 5000; ++i)
            keys.push_back(keyOf(udp4(kIp4A, kIp4B, static_cast<std::uint16_t>(1000 + i), 53)).key);
        std::vector<const Flow *> addresses;
        for (std::size_t i = 0; i < keys.size(); ++i) {
            bool created = false;
            QCOMPARE(table.find(keys[i], created), static_cast<std::uint32_t>(i));
            QVERIFY(created);
            table.at(static_cast<std::uint32_t>(i)).packetsAB = i;
            addresses.push_back(&table.at(static_cast<std::uint32_t>(i)));
        }
        QCOMPARE(table.size(), 5000u);
        // Found again, from either direction: same id, not created, the Flow has not moved.
        for (std::size_t i = 0; i < keys.size(); i += 7) {
            bool created = true;
            const Keyed reverse =
                keyOf(udp4(kIp4B, kIp4A, 53, static_cast<std::uint16_t>(1000 + i)));
            QCOMPARE(table.find(reverse.key, created), static_cast<std::uint32_t>(i));
            QVERIFY(!created);
            QCOMPARE(&table.at(static_cast<std::uint32_t>(i)), addresses[i]);
            QCOMPARE(table.at(static_cast<std::uint32_t>(i)).packetsAB, std::uint64_t(i));
        }
        QCOMPARE(table.size(), 5000u);
        bool created = false;
        QCOMPARE(table.find(keyOf(udp6(kIp6A, kIp6B, 1, 2)).key, created), 5000u);
        QVERIFY(created);
    }
};

QTEST_GUILESS_MAIN(TstFlowTable)
#include "tst_flowtable.moc"
