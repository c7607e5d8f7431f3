// SPDX-License-Identifier: GPL-3.0-or-later
// StatsSnapshot from an Engine: totals and distributions, the protocol hierarchy, top N
// selection, counts, address text, exact timestamps in the JSON, and the display filter's
// protocol/transport/time terms.

#include "corpuspackets.h"
#include "decode/decodedpacket.h"
#include "engine/displayexpression.h"
#include "engine/displayfilter.h"
#include "engine/engine.h"
#include "engine/fileanalyzer.h"
#include "export/jsonexport.h"
#include "export/summary.h"
#include "frames.h"

#include <QTest>
#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <string>
#include <vector>

using namespace netlens;
using namespace netlens::test;

namespace {

constexpr std::int64_t kSecond = 1000000000;
constexpr std::int64_t kT0 = 1764000000 * kSecond + 9000000; // 1764000000.009 s

EngineSettings noDetection()
{
    EngineSettings s;
    s.detectApplications = false; // labels are the transports: every name is predictable
    return s;
}

Bytes udp4(const Bytes &src, const Bytes &dst, std::uint16_t sport, std::uint16_t dport,
           std::size_t payload)
{
    return cat({ether(0x0800), ipv4(17, udp(sport, dport, Bytes(payload, 0x5a)), {}, 0, src, dst)});
}

Bytes tcp4(const Bytes &src, const Bytes &dst, std::uint16_t sport, std::uint16_t dport,
           std::size_t payload)
{
    return cat({ether(0x0800),
                ipv4(6, tcp(sport, dport, 0x18, {}, Bytes(payload, 0x41)), {}, 0x4000, src, dst)});
}

/// Small mixed traffic: a TCP exchange, a UDP packet, ICMPv6, ARP and one frame of a link
/// type without addresses.
struct Mixed {
    std::vector<Bytes> frames;
    std::vector<std::uint16_t> linkTypes;
    std::vector<std::int64_t> times;
    void add(Bytes b, std::int64_t t, std::uint16_t linkType = 1)
    {
        frames.push_back(std::move(b));
        times.push_back(t);
        linkTypes.push_back(linkType);
    }
    void feed(Engine &engine) const
    {
        for (std::size_t i = 0; i < frames.size(); ++i)
            QVERIFY(engine.process(rawPacket(frames[i], times[i], linkTypes[i])));
        engine.finish();
    }
};

Mixed mixedTraffic()
{
    Mixed m;
    const Bytes c{10, 0, 0, 3};
    m.add(tcp4(kIp4A, kIp4B, 40000, 80, 10), kT0);
    m.add(tcp4(kIp4B, kIp4A, 80, 40000, 100), kT0 + 1);
    m.add(tcp4(kIp4A, kIp4B, 40000, 80, 0), kT0 + 2 * kSecond);
    m.add(tcp4(kIp4B, kIp4A, 80, 40000, 200), kT0 + 3 * kSecond);
    m.add(tcp4(kIp4A, kIp4B, 40000, 80, 0), kT0 + 3 * kSecond + 5);
    m.add(udp4(kIp4A, c, 5353, 53, 20), kT0 + 4 * kSecond);
    m.add(cat({ether(0x86dd), ipv6(58, icmp(128, 0))}), kT0 + 5 * kSecond);
    m.add(cat({ether(0x0806), arp()}), kT0 + 6 * kSecond);
    m.add(Bytes(40, 0x77), kT0 + 7 * kSecond, 147); // LINKTYPE_USER0: counted, not decoded
    return m;
}

const StatsSnapshot::Node *child(const StatsSnapshot::Node &n, const std::string &name)
{
    for (const auto &c : n.children)
        if (c.name == name)
            return &c;
    return nullptr;
}

/// Every node holds at least its children; the root and the network level hold exactly
/// their children (nothing is counted at those levels alone).
void checkHierarchy(const StatsSnapshot::Node &n, int depth, std::uint64_t &leafKept)
{
    Counter sum;
    for (const auto &c : n.children) {
        sum.add(c.counter);
        checkHierarchy(c, depth + 1, leafKept);
    }
    QVERIFY2(sum.packets <= n.counter.packets && sum.bytes <= n.counter.bytes, n.name.c_str());
    if (depth < 2)
        QVERIFY2(sum == n.counter, n.name.c_str());
    else if (depth == 2)
        leafKept += n.counter.packets - sum.packets; // what a transport keeps unnamed
    for (std::size_t i = 1; i < n.children.size(); ++i)
        QVERIFY(n.children[i - 1].counter.packets >= n.children[i].counter.packets);
}

Counter sumOf(const std::vector<StatsSnapshot::Named> &v)
{
    Counter c;
    for (const auto &n : v)
        c.add(n.counter);
    return c;
}

std::string lower(std::string s)
{
    for (char &c : s)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

/// An engine over a corpus file, with application detection.
std::unique_ptr<Engine> corpusEngine(const char *file)
{
    auto engine = std::make_unique<Engine>();
    FileAnalyzer analyzer(*engine);
    const auto results =
        analyzer.run({testing::corpusPath(QString::fromLatin1(file)).toStdString()});
    engine->finish();
    if (results.size() != 1 || results[0].outcome != FileResult::Outcome::Ok)
        return nullptr;
    return engine;
}

} // namespace

class TstStatistics : public QObject {
    Q_OBJECT

private slots:
    void totalsAndDistributions()
    {
        Engine engine(noDetection());
        const Mixed m = mixedTraffic();
        m.feed(engine);
        SnapshotOptions o;
        o.complete = true;
        const StatsSnapshotPtr s = engine.buildSnapshot(o);
        QCOMPARE(s->total.packets, std::uint64_t(9));
        std::uint64_t bytes = 0;
        for (const Bytes &b : m.frames)
            bytes += b.size();
        QCOMPARE(s->total.bytes, bytes);
        QCOMPARE(s->firstNs, kT0);
        QCOMPARE(s->lastNs, kT0 + 7 * kSecond);
        QCOMPARE(sumOf(s->transports), s->total);
        QCOMPARE(sumOf(s->protocols), s->total);

        std::map<std::string, std::uint64_t> transports;
        for (const auto &n : s->transports)
            transports[n.name] = n.counter.packets;
        const std::map<std::string, std::uint64_t> expected{
            {"TCP", 5}, {"UDP", 1}, {"ICMPv6", 1}, {"ARP", 1}, {"Link", 1}};
        QCOMPARE(transports, expected);
        QCOMPARE(s->transports.front().name, std::string("TCP")); // by packets, descending
        // Without detection every label is the transport's.
        for (const auto &p : s->protocols) {
            QVERIFY2(transports.count(p.name), p.name.c_str());
            QCOMPARE(p.counter.packets, transports[p.name]);
        }
        QCOMPARE(s->protocols.size(), s->transports.size());
        QCOMPARE(s->undecodedPackets, std::uint64_t(1));

        QCOMPARE(s->hostCount, std::uint64_t(7));         // 3 IPv4, 2 IPv6, 2 MAC
        QCOMPARE(s->conversationCount, std::uint64_t(4)); // A-B, A-C, v6, MAC pair
        QCOMPARE(s->flowCount, std::uint64_t(4));
        QCOMPARE(s->endpoints.size(), std::size_t(7));
        QCOMPARE(s->conversations.size(), std::size_t(4));
        QCOMPARE(s->flows.size(), std::size_t(4));

        // The TCP flow: A is 10.0.0.1:40000, both ways counted.
        const StatsSnapshot::Flow &f = s->flows.front();
        QCOMPARE(s->address(f.a), std::string("10.0.0.1"));
        QCOMPARE(s->address(f.b), std::string("10.0.0.2"));
        QCOMPARE(f.portA, std::uint16_t(40000));
        QCOMPARE(f.portB, std::uint16_t(80));
        QCOMPARE(f.transport, Transport::TCP);
        QCOMPARE(f.family, Family::V4);
        QCOMPARE(f.traffic.packetsAB, std::uint64_t(3));
        QCOMPARE(f.traffic.packetsBA, std::uint64_t(2));
        QCOMPARE(f.traffic.bytesAB, std::uint64_t(m.frames[0].size() + 2 * m.frames[2].size()));
        QCOMPARE(f.traffic.bytesBA, std::uint64_t(m.frames[1].size() + m.frames[3].size()));
        QCOMPARE(f.traffic.firstNs, kT0);
        QCOMPARE(f.traffic.lastNs, kT0 + 3 * kSecond + 5);
        QCOMPARE(s->protocolNames[f.label], std::string("TCP"));

        // Address text for every family.
        std::set<std::string> addresses;
        for (const auto &e : s->endpoints)
            addresses.insert(s->address(e.address));
        const std::set<std::string> want{"10.0.0.1",         "10.0.0.2",    "10.0.0.3",
                                         "2001:db8::1",      "2001:db8::2", "00:11:22:33:44:55",
                                         "66:77:88:99:aa:bb"};
        QCOMPARE(addresses, want);
        for (const auto &e : s->endpoints) {
            const std::string &a = s->address(e.address);
            const Family fam = a.find('.') != std::string::npos ? Family::V4
                               : std::count(a.begin(), a.end(), ':') == 5 && a.size() == 17
                                   ? Family::Mac
                                   : Family::V6;
            QCOMPARE(e.family, fam);
        }
        // 10.0.0.1 sent 4 packets and received 2.
        for (const auto &e : s->endpoints)
            if (s->address(e.address) == "10.0.0.1") {
                QCOMPARE(e.traffic.packetsAB, std::uint64_t(4));
                QCOMPARE(e.traffic.packetsBA, std::uint64_t(2));
            }
    }

    void hierarchy()
    {
        Engine engine(noDetection());
        mixedTraffic().feed(engine);
        const StatsSnapshotPtr s = engine.buildSnapshot({});
        const StatsSnapshot::Node &root = s->hierarchy;
        QCOMPARE(root.name, std::string("All"));
        QCOMPARE(root.counter, s->total);
        std::uint64_t kept = 0;
        checkHierarchy(root, 0, kept);
        QCOMPARE(kept, s->total.packets); // no application names: transports keep everything
        const auto *v4 = child(root, "IPv4");
        const auto *v6 = child(root, "IPv6");
        const auto *eth = child(root, "Ethernet");
        const auto *other = child(root, "Other");
        QVERIFY(v4 && v6 && eth && other);
        QCOMPARE(v4->counter.packets, std::uint64_t(6));
        QCOMPARE(child(*v4, "TCP")->counter.packets, std::uint64_t(5));
        QCOMPARE(child(*v4, "UDP")->counter.packets, std::uint64_t(1));
        QCOMPARE(child(*v6, "ICMPv6")->counter.packets, std::uint64_t(1));
        QCOMPARE(child(*eth, "ARP")->counter.packets, std::uint64_t(1));
        QCOMPARE(child(*other, "Link")->counter, (Counter{1, 40}));
        QCOMPARE(root.children.front().name, std::string("IPv4"));
    }

    void hierarchyOfCorpusFiles_data()
    {
        QTest::addColumn<QString>("file");
        for (const char *f : {"pcapplusplus__example.pcap", "zeek__tunnels_Teredo.pcap",
                              "pcapplusplus__many-protocols.pcap", "tcpdump__various_gre.pcap",
                              "pcapplusplus__ip4_fragments.pcap"})
            QTest::newRow(f) << QString::fromLatin1(f);
    }

    void hierarchyOfCorpusFiles()
    {
        QFETCH(QString, file);
        auto engine = corpusEngine(file.toLatin1().constData());
        QVERIFY(engine);
        SnapshotOptions o;
        o.complete = true;
        const StatsSnapshotPtr s = engine->buildSnapshot(o);
        QVERIFY(s->total.packets > 0);
        QCOMPARE(s->total.packets, engine->framesAccepted());
        QCOMPARE(sumOf(s->transports), s->total);
        QCOMPARE(sumOf(s->protocols), s->total);
        std::uint64_t kept = 0;
        checkHierarchy(s->hierarchy, 0, kept);
        // The application leaves plus what transports kept are every packet once.
        std::uint64_t apps = 0;
        for (const auto &k : s->hierarchy.children)
            for (const auto &t : k.children)
                for (const auto &a : t.children)
                    apps += a.counter.packets;
        QCOMPARE(apps + kept, s->total.packets);
        // Transport nodes summed over the network level equal the transport distribution.
        std::map<std::string, Counter> byTransport;
        for (const auto &k : s->hierarchy.children)
            for (const auto &t : k.children)
                byTransport[t.name].add(t.counter);
        for (const auto &n : s->transports)
            QCOMPARE(byTransport[n.name], n.counter);
        QCOMPARE(byTransport.size(), s->transports.size());
        // Protocols named by application (not the transport) agree with the leaves.
        std::map<std::string, Counter> leaves;
        for (const auto &k : s->hierarchy.children)
            for (const auto &t : k.children)
                for (const auto &a : t.children)
                    leaves[a.name].add(a.counter);
        for (const auto &[name, counter] : leaves) {
            Counter dist;
            for (const auto &p : s->protocols)
                if (p.name == name)
                    dist.add(p.counter);
            QCOMPARE(dist, counter);
        }
        // Per-row protocol names summed equal the distribution too.
        std::map<std::string, std::uint64_t> rows;
        for (std::size_t i = 0; i < engine->store().size(); ++i)
            ++rows[std::string(engine->protocolName(engine->store().at(i)))];
        for (const auto &p : s->protocols)
            QCOMPARE(rows[p.name], p.counter.packets);
        // Counts: hosts, conversations and flows agree with the engine's tables.
        // Every flow is in the table (rows keep their slots); those idle past the timeout
        // (300 s of packet time) are folded: counted, not listed.
        QCOMPARE(s->flowCount, std::uint64_t(engine->flows().size()));
        QCOMPARE(s->flowsHeld + s->flowsFolded, s->flowCount);
        QCOMPARE(s->flows.size(), std::size_t(s->flowsHeld));
        QCOMPARE(s->conversationCount, std::uint64_t(engine->statistics().conversations().size()));
        QCOMPARE(s->conversations.size(), std::size_t(s->conversationCount));
        QCOMPARE(s->endpoints.size(), std::size_t(s->hostCount));
        std::uint64_t sent = 0, received = 0;
        for (const auto &e : s->endpoints) {
            sent += e.traffic.packetsAB;
            received += e.traffic.packetsBA;
        }
        std::uint64_t flowPackets = 0;
        for (const auto &f : s->flows)
            flowPackets += f.traffic.packets();
        // Flows folded away count in the table's aggregates (with those not held, none here).
        const FoldedFlows &folded = engine->flows().folded();
        QCOMPARE(folded.other.packets, std::uint64_t(0));
        for (const Counter &c : folded.byKindTransport)
            flowPackets += c.packets;
        QCOMPARE(sent, flowPackets); // every packet of a flow has a source host
    }

    void hierarchyTiesAreOrderedByName()
    {
        // Children with equal packets are ordered by bytes, then by name, whatever order the
        // builder's hash maps hand them out in (that order changes between processes).
        Engine engine(noDetection());
        const Bytes c{10, 0, 0, 3};
        const std::vector<Bytes> frames{udp4(kIp4A, kIp4B, 1, 2, 18), tcp4(kIp4A, c, 1, 2, 6),
                                        cat({ether(0x86dd), ipv6(58, icmp(128, 0))}),
                                        cat({ether(0x86dd), ipv6(17, udp(1, 2, Bytes(26, 0)))})};
        for (const Bytes &b : frames)
            QVERIFY(engine.process(rawPacket(b, kT0)));
        engine.finish();
        const StatsSnapshotPtr s = engine.buildSnapshot({});
        const auto *v4 = child(s->hierarchy, "IPv4");
        const auto *v6 = child(s->hierarchy, "IPv6");
        QVERIFY(v4 && v6);
        // IPv4: UDP and TCP frames of equal length (14 + 20 + 8 + 18 = 14 + 20 + 20 + 6): by name.
        QCOMPARE(frames[0].size(), frames[1].size());
        QCOMPARE(v4->children.size(), std::size_t(2));
        QCOMPARE(v4->children[0].name, std::string("TCP"));
        QCOMPARE(v4->children[1].name, std::string("UDP"));
        // IPv6: one packet each, UDP has more bytes.
        QCOMPARE(v6->children[0].name, std::string("UDP"));
        QCOMPARE(v6->children[1].name, std::string("ICMPv6"));
        // Both networks have 2 packets; IPv6's are bigger.
        QCOMPARE(s->hierarchy.children[0].name, std::string("IPv6"));
    }

    void topN()
    {
        Engine engine(noDetection());
        const Bytes sink{10, 0, 0, 100};
        std::vector<Bytes> frames;
        // 20 IPv4 senders of one equal packet each to one sink: ties, broken by address id.
        for (int i = 1; i <= 20; ++i)
            frames.push_back(udp4({10, 1, 0, static_cast<std::uint8_t>(i)}, sink,
                                  static_cast<std::uint16_t>(1000 + i), 53, 50));
        // Two big IPv6 UDP flows and two TCP flows.
        const Bytes ip6C = cat({be32(0x20010db8), zeros(11), {3}});
        frames.push_back(cat({ether(0x86dd), ipv6(17, udp(1, 2, Bytes(3000, 1)))}));
        frames.push_back(cat({ether(0x86dd), ipv6(17, udp(1, 2, Bytes(2000, 1)), kIp6A, ip6C)}));
        frames.push_back(tcp4(kIp4A, kIp4B, 1, 2, 10));
        frames.push_back(tcp4(kIp4A, kIp4B, 3, 4, 10));
        for (std::size_t i = 0; i < frames.size(); ++i)
            QVERIFY(engine.process(rawPacket(frames[i], kT0 + static_cast<std::int64_t>(i))));
        engine.finish();

        SnapshotOptions o;
        o.topN = 5;
        const StatsSnapshotPtr s = engine.buildSnapshot(o);
        QCOMPARE(s->hostCount, std::uint64_t(26));
        QCOMPARE(s->conversationCount, std::uint64_t(23));
        QCOMPARE(s->flowCount, std::uint64_t(24));

        std::vector<std::string> v4, v6;
        for (const auto &e : s->endpoints)
            (e.family == Family::V4 ? v4 : v6).push_back(s->address(e.address));
        // IPv4: the sink, the two TCP ends, then the first two senders (lowest address ids)
        // of the 20 tied ones.
        QCOMPARE(v4, (std::vector<std::string>{"10.0.0.100", "10.0.0.1", "10.0.0.2", "10.1.0.1",
                                               "10.1.0.2"}));
        QCOMPARE(v6, (std::vector<std::string>{"2001:db8::1", "2001:db8::2", "2001:db8::3"}));
        // Sorted by bytes over all families; the global top 5 is inside.
        for (std::size_t i = 1; i < s->endpoints.size(); ++i)
            QVERIFY(s->endpoints[i - 1].traffic.bytes() >= s->endpoints[i].traffic.bytes());
        QCOMPARE(s->address(s->endpoints[0].address), std::string("2001:db8::1"));

        // Flows: top 5 UDP (the two IPv6 ones, then flow ids 0, 1, 2) and both TCP flows.
        std::vector<std::string> udpFlows;
        int tcpFlows = 0;
        for (const auto &f : s->flows) {
            if (f.transport == Transport::TCP)
                ++tcpFlows;
            else
                udpFlows.push_back(s->address(f.a) + ">" + s->address(f.b));
        }
        QCOMPARE(tcpFlows, 2);
        QCOMPARE(udpFlows,
                 (std::vector<std::string>{"2001:db8::1>2001:db8::2", "2001:db8::1>2001:db8::3",
                                           "10.0.0.100>10.1.0.1", "10.0.0.100>10.1.0.2",
                                           "10.0.0.100>10.1.0.3"}));
        // Conversations: 5 IPv4 of the 21 (the TCP pair is the busiest), both IPv6.
        std::size_t convV4 = 0, convV6 = 0;
        for (const auto &c : s->conversations)
            (c.family == Family::V4 ? convV4 : convV6) += 1;
        QCOMPARE(convV4, std::size_t(5));
        QCOMPARE(convV6, std::size_t(2));
        QCOMPARE(s->address(s->conversations[0].a), std::string("2001:db8::1"));

        // The global top N is always inside, whatever the family split.
        std::vector<std::pair<std::uint64_t, std::string>> all;
        const auto &hosts = engine.statistics().hosts();
        for (std::uint32_t id = 0; id < engine.addresses().size(); ++id)
            if (hosts[id].packets())
                all.emplace_back(hosts[id].bytes(), std::string(engine.addresses().text(id)));
        std::stable_sort(all.begin(), all.end(),
                         [](const auto &x, const auto &y) { return x.first > y.first; });
        std::set<std::string> got;
        for (const auto &e : s->endpoints)
            got.insert(s->address(e.address));
        for (std::size_t i = 0; i < 5; ++i)
            QVERIFY2(got.count(all[i].second), all[i].second.c_str());

        // complete: every row.
        SnapshotOptions c;
        c.topN = 5;
        c.complete = true;
        const StatsSnapshotPtr full = engine.buildSnapshot(c);
        QCOMPARE(full->endpoints.size(), std::size_t(26));
        QCOMPARE(full->conversations.size(), std::size_t(23));
        QCOMPARE(full->flows.size(), std::size_t(24));
        QVERIFY(full->complete);
        QCOMPARE(full->sequence, s->sequence + 1);
        // topN 0 in a live snapshot: no rows, the counts stay.
        SnapshotOptions none;
        none.topN = 0;
        const StatsSnapshotPtr empty = engine.buildSnapshot(none);
        QVERIFY(empty->endpoints.empty() && empty->flows.empty() && empty->conversations.empty());
        QCOMPARE(empty->hostCount, std::uint64_t(26));
    }

    void exactSecondsText()
    {
        QCOMPARE(exactSeconds(kT0), std::string("1764000000.009"));
        QCOMPARE(exactSeconds(1764000000 * kSecond), std::string("1764000000"));
        QCOMPARE(exactSeconds(1764000000 * kSecond + 123456789),
                 std::string("1764000000.123456789"));
        QCOMPARE(exactSeconds(1764000000 * kSecond + 1), std::string("1764000000.000000001"));
        QCOMPARE(exactSeconds(-1500000000), std::string("-1.5"));
        QCOMPARE(exactSeconds(0), std::string("0"));
        QCOMPARE(exactSeconds(std::numeric_limits<std::int64_t>::min()),
                 std::string("-9223372036.854775808"));
        QCOMPARE(exactSeconds(std::numeric_limits<std::int64_t>::max()),
                 std::string("9223372036.854775807"));
    }

    void jsonTimestampsAreExact()
    {
        Engine engine(noDetection());
        mixedTraffic().feed(engine);
        const QByteArray text = summaryToJsonText(Summary::build(engine, 10, {}));
        QVERIFY2(text.contains("\"start\": 1764000000.009,"), text.left(400).constData());
        QVERIFY(text.contains("\"end\": 1764000007.009,"));
        QVERIFY(!text.contains("\\u0001"));
        // The TCP flow's last packet at .009000005 keeps its nanoseconds.
        QVERIFY(text.contains("\"last\": 1764000003.009000005"));

        Engine nano(noDetection());
        const Bytes b = udp4(kIp4A, kIp4B, 1, 2, 0);
        RawPacket p = rawPacket(b, 1764000000 * kSecond + 123456789);
        p.nanoResolution = true;
        QVERIFY(nano.process(p));
        const QByteArray t2 = summaryToJsonText(Summary::build(nano, 10, {}));
        QVERIFY2(t2.contains("\"start\": 1764000000.123456789,"), t2.left(300).constData());
        QVERIFY(t2.contains("\"t\": 1764000000\n")); // the bucket start, whole seconds
        // The in-process object holds doubles; the nearest one.
        const QJsonObject o = summaryToJson(Summary::build(nano, 10, {}));
        QCOMPARE(o.value(QStringLiteral("start")).toDouble(), 1764000000.123456789);
    }

    void jsonMergesProtocolsOfOneName()
    {
        // nDPI names an ICMP flow "ICMP", the transport's own name; a non-first fragment is
        // never shown to nDPI and keeps the transport's label, also "ICMP". The JSON has one
        // key per name: both must be counted there.
        Engine engine;
        const Bytes echo = cat({ether(0x0800), ipv4(1, icmp(8, 0))});
        const Bytes fragment = cat(
            {ether(0x0800), ipv4(1, Bytes(40, 0x61), {}, 0x0010, {10, 9, 9, 1}, {10, 9, 9, 2})});
        QVERIFY(engine.process(rawPacket(echo, kT0)));
        QVERIFY(engine.process(rawPacket(fragment, kT0 + 1)));
        engine.finish();
        const Summary summary = Summary::build(engine, 10, {});
        std::uint64_t labelled = 0;
        int named = 0;
        for (const auto &p : summary.stats->protocols)
            if (p.name == "ICMP") {
                labelled += p.counter.packets;
                ++named;
            }
        QCOMPARE(labelled, std::uint64_t(2));
        if (named < 2)
            QSKIP("nDPI did not name the echo flow ICMP: nothing shares a name");
        const QJsonObject o = summaryToJson(summary);
        const QJsonObject icmp = o.value(QStringLiteral("protocols"))
                                     .toObject()
                                     .value(QStringLiteral("ICMP"))
                                     .toObject();
        QCOMPARE(icmp.value(QStringLiteral("packets")).toInteger(), qint64(2));
        QCOMPARE(icmp.value(QStringLiteral("bytes")).toInteger(),
                 qint64(echo.size() + fragment.size()));
    }

    void displayExpressionParsing()
    {
        std::string error;
        auto e = DisplayExpression::parse("protocol DNS", error);
        QVERIFY(e && e->hasTerms() && e->bpf().empty());
        e = DisplayExpression::parse("transport UDP and host 10.0.0.1", error);
        QVERIFY(e && e->hasTerms());
        QCOMPARE(e->bpf(), std::string("(host 10.0.0.1)"));
        e = DisplayExpression::parse("port 53 && transport UDP AND tcp", error);
        QVERIFY(e);
        QCOMPARE(e->bpf(), std::string("(port 53) and (tcp)"));
        e = DisplayExpression::parse("protocol \"Apple iCloud\" and time 1-2", error);
        QVERIFY2(e, error.c_str());
        QVERIFY(e->bpf().empty());
        // A quoted name keeps "and" inside it.
        e = DisplayExpression::parse("protocol \"a and b\"", error);
        QVERIFY(e && e->bpf().empty());
        // Plain BPF is passed on as typed, "or" included.
        e = DisplayExpression::parse("  host 10.0.0.1 or port 53 ", error);
        QVERIFY(e && !e->hasTerms());
        QCOMPARE(e->bpf(), std::string("host 10.0.0.1 or port 53"));
        // "or" beside terms needs parentheses, and the message names the BPF part.
        QVERIFY(!DisplayExpression::parse("protocol DNS and host a or port 53", error));
        QVERIFY2(error.find("\"host a or port 53\"") != std::string::npos &&
                     error.find("parentheses") != std::string::npos,
                 error.c_str());
        QVERIFY(!DisplayExpression::parse("transport TCP and tcp || udp", error));
        QVERIFY2(error.find("parentheses") != std::string::npos, error.c_str());
        e = DisplayExpression::parse("protocol DNS and (host a or port 53)", error);
        QVERIFY(e);
        QCOMPARE(e->bpf(), std::string("((host a or port 53))"));
        // Bad terms name themselves.
        for (const char *bad :
             {"time 5-3", "time abc", "time 1", "time 1.0000000001-2", "time 1-99999999999999"}) {
            error.clear();
            QVERIFY2(!DisplayExpression::parse(bad, error), bad);
            QVERIFY2(error.find(std::string("\"") + bad + "\"") != std::string::npos,
                     error.c_str());
        }
        QVERIFY(!DisplayExpression::parse("protocol", error));
        QVERIFY2(error.find("\"protocol\" needs a protocol name") != std::string::npos,
                 error.c_str());
        QVERIFY(!DisplayExpression::parse("transport \"\"", error));
        QVERIFY(!DisplayExpression::parse("protocol DNS and", error));
        QVERIFY2(error.find("both sides") != std::string::npos, error.c_str());
        // Negative and exact times.
        std::int64_t ns = 0;
        QVERIFY(parseSecondsNs("1764000000.009", ns));
        QCOMPARE(ns, kT0);
        QVERIFY(parseSecondsNs("-1.5", ns));
        QCOMPARE(ns, std::int64_t(-1500000000));
        QVERIFY(parseSecondsNs("2.500000000000", ns)); // trailing zeros past ns are fine
        QCOMPARE(ns, std::int64_t(2500000000));
        QVERIFY(!parseSecondsNs("1e9", ns));
        QVERIFY(!parseSecondsNs("9223372037", ns));
        QVERIFY(DisplayExpression::parse("time -2.5-1", error));
        // The terms the charts build parse back.
        QVERIFY(DisplayExpression::parse(DisplayExpression::timeTerm(kT0, kT0 + kSecond), error));
        QCOMPARE(DisplayExpression::protocolTerm("Apple iCloud"),
                 std::string("protocol \"Apple iCloud\""));
        QCOMPARE(DisplayExpression::timeTerm(kT0, kT0 + kSecond),
                 std::string("time 1764000000.009-1764000001.009"));
    }

    void displayFilterTerms_data()
    {
        QTest::addColumn<QString>("protocol");
        QTest::addColumn<QString>("transport");
        QTest::addColumn<bool>("useTime");
        QTest::newRow("protocol DNS") << QStringLiteral("DNS") << QString() << false;
        QTest::newRow("protocol DNS, time") << QStringLiteral("DNS") << QString() << true;
        QTest::newRow("protocol TLS") << QStringLiteral("TLS") << QString() << false;
        QTest::newRow("protocol nats (any case)") << QStringLiteral("nats") << QString() << false;
        QTest::newRow("transport UDP") << QString() << QStringLiteral("udp") << false;
        QTest::newRow("transport TCP, time") << QString() << QStringLiteral("TCP") << true;
        QTest::newRow("protocol HTTP, transport TCP")
            << QStringLiteral("HTTP") << QStringLiteral("TCP") << false;
        QTest::newRow("time only") << QString() << QString() << true;
        QTest::newRow("nothing matches") << QStringLiteral("DNS") << QStringLiteral("ICMP") << true;
    }

    void displayFilterTerms()
    {
        QFETCH(QString, protocol);
        QFETCH(QString, transport);
        QFETCH(bool, useTime);
        static const std::unique_ptr<Engine> engine = corpusEngine("pcapplusplus__example.pcap");
        QVERIFY(engine);
        const PacketStore &store = engine->store();
        QVERIFY(store.size() > 1000);
        const std::int64_t from = store.at(store.size() / 4).tsNs;
        const std::int64_t to = store.at(store.size() * 3 / 4).tsNs;
        std::vector<std::string> terms;
        if (!protocol.isEmpty())
            terms.push_back(DisplayExpression::protocolTerm(protocol.toStdString()));
        if (!transport.isEmpty())
            terms.push_back(DisplayExpression::transportTerm(transport.toStdString()));
        if (useTime)
            terms.push_back(DisplayExpression::timeTerm(from, to));
        std::string expression;
        for (std::size_t i = 0; i < terms.size(); ++i)
            expression += (i ? " and " : "") + terms[i];

        const auto result = DisplayFilter::run(*engine, {}, expression, 0, store.size(), nullptr);
        QVERIFY2(result.ok, result.error.c_str());
        QCOMPARE(result.endRow, store.size());
        RowList expected;
        for (std::size_t i = 0; i < store.size(); ++i) {
            const PacketRecord &r = store.at(i);
            if (!protocol.isEmpty() &&
                lower(std::string(engine->protocolName(r))) != protocol.toLower().toStdString())
                continue;
            if (!transport.isEmpty() &&
                lower(std::string(transportName(r.transport))) != transport.toLower().toStdString())
                continue;
            if (useTime && (r.tsNs < from || r.tsNs >= to))
                continue;
            expected.push_back(static_cast<RowId>(i));
        }
        qInfo("%s: %zu of %zu rows", expression.c_str(), expected.size(), store.size());
        QCOMPARE(result.rows, expected);
        if (qstrcmp(QTest::currentDataTag(), "nothing matches") != 0)
            QVERIFY(!expected.empty());
        else
            QVERIFY(expected.empty());
    }

    void displayFilterBadExpression()
    {
        Engine engine(noDetection());
        mixedTraffic().feed(engine);
        const auto r =
            DisplayFilter::run(engine, {}, "time 3-1", 0, engine.store().size(), nullptr);
        QVERIFY(!r.ok);
        QVERIFY2(r.error.find("\"time 3-1\"") != std::string::npos, r.error.c_str());
        QVERIFY(r.rows.empty());
        // Terms over the mixed traffic: the transport names as the CSV writes them.
        const auto arp =
            DisplayFilter::run(engine, {}, "transport arp", 0, engine.store().size(), nullptr);
        QVERIFY(arp.ok);
        QCOMPARE(arp.rows, RowList{7});
        const auto tcp = DisplayFilter::run(
            engine, {},
            DisplayExpression::timeTerm(kT0 + 1, kT0 + 3 * kSecond + 5) + " && transport TCP", 0,
            engine.store().size(), nullptr);
        QVERIFY(tcp.ok);
        QCOMPARE(tcp.rows, (RowList{1, 2, 3}));
    }
};

QTEST_GUILESS_MAIN(TstStatistics)
#include "tst_statistics.moc"
