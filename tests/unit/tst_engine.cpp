// SPDX-License-Identifier: GPL-3.0-or-later
// Engine behaviour over time: flows still under application detection are given up on when
// idle, and a flood of new flows cannot make the engine hold unbounded nDPI state.

#include "engine/engine.h"
#include "export/summary.h"
#include "frames.h"

#include <QTest>
#include <limits>

using namespace netlens;
using namespace netlens::test;

namespace {

constexpr std::int64_t kSecond = 1000000000;

// Ethernet + IPv4 + TCP SYN from 10.0.0.`host`:`srcPort` to 192.168.0.1:80, no payload: nDPI
// cannot name such a flow from its packets, only guess from the port when it gives up.
Bytes tcpSyn(std::uint8_t host, std::uint16_t srcPort)
{
    return cat({ether(0x0800),
                ipv4(6, tcp(srcPort, 80, 0x02), {}, 0x4000, {10, 0, 0, host}, {192, 168, 0, 1})});
}

class Feeder {
public:
    explicit Feeder(Engine &engine)
        : m_engine(engine)
    {
    }
    void send(const Bytes &bytes, std::int64_t tsNs)
    {
        QVERIFY(m_engine.process(rawPacket(bytes, tsNs)));
    }

private:
    Engine &m_engine;
};

std::uint32_t flowOfLastRow(const Engine &engine)
{
    return engine.store().at(engine.store().size() - 1).flow;
}

} // namespace

class TestEngine : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void idleFlowIsNamedAndFreed()
    {
        EngineSettings settings;
        settings.detectIdleNs = 30 * kSecond;
        Engine engine(settings);
        Feeder feed(engine);
        const std::int64_t t0 = 1700000000 * kSecond;

        feed.send(tcpSyn(1, 40000), t0);
        const std::uint32_t syn = flowOfLastRow(engine);
        QVERIFY(engine.flows().at(syn).detecting);
        QCOMPARE(engine.protocolName(engine.store().at(0)), std::string_view("TCP"));

        // Other traffic 29 s later: the SYN's flow is not idle long enough yet.
        feed.send(tcpSyn(2, 40001), t0 + 29 * kSecond);
        QVERIFY(engine.flows().at(syn).detecting);
        QVERIFY(engine.flows().at(syn).ndpi != nullptr);

        // 31 s after its last packet it is given up on: named by nDPI's guess, state freed.
        feed.send(tcpSyn(3, 40002), t0 + 31 * kSecond);
        const Flow &f = engine.flows().at(syn);
        QVERIFY(!f.detecting);
        QVERIFY(f.ndpi == nullptr);
        QCOMPARE(engine.protocolName(engine.store().at(0)), std::string_view("HTTP"));
        // The statistics moved its packet to the new name.
        const auto protocols = engine.statistics().protocols();
        bool http = false;
        for (const auto &[label, counter] : protocols)
            http = http || (engine.labelName(label) == "HTTP" && counter.packets >= 1);
        QVERIFY(http);

        // The later flows are still being classified until the end.
        QVERIFY(engine.flows().at(flowOfLastRow(engine)).detecting);
        engine.finish();
        QVERIFY(!engine.flows().at(flowOfLastRow(engine)).detecting);
    }

    void liveClockExpiresQuietFlows()
    {
        // A live capture calls expireIdle() on its own clock: no later packet is needed.
        Engine engine;
        Feeder feed(engine);
        const std::int64_t t0 = 1700000000 * kSecond;
        feed.send(tcpSyn(1, 40000), t0);
        const std::uint32_t syn = flowOfLastRow(engine);
        engine.expireIdle(t0 + 10 * kSecond);
        QVERIFY(engine.flows().at(syn).detecting);
        engine.expireIdle(t0 + 31 * kSecond);
        QVERIFY(!engine.flows().at(syn).detecting);
        QCOMPARE(engine.protocolName(engine.store().at(0)), std::string_view("HTTP"));
    }

    void floodIsCappedAndNamedByPort()
    {
        EngineSettings settings;
        settings.maxDetectingFlows = 100;
        Engine engine(settings);
        Feeder feed(engine);
        const std::int64_t t0 = 1700000000 * kSecond;
        // 250 new flows within one second: the first 100 are classified, the rest guessed.
        for (int i = 0; i < 250; ++i)
            feed.send(tcpSyn(static_cast<std::uint8_t>(i), static_cast<std::uint16_t>(30000 + i)),
                      t0 + i * 1000000);
        QCOMPARE(engine.flows().size(), 250u);
        int detecting = 0;
        for (std::uint32_t id = 0; id < engine.flows().size(); ++id)
            detecting += engine.flows().at(id).detecting ? 1 : 0;
        QCOMPARE(detecting, 100);
        QCOMPARE(engine.flowsNotDetected(), std::uint64_t(150));
        // A flow past the cap already has its port-based name.
        QCOMPARE(engine.protocolName(engine.store().at(249)), std::string_view("HTTP"));

        // Once the first ones go idle, new flows are classified again.
        feed.send(tcpSyn(1, 50000), t0 + 40 * kSecond);
        QVERIFY(engine.flows().at(flowOfLastRow(engine)).detecting);
        QCOMPARE(engine.flowsNotDetected(), std::uint64_t(150));

        engine.finish();
        const Summary s = Summary::build(engine, 10, {});
        bool warned = false;
        for (const std::string &w : s.warnings)
            warned = warned || w.find("150 flows were named by port only") != std::string::npos;
        QVERIFY2(warned, s.warnings.empty() ? "no warnings" : s.warnings.front().c_str());
    }

    void outOfOrderTimeDoesNotExpireEarly()
    {
        // Packet time that goes backwards must not make flows look idle.
        Engine engine;
        Feeder feed(engine);
        const std::int64_t t0 = 1700000000 * kSecond;
        feed.send(tcpSyn(1, 40000), t0 + 20 * kSecond);
        const std::uint32_t syn = flowOfLastRow(engine);
        feed.send(tcpSyn(2, 40001), t0);
        feed.send(tcpSyn(3, 40002), t0 + 45 * kSecond);
        QVERIFY(engine.flows().at(syn).detecting); // idle 25 s by the newest time
        feed.send(tcpSyn(4, 40003), t0 + 51 * kSecond);
        QVERIFY(!engine.flows().at(syn).detecting); // idle 31 s
    }

    void expiryAtTheEndsOfTime()
    {
        // pcapng timestamps can be anywhere in int64: the expiry clock must not overflow
        // (UBSan in the sanitized run checks it).
        Engine engine;
        Feeder feed(engine);
        feed.send(tcpSyn(1, 40000), std::numeric_limits<std::int64_t>::max());
        feed.send(tcpSyn(2, 40001), std::numeric_limits<std::int64_t>::max());
        QVERIFY(engine.flows().at(flowOfLastRow(engine)).detecting);
        engine.expireIdle(std::numeric_limits<std::int64_t>::min());
        QVERIFY(engine.flows().at(flowOfLastRow(engine)).detecting);
        engine.finish();
        QCOMPARE(engine.flows().size(), 2u);
    }
};

QTEST_GUILESS_MAIN(TestEngine)
#include "tst_engine.moc"
