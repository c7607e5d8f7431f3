// SPDX-License-Identifier: GPL-3.0-or-later
// Memory bounded for days (MemoryLimits): idle flows folded into the aggregates with their
// slots reused once no row in memory points at them, and the caps with their "other"
// buckets. Each run is compared with a run of the same packets that keeps everything.

#include "corpuspackets.h"
#include "engine/engine.h"
#include "engine/fileanalyzer.h"
#include "frames.h"

#include <QTest>
#include <map>
#include <memory>

using namespace netlens;
using namespace netlens::test;

namespace {

constexpr std::int64_t kSecond = 1000000000;
constexpr std::int64_t kT0 = 1700000000 * kSecond;

MemoryLimits keepAll()
{
    MemoryLimits l;
    l.flowIdleNs = 0;
    l.maxFlows = l.maxHosts = l.maxConversations = 0;
    return l;
}

std::unique_ptr<Engine> analyze(const QString &file, const MemoryLimits &limits)
{
    EngineSettings settings;
    settings.limits = limits;
    auto engine = std::make_unique<Engine>(settings);
    FileAnalyzer analyzer(*engine);
    const auto results = analyzer.run({testing::corpusPath(file).toStdString()});
    engine->finish();
    if (results.size() != 1 || results[0].outcome != FileResult::Outcome::Ok)
        return nullptr;
    return engine;
}

StatsSnapshotPtr finalOf(Engine &engine)
{
    return engine.buildFinalSnapshot({});
}

std::map<std::string, Counter> named(const std::vector<StatsSnapshot::Named> &v)
{
    std::map<std::string, Counter> out;
    for (const auto &n : v)
        out[n.name] = n.counter;
    return out;
}

/// The distribution as the rows say it (protocolName() of each row): what the CSV exports.
std::map<std::string, Counter> perRow(const Engine &engine)
{
    std::map<std::string, Counter> out;
    for (std::size_t row = engine.store().firstRow(); row < engine.store().size(); ++row) {
        const PacketRecord &r = engine.store().at(row);
        out[std::string(engine.protocolName(r))].add(1, r.wireLen);
    }
    return out;
}

std::map<std::string, TwoWay> endpoints(const StatsSnapshot &s)
{
    std::map<std::string, TwoWay> out;
    for (const auto &e : s.endpoints)
        out[s.address(e.address)] = e.traffic;
    return out;
}

std::map<std::pair<std::string, std::string>, TwoWay> conversations(const StatsSnapshot &s)
{
    std::map<std::pair<std::string, std::string>, TwoWay> out;
    for (const auto &c : s.conversations)
        out[{s.address(c.a), s.address(c.b)}] = c.traffic;
    return out;
}

bool sameTwoWay(const TwoWay &x, const TwoWay &y)
{
    return x.packetsAB == y.packetsAB && x.packetsBA == y.packetsBA && x.bytesAB == y.bytesAB &&
           x.bytesBA == y.bytesBA && x.firstNs == y.firstNs && x.lastNs == y.lastNs;
}

/// The hierarchy to `depth` levels (All, network, transport, application).
bool sameNode(const StatsSnapshot::Node &x, const StatsSnapshot::Node &y, int depth)
{
    if (x.name != y.name || !(x.counter == y.counter))
        return false;
    if (depth <= 1)
        return true;
    if (x.children.size() != y.children.size())
        return false;
    for (std::size_t i = 0; i < x.children.size(); ++i)
        if (!sameNode(x.children[i], y.children[i], depth - 1))
            return false;
    return true;
}

bool sameSeries(const StatsSnapshot::Series &x, const StatsSnapshot::Series &y)
{
    return x.intervalNs == y.intervalNs && x.firstStartNs == y.firstStartNs && x.total == y.total;
}

/// Packets of synthetic flows: each a client 10.1.x.y:port to a server on port 80, 443 or 22
/// (nDPI names them by port when it gives up on a bare SYN), three packets per flow.
Bytes synFrom(std::uint32_t client, std::uint16_t sport, std::uint16_t dport)
{
    return cat({ether(0x0800),
                ipv4(6, tcp(sport, dport, 0x02), {}, 0x4000,
                     {10, static_cast<std::uint8_t>(client >> 16),
                      static_cast<std::uint8_t>(client >> 8), static_cast<std::uint8_t>(client)},
                     {192, 168, 0, static_cast<std::uint8_t>(1 + dport % 3)})});
}

std::uint16_t serverPort(std::uint32_t flow)
{
    static const std::uint16_t kPorts[] = {80, 443, 22};
    return kPorts[flow % 3];
}

/// `flows` flows of three packets, 10 new flows per second of packet time.
void churn(Engine &engine, std::uint32_t flows)
{
    for (std::uint32_t i = 0; i < flows; ++i) {
        const std::int64_t t = kT0 + static_cast<std::int64_t>(i) * kSecond / 10;
        const Bytes syn =
            synFrom(i % 5000, static_cast<std::uint16_t>(1024 + i % 60000), serverPort(i));
        for (int p = 0; p < 3; ++p)
            QVERIFY(engine.process(rawPacket(syn, t + p * kSecond / 100)));
    }
}

} // namespace

class TstFlowExpiry : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void expiryKeepsTotalsExact_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<qint64>("timeoutS");
        for (const char *f : {"zeek__echo-connections.pcap", "pcapplusplus__example.pcap",
                              "pcapplusplus__many-protocols.pcap", "pcapplusplus__tls2.pcap"})
            for (const qint64 t : {1, 30}) {
                const QByteArray name = QByteArray(f) + " " + QByteArray::number(t) + " s";
                QTest::newRow(name.constData()) << QString::fromLatin1(f) << t;
            }
    }
    void expiryKeepsTotalsExact()
    {
        QFETCH(QString, file);
        QFETCH(qint64, timeoutS);
        const auto whole = analyze(file, keepAll());
        MemoryLimits limits = keepAll();
        limits.flowIdleNs = timeoutS * kSecond;
        const auto folded = analyze(file, limits);
        QVERIFY(whole && folded);
        const auto a = finalOf(*whole);
        const auto b = finalOf(*folded);

        QCOMPARE(b->total, a->total);
        QCOMPARE(named(b->transports), named(a->transports));
        QCOMPARE(b->hostCount, a->hostCount);
        QCOMPARE(endpoints(*b).size(), endpoints(*a).size());
        for (const auto &[addr, t] : endpoints(*a))
            QVERIFY2(sameTwoWay(endpoints(*b)[addr], t), addr.c_str());
        QCOMPARE(b->conversationCount, a->conversationCount);
        for (const auto &[pair, t] : conversations(*a))
            QVERIFY(sameTwoWay(conversations(*b)[pair], t));
        QVERIFY(sameSeries(b->overall, a->overall));
        QVERIFY(sameSeries(b->recent, a->recent));

        // Every flow is held or was folded; none lost, the list holds only the held ones.
        QCOMPARE(b->flowsHeld + b->flowsFolded, b->flowCount);
        QCOMPARE(std::uint64_t(b->flows.size()), b->flowsHeld);
        QCOMPARE(a->flowsFolded, std::uint64_t(0));
        QCOMPARE(a->flowCount, std::uint64_t(whole->flows().size()));
        // A flow that resumes after the timeout is a new flow, so there may be more of them.
        QVERIFY(b->flowCount >= a->flowCount);
        std::uint64_t flowPackets = 0;
        for (const auto &f : b->flows)
            flowPackets += f.traffic.packets();
        if (timeoutS == 1 && file != QLatin1String("pcapplusplus__tls2.pcap"))
            QVERIFY2(b->flowsFolded > 0, "a 1 s timeout folds flows of these files");

        // The distribution is the rows' own, flows folded or not, and the hierarchy sums to it.
        QCOMPARE(named(b->protocols), perRow(*folded));
        QCOMPARE(named(a->protocols), perRow(*whole));
        QVERIFY(sameNode(b->hierarchy, a->hierarchy, 3));
        if (b->flowCount == a->flowCount) {
            // No flow split: then everything, applications too, is as when keeping all.
            QCOMPARE(named(b->protocols), named(a->protocols));
            QVERIFY(sameNode(b->hierarchy, a->hierarchy, 4));
        }
        QVERIFY(flowPackets <= b->total.packets);
    }

    void slotsAreReusedWithoutRecords()
    {
        // No rows: a folded flow's slot is free at once, so the table holds the flows of
        // the last timeout's worth of packet time, however many come and go.
        EngineSettings settings;
        settings.keepRecords = false;
        settings.limits.flowIdleNs = 5 * kSecond;
        Engine engine(settings);
        churn(engine, 30000); // 3,000 s of packet time
        engine.finish();
        const auto s = finalOf(engine);
        QCOMPARE(s->flowCount, std::uint64_t(30000));
        QVERIFY2(engine.flows().size() < 200, std::to_string(engine.flows().size()).c_str());
        QVERIFY(s->flowsHeld < 100);
        // Steady state at 10 new flows/s: the table's bytes follow the held flows, not the
        // 30,000 seen (a 4,096-flow chunk is the smallest it gets).
        const std::size_t bytes = engine.flows().memoryBytes();
        qInfo("steady state: %u slots, %llu held, %zu bytes in the flow table",
              engine.flows().size(), static_cast<unsigned long long>(s->flowsHeld), bytes);
        QVERIFY(bytes < 4096 * sizeof(Flow) + 64 * 1024);
        QCOMPARE(s->flowsHeld + s->flowsFolded, std::uint64_t(30000));
        QCOMPARE(s->total.packets, std::uint64_t(90000));
        // Named at folding (nDPI's guess when it gives up) as when every flow is kept.
        Engine whole(EngineSettings::withLimits(keepAll()));
        churn(whole, 30000);
        whole.finish();
        QCOMPARE(named(s->protocols), named(finalOf(whole)->protocols));
        QVERIFY(s->protocols.size() >= 3); // HTTP, TLS, SSH at least
    }

    void slotsWaitForTheRowsPointingAtThem()
    {
        // Rows capped at about two chunks: a slot is reused only once every row that points
        // at its old flow has left memory, so each row in memory still names its own flow's
        // protocol, while the table stays bounded by the rows held, not the flows seen.
        EngineSettings settings;
        settings.limits.flowIdleNs = 5 * kSecond;
        Engine engine(settings);
        engine.setStoreCapacity(2 * PacketStore::kChunkSize);
        const std::uint32_t flows = 200000; // 600,000 rows, 20,000 s
        churn(engine, flows);
        engine.finish();
        Engine whole(EngineSettings::withLimits(keepAll()));
        churn(whole, flows);
        whole.finish();
        const PacketStore &store = engine.store();
        QVERIFY(store.firstRow() > 0);
        QCOMPARE(store.size(), whole.store().size());
        for (std::size_t row = store.firstRow(); row < store.size(); ++row)
            QCOMPARE(engine.protocolName(store.at(row)), whole.protocolName(whole.store().at(row)));
        // The flows' names differ by server port, so a reused slot would show.
        std::map<std::string_view, std::uint64_t> names;
        for (std::size_t row = store.firstRow(); row < store.size(); ++row)
            ++names[engine.protocolName(store.at(row))];
        QVERIFY(names.size() >= 3);
        const std::size_t held = store.size() - store.firstRow();
        QVERIFY2(engine.flows().size() <= held / 3 + PacketStore::kChunkSize / 3 + 200,
                 std::to_string(engine.flows().size()).c_str());
        QVERIFY(engine.flows().size() < flows / 2);
        const auto s = finalOf(engine);
        QCOMPARE(s->flowCount, std::uint64_t(flows));
        QCOMPARE(s->total.packets, std::uint64_t(3) * flows);
    }

    void capsCountTheRestAsOther()
    {
        // A flood of new sources past small caps: what is held stays under the caps, and the
        // other buckets carry exactly the rest.
        const auto run = [](const MemoryLimits &limits) {
            EngineSettings settings;
            settings.limits = limits;
            settings.keepRecords = false;
            auto engine = std::make_unique<Engine>(settings);
            for (std::uint32_t i = 0; i < 20000; ++i) {
                const Bytes syn = synFrom(i, static_cast<std::uint16_t>(2000 + i % 50000), 80);
                // Two packets each, both within the pressure timeout: nothing can be folded.
                engine->process(rawPacket(syn, kT0 + i * 1000));
                engine->process(rawPacket(syn, kT0 + i * 1000 + 500));
            }
            engine->finish();
            return engine;
        };
        MemoryLimits caps = keepAll();
        caps.flowIdleNs = 300 * kSecond;
        caps.maxFlows = 1000;
        caps.maxHosts = 500;
        caps.maxConversations = 800;
        const auto whole = run(keepAll());
        const auto capped = run(caps);
        const auto a = finalOf(*whole);
        const auto b = finalOf(*capped);

        QCOMPARE(b->total, a->total);
        QCOMPARE(named(b->transports), named(a->transports));
        QCOMPARE(b->flowsHeld, std::uint64_t(1000));
        QCOMPARE(b->hostCount, std::uint64_t(500));
        QCOMPARE(b->conversationCount, std::uint64_t(800));
        QVERIFY(capped->flows().size() <= 1000);
        // Flows not held: 19,000, counted to within the estimate's few per cent.
        QCOMPARE(b->otherFlows.traffic.packets, std::uint64_t(2 * 19000));
        QVERIFY2(b->otherFlows.entries > 18000 && b->otherFlows.entries < 20000,
                 std::to_string(b->otherFlows.entries).c_str());
        // Hosts: each end of each packet is in a held host or in the other bucket.
        std::uint64_t hostPackets = 0, hostBytes = 0;
        for (const auto &e : b->endpoints) {
            hostPackets += e.traffic.packets();
            hostBytes += e.traffic.bytes();
        }
        QCOMPARE(hostPackets + b->otherHosts.traffic.packets, 2 * a->total.packets);
        QCOMPARE(hostBytes + b->otherHosts.traffic.bytes, 2 * a->total.bytes);
        // 20,000 clients and the 192.168.0.2 server: 499 clients held.
        QVERIFY(b->otherHosts.entries > 19000 && b->otherHosts.entries < 20100);
        std::uint64_t convPackets = 0;
        for (const auto &c : b->conversations)
            convPackets += c.traffic.packets();
        QCOMPARE(convPackets + b->otherConversations.traffic.packets, a->total.packets);
        QVERIFY(b->otherConversations.entries > 18500 && b->otherConversations.entries < 19700);
        // Held hosts are exact.
        const auto all = endpoints(*a);
        for (const auto &[addr, t] : endpoints(*b))
            QVERIFY(sameTwoWay(all.at(addr), t));
        QVERIFY(sameNode(b->hierarchy, a->hierarchy, 3));
        QCOMPARE(a->otherFlows, StatsSnapshot::Other{});
    }

    void floodAddressesAreGivenBack()
    {
        // 600,000 one-off sources, 1,000 a second of packet time, past small caps and with a
        // row cap: once the host cap is full, an address no held flow, conversation or host
        // names, in no row in memory and idle past the horizon (a minute here: no alert
        // engine) gives its id back, so the table holds what the caps, the rows and the
        // horizon hold, not the flood.
        constexpr std::uint32_t kSources = 600000;
        constexpr std::int64_t kGapNs = kSecond / 1000;
        constexpr std::size_t kRows = PacketStore::kChunkSize;
        EngineSettings settings;
        settings.limits = keepAll();
        settings.limits.flowIdleNs = 300 * kSecond;
        settings.limits.maxFlows = 1000;
        settings.limits.maxHosts = 500;
        settings.limits.maxConversations = 800;
        Engine engine(settings);
        engine.setStoreCapacity(kRows);
        const auto source = [](std::uint32_t i) {
            return std::array<std::uint8_t, 4>{10, static_cast<std::uint8_t>(i >> 16),
                                               static_cast<std::uint8_t>(i >> 8),
                                               static_cast<std::uint8_t>(i)};
        };
        for (std::uint32_t i = 0; i < kSources; ++i) {
            const auto a = source(i);
            const Bytes syn =
                cat({ether(0x0800), ipv4(6, tcp(40000, 80, 0x02), {}, 0x4000,
                                         {a[0], a[1], a[2], a[3]}, {192, 168, 0, 1})});
            QVERIFY(engine.process(rawPacket(syn, kT0 + static_cast<std::int64_t>(i) * kGapNs)));
        }
        const AddressTable &addresses = engine.addresses();
        // Held: 500 hosts, 1,000 flows and 800 conversations (two ends each), the rows in
        // memory with the margin of a chunk (the store keeps up to a chunk more than its
        // cap), 60 s of sources, and the second of packets since the last pass.
        const std::uint64_t rowsHeld = engine.store().size() - engine.store().firstRow();
        QVERIFY(rowsHeld <= 2 * kRows);
        const std::uint64_t bound = 500 + 2 * 1000 + 2 * 800 + rowsHeld + kRows + 60 * 1000 + 1000;
        qInfo("%llu sources: %llu addresses held, %u slots, %llu given back (bound %llu)",
              static_cast<unsigned long long>(kSources),
              static_cast<unsigned long long>(addresses.liveCount()), addresses.size(),
              static_cast<unsigned long long>(addresses.reclaimedCount()),
              static_cast<unsigned long long>(bound));
        QVERIFY2(addresses.liveCount() <= bound,
                 qPrintable(QStringLiteral("%1 addresses held, bound %2")
                                .arg(addresses.liveCount())
                                .arg(bound)));
        QVERIFY2(addresses.size() <= bound + 1000, qPrintable(QString::number(addresses.size())));
        QVERIFY(addresses.reclaimedCount() >= kSources - bound);
        // Every row in memory still names its own source, reused slots or not.
        for (RowId row = engine.store().firstRow(); row < engine.store().size(); ++row) {
            const PacketRecord &r = engine.store().at(row);
            const auto a = source(static_cast<std::uint32_t>(r.frameNumber() - 1));
            const std::string expected = std::to_string(a[0]) + '.' + std::to_string(a[1]) + '.' +
                                         std::to_string(a[2]) + '.' + std::to_string(a[3]);
            if (addresses.text(r.src) != expected)
                QFAIL(
                    qPrintable(QStringLiteral("row %1 names %2, not %3")
                                   .arg(row)
                                   .arg(QString::fromStdString(std::string(addresses.text(r.src))))
                                   .arg(QString::fromStdString(expected))));
            QCOMPARE(std::string(addresses.text(r.dst)), std::string("192.168.0.1"));
        }
        // The aggregates are untouched by it: every packet counted, the caps as set.
        engine.finish();
        const auto snap = finalOf(engine);
        QCOMPARE(snap->total.packets, std::uint64_t(kSources));
        QCOMPARE(snap->hostCount, std::uint64_t(500));
        QCOMPARE(snap->conversationCount, std::uint64_t(800));
        QVERIFY(snap->otherHosts.entries > kSources * 97 / 100 &&
                snap->otherHosts.entries < kSources * 103 / 100);
        // Held hosts keep their addresses and exact counts.
        // (the server received every packet, each held client sent one; the first 499
        // clients are held, 10.0.0.0 to 10.0.1.242).
        QCOMPARE(snap->endpoints.size(), std::size_t(500));
        for (const auto &e : snap->endpoints) {
            const std::string &name = snap->address(e.address);
            QCOMPARE(e.traffic.packets(), std::uint64_t(name == "192.168.0.1" ? kSources : 1));
        }
    }

    void pressureFoldsIdleFlowsForNewOnes()
    {
        // At the flow cap, flows idle past the pressure timeout make room for new ones.
        EngineSettings settings;
        settings.keepRecords = false;
        settings.limits.maxFlows = 1000;
        settings.limits.flowPressureIdleNs = 10 * kSecond;
        Engine engine(settings);
        for (std::uint32_t i = 0; i < 1000; ++i)
            engine.process(rawPacket(synFrom(i, 3000, 80), kT0 + i * 1000));
        for (std::uint32_t i = 0; i < 1000; ++i)
            engine.process(rawPacket(synFrom(i, 4000, 80), kT0 + 20 * kSecond + i * 1000));
        // Within the pressure timeout of the newest flows: not held.
        engine.process(rawPacket(synFrom(1, 5000, 80), kT0 + 21 * kSecond));
        const auto s = finalOf(engine);
        QCOMPARE(s->flowsHeld, std::uint64_t(1000));
        QCOMPARE(s->flowsFolded, std::uint64_t(1000));
        QCOMPARE(s->otherFlows.traffic.packets, std::uint64_t(1));
        QVERIFY(engine.flows().size() <= 1001);
    }

    void parsesLimitsStrictly()
    {
        std::uint64_t cap = 7;
        std::int64_t ns = 7;
        std::string error;
        QVERIFY(parseCap("1000000", "--max-flows", cap, error));
        QCOMPARE(cap, std::uint64_t(1000000));
        QVERIFY(parseCap("0", "--max-flows", cap, error));
        QCOMPARE(cap, std::uint64_t(0));
        for (const char *bad :
             {"", "-1", "1e6", "12x", " 5", "4000000001", "99999999999999999999"}) {
            QVERIFY2(!parseCap(bad, "--max-hosts", cap, error), bad);
            QVERIFY(error.find("--max-hosts") != std::string::npos);
        }
        QVERIFY(parseTimeout("300", "--flow-timeout", ns, error));
        QCOMPARE(ns, 300 * kSecond);
        QVERIFY(!parseTimeout("1.5", "--flow-timeout", ns, error));
        QVERIFY(error.find("--flow-timeout") != std::string::npos);
        QVERIFY(!parseTimeout("40000000", "--flow-timeout", ns, error));
    }
};

QTEST_GUILESS_MAIN(TstFlowExpiry)
#include "tst_flowexpiry.moc"
