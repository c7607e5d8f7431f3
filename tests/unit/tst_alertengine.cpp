// SPDX-License-Identifier: GPL-3.0-or-later
// The alert engine on traffic the tests build (capture time only): each detector fires once
// with the right type and key over a calm background, the calm background alone fires
// nothing, a flood of spoofed sources stays under a memory cap, and a snippet holds the
// alert's packets.

#include "alerttraffic.h"
#include "engine/displayexpression.h"

#include <QTemporaryDir>
#include <QTest>
#include <limits>
#include <pcap/pcap.h>

using namespace netlens;
using namespace netlens::test;

namespace {

QString describe(const QList<Alert> &alerts)
{
    QStringList s;
    for (const Alert &a : alerts)
        s << alertKindName(a.kind) + QLatin1Char(' ') + a.key + QStringLiteral(": ") + a.summary;
    return s.join(QStringLiteral("; "));
}

// Exactly one alert, of `kind` about `key`, engaged then released (two changes, no re-sends).
void expectOne(AlertRig &rig, AlertKind kind, const QString &key)
{
    const QList<Alert> alerts = rig.alerts();
    QVERIFY2(alerts.size() == 1, qPrintable(describe(alerts)));
    const Alert &a = alerts.front();
    QCOMPARE(alertKindName(a.kind), alertKindName(kind));
    QCOMPARE(a.key, key);
    QCOMPARE(a.state, Alert::State::Released);
    QVERIFY(a.endNs >= a.startNs);
    QCOMPARE(rig.changes(), 2);
    QVERIFY(!a.uid.isEmpty());
    QVERIFY(!a.summary.isEmpty());
    QVERIFY2(a.evidence.value >= a.evidence.threshold || kind == AlertKind::Blacklist,
             qPrintable(a.summary));
    QVERIFY(a.evidence.peakValue >= a.evidence.threshold);
    // "Show packets" takes it as it is: a valid display expression for the capture.
    std::string error;
    QVERIFY2(DisplayExpression::validate(a.displayFilter.toStdString(), 1, error),
             qPrintable(a.displayFilter + QStringLiteral(": ") + QString::fromStdString(error)));
    QVERIFY(a.displayFilter.contains(QStringLiteral(" time ")) ||
            a.displayFilter.startsWith(QStringLiteral("time ")));
}

} // namespace

class TestAlertEngine : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void calmBackgroundFiresNothing()
    {
        AlertRig rig;
        background(rig, 0, 420); // seven minutes
        rig.finish();
        QVERIFY2(rig.alerts().isEmpty(), qPrintable(describe(rig.alerts())));
    }

    void portScan()
    {
        AlertRig rig;
        const Ip attacker = ip(10, 0, 0, 3), target = ip(10, 0, 0, 5);
        background(rig, 0, 240, [&](int s) {
            if (s < 150 || s >= 153)
                return;
            for (int i = 0; i < 100; ++i) { // 300 ports in 3 s, each answered by a reset
                const auto port = static_cast<std::uint16_t>((s - 150) * 100 + i + 1);
                const std::int64_t at = kT0 + s * kSec + i * 9'000'000;
                rig.send(tcpFrame(attacker, target, 61000, port, kSyn), at);
                rig.send(tcpFrame(target, attacker, port, 61000, kRst | kAck), at + 100'000);
            }
        });
        rig.finish();
        expectOne(rig, AlertKind::PortScan, QStringLiteral("10.0.0.3 -> 10.0.0.5"));
        const Alert a = rig.alerts().front();
        QVERIFY2(a.evidence.peakValue > 250 && a.evidence.peakValue < 350, qPrintable(a.summary));
        QCOMPARE(a.evidence.unit, QStringLiteral("ports"));
        QVERIFY(a.startNs >= kT0 + 150 * kSec && a.startNs <= kT0 + 154 * kSec);
        QVERIFY2(a.displayFilter.startsWith(
                     QStringLiteral("src host 10.0.0.3 and dst host 10.0.0.5 and time ")),
                 qPrintable(a.displayFilter));
        QCOMPARE(a.evidence.topPorts.size(), std::size_t{10});
    }

    void hostSweep()
    {
        AlertRig rig;
        const Ip attacker = ip(10, 0, 0, 3);
        background(rig, 0, 240, [&](int s) {
            if (s < 150 || s >= 154)
                return;
            for (int i = 0; i < 50; ++i) // 200 hosts of 10.0.1.0/24 on port 22, no one answers
                rig.send(tcpFrame(attacker,
                                  ip(10, 0, 1, static_cast<std::uint8_t>((s - 150) * 50 + i + 1)),
                                  61000, 22, kSyn),
                         kT0 + s * kSec + i * 15'000'000);
        });
        rig.finish();
        expectOne(rig, AlertKind::HostSweep, QStringLiteral("10.0.0.3"));
        const Alert a = rig.alerts().front();
        QCOMPARE(a.evidence.topPorts.front().name, QStringLiteral("22"));
        QVERIFY2(a.evidence.peakValue > 150 && a.evidence.peakValue < 250, qPrintable(a.summary));
    }

    void synFlood()
    {
        AlertRig rig;
        const Ip target = ip(10, 0, 0, 5);
        QRandomGenerator rng(7);
        background(rig, 0, 240, [&](int s) {
            if (s < 150 || s >= 155)
                return;
            for (int i = 0; i < 1000; ++i) { // 5000 SYNs from spoofed 198.18.0.0/15 sources
                const Ip src = ip(198, static_cast<std::uint8_t>(18 + rng.bounded(2)),
                                  static_cast<std::uint8_t>(rng.bounded(256)),
                                  static_cast<std::uint8_t>(rng.bounded(256)));
                rig.send(tcpFrame(src, target,
                                  static_cast<std::uint16_t>(1024 + rng.bounded(60000)), 80, kSyn),
                         kT0 + s * kSec + i * 900'000);
            }
        });
        rig.finish();
        expectOne(rig, AlertKind::SynFlood, QStringLiteral("10.0.0.5"));
        QCOMPARE(rig.alerts().front().evidence.topPorts.front().name, QStringLiteral("80"));
    }

    void completedHandshakesAreNoFlood()
    {
        // A busy server: 400 connections a second, each completing its handshake.
        AlertRig rig;
        const Ip server = ip(10, 0, 0, 5);
        background(rig, 0, 200, [&](int s) {
            if (s < 150 || s >= 170)
                return;
            for (int i = 0; i < 400; ++i) {
                const Ip client = ip(203, 0, 113, static_cast<std::uint8_t>(i % 200 + 1));
                const auto port = static_cast<std::uint16_t>(20000 + (s * 400 + i) % 40000);
                const std::int64_t at = kT0 + s * kSec + i * 2'000'000;
                rig.send(tcpFrame(client, server, port, 80, kSyn), at);
                rig.send(tcpFrame(server, client, 80, port, kSyn | kAck), at + 100'000);
                rig.send(tcpFrame(client, server, port, 80, kAck), at + 200'000);
            }
        });
        rig.finish();
        for (const Alert &a : rig.alerts())
            QVERIFY2(a.kind != AlertKind::SynFlood, qPrintable(a.summary));
    }

    void icmpFlood()
    {
        AlertRig rig;
        background(rig, 0, 240, [&](int s) {
            if (s < 150 || s >= 155)
                return;
            for (int i = 0; i < 1500; ++i)
                rig.send(icmpFrame(ip(203, 0, 113, 9), ip(10, 0, 0, 5)),
                         kT0 + s * kSec + i * 600'000);
        });
        rig.finish();
        expectOne(rig, AlertKind::IcmpFlood, QStringLiteral("10.0.0.5"));
        QCOMPARE(rig.alerts().front().evidence.topSources.front().name,
                 QStringLiteral("203.0.113.9"));
    }

    void trafficSpike()
    {
        AlertRig rig;
        const Ip host = ip(10, 0, 0, 2), server = ip(151, 101, 1, 1);
        background(rig, 0, 260, [&](int s) {
            if (s < 180 || s >= 200)
                return;
            for (int i = 0; i < 1700; ++i) // about 20 Mbit/s down for 20 s
                rig.send(tcpFrame(server, host, 443, 40002, kAck, 1400),
                         kT0 + s * kSec + i * 500'000);
        });
        rig.finish();
        expectOne(rig, AlertKind::TrafficSpike, QStringLiteral("10.0.0.2"));
        const Alert a = rig.alerts().front();
        QVERIFY(a.startNs >= kT0 + 180 * kSec && a.startNs <= kT0 + 182 * kSec);
        QVERIFY(a.endNs >= kT0 + 199 * kSec && a.endNs <= kT0 + 206 * kSec);
        QVERIFY2(a.evidence.peakValue > 15e6, qPrintable(a.summary));
    }

    void spikeBeforeWarmupIsNotReported()
    {
        AlertRig rig;
        background(rig, 0, 100, [&](int s) {
            if (s < 60 || s >= 70)
                return;
            for (int i = 0; i < 1700; ++i)
                rig.send(tcpFrame(ip(151, 101, 1, 1), ip(10, 0, 0, 2), 443, 40002, kAck, 1400),
                         kT0 + s * kSec + i * 500'000);
        });
        rig.finish();
        QVERIFY2(rig.alerts().isEmpty(), qPrintable(describe(rig.alerts())));
    }

    void newHostAfterLearning()
    {
        AlertRig rig;
        const Ip newcomer = ip(10, 0, 0, 77), early = ip(10, 0, 0, 78);
        background(rig, 0, 260, [&](int s) {
            if (s == 60) // during learning: known from then on
                rig.send(udpFrame(early, ip(10, 0, 0, 254), 5353, 53),
                         kT0 + s * kSec + 500'000'000);
            if (s >= 200 && s < 205)
                rig.send(udpFrame(newcomer, ip(10, 0, 0, 254), 5353, 53),
                         kT0 + s * kSec + 500'000'000);
        });
        rig.finish();
        expectOne(rig, AlertKind::NewHost, QStringLiteral("10.0.0.77"));
        QCOMPARE(rig.alerts().front().severity, Severity::Info);
    }

    void allowlistedNewHostIsQuiet()
    {
        AlertSettings settings = AlertRig::defaultSettings();
        for (AlertRule &r : settings.rules.rules)
            if (r.kind == AlertKind::NewHost)
                r.allowlist << QStringLiteral("10.0.0.64/26");
        AlertRig rig(settings);
        background(rig, 0, 200, [&](int s) {
            if (s == 150)
                rig.send(udpFrame(ip(10, 0, 0, 77), ip(10, 0, 0, 254), 5353, 53),
                         kT0 + s * kSec + 1);
        });
        rig.finish();
        QVERIFY2(rig.alerts().isEmpty(), qPrintable(describe(rig.alerts())));
    }

    void blacklistedContact()
    {
        AlertSettings settings = AlertRig::defaultSettings();
        for (AlertRule &r : settings.rules.rules)
            if (r.kind == AlertKind::Blacklist)
                r.addresses << QStringLiteral("203.0.113.64/28");
        AlertRig rig(settings);
        const Ip bad = ip(203, 0, 113, 66), host = ip(10, 0, 0, 4);
        background(rig, 0, 300, [&](int s) {
            if (s < 100 || s >= 110)
                return;
            rig.send(tcpFrame(host, bad, 45000, 443, s == 100 ? kSyn : kAck, 200),
                     kT0 + s * kSec + 1);
            rig.send(tcpFrame(bad, host, 443, 45000, s == 100 ? kSyn | kAck : kAck, 900),
                     kT0 + s * kSec + 2);
        });
        rig.finish();
        expectOne(rig, AlertKind::Blacklist, QStringLiteral("203.0.113.66"));
        const Alert a = rig.alerts().front();
        QCOMPARE(a.severity, Severity::Critical);
        QCOMPARE(a.evidence.topSources.front().name, QStringLiteral("10.0.0.4"));
        QCOMPARE(a.evidence.packets, std::uint64_t{2}); // what it had seen when it engaged
        QVERIFY(a.endNs >= kT0 + 109 * kSec);
    }

    void cooldownAndHysteresis()
    {
        // Two ICMP bursts 20 s apart: the second falls in the cooldown, no second alert; a
        // rate hovering just under the threshold keeps the alert (hysteresis), not re-sent.
        AlertSettings settings = AlertRig::defaultSettings();
        settings.rules.rules.clear();
        AlertRule r;
        r.id = QStringLiteral("icmp");
        r.kind = AlertKind::IcmpFlood;
        r.threshold = 100;
        r.windowSeconds = 5;
        r.cooldownSeconds = 60;
        settings.rules.rules.push_back(r);
        AlertRig rig(settings);
        const auto burst = [&](int from, int to, int perSecond) {
            for (int s = from; s < to; ++s)
                for (int i = 0; i < perSecond; ++i)
                    rig.send(icmpFrame(ip(203, 0, 113, 9), ip(10, 0, 0, 5)),
                             kT0 + s * kSec + i * (kSec / perSecond));
        };
        burst(0, 10, 150);  // engaged
        burst(10, 30, 90);  // 90 >= 100 * 0.8: still engaged
        burst(30, 40, 10);  // released after 5 s below 80
        burst(50, 60, 150); // within the cooldown
        rig.finish();
        QVERIFY2(rig.alerts().size() == 1, qPrintable(describe(rig.alerts())));
        const Alert a = rig.alerts().front();
        QCOMPARE(rig.changes(), 2);
        QVERIFY2(a.endNs >= kT0 + 29 * kSec && a.endNs <= kT0 + 32 * kSec,
                 qPrintable(QString::number((a.endNs - kT0) / 1e9)));
    }

    void spoofedFloodStaysBounded()
    {
        const int kFlood = qEnvironmentVariableIntValue("FLOOD")
                               ? qEnvironmentVariableIntValue("FLOOD")
                               : 1'000'000;
        AlertRig rig;
        QRandomGenerator rng(1);
        const Ip target = ip(10, 0, 0, 5);
        std::size_t after100k = 0;
        for (int i = 0; i < kFlood; ++i) {
            const std::uint32_t a = rng.generate();
            const Ip src =
                ip(static_cast<std::uint8_t>(a >> 24), static_cast<std::uint8_t>(a >> 16),
                   static_cast<std::uint8_t>(a >> 8), static_cast<std::uint8_t>(a));
            rig.send(tcpFrame(src, target, static_cast<std::uint16_t>(a >> 7),
                              static_cast<std::uint16_t>(a), kSyn),
                     kT0 + std::int64_t{i} * 20'000); // 50,000 SYNs/s for 20 s
            if (i == 100'000)
                after100k = rig.alertEngine().memoryBytes();
        }
        const std::size_t bytes = rig.alertEngine().memoryBytes();
        rig.finish();
        qInfo("alert engine memory after 100 k spoofed sources: %.1f MB, after 1 M: %.1f MB, "
              "dropped %llu",
              after100k / 1e6, bytes / 1e6,
              static_cast<unsigned long long>(rig.alertEngine().dropped()));
        QVERIFY2(bytes < 64u << 20, qPrintable(QString::number(bytes)));
        // 2 bytes an address id for the class cache is all that grows with the sources.
        QVERIFY2(bytes - after100k < 8u << 20, qPrintable(QString::number(bytes - after100k)));
        QVERIFY(rig.alertEngine().dropped() > 0);
        bool syn = false;
        for (const Alert &a : rig.alerts())
            syn |= a.kind == AlertKind::SynFlood && a.key == QStringLiteral("10.0.0.5");
        QVERIFY2(syn, qPrintable(describe(rig.alerts())));
        QVERIFY(rig.alerts().size() < 300);
    }

    void newFlowsPastTheFlowCapCount()
    {
        // A flood of new flows past the flow cap is what a new-flows rule is for: the flows
        // the engine does not hold count as new all the same. 3,000 new UDP flows a second
        // for 10 s with 1,000 flows held at most; the rule fires above 2,000/s.
        AlertSettings settings = AlertRig::defaultSettings();
        AlertRule rule;
        rule.id = QStringLiteral("new-flows");
        rule.name = QStringLiteral("New flows");
        rule.metric = ThresholdMetric::NewFlowsPerSecond;
        rule.threshold = 2000;
        rule.windowSeconds = 5;
        settings.rules.rules = {rule};
        MemoryLimits limits;
        limits.maxFlows = 1000;
        limits.flowPressureIdleNs = 60 * std::int64_t{1'000'000'000}; // none can be folded
        AlertRig rig(settings, limits);
        for (int i = 0; i < 30000; ++i) {
            const Ip src =
                ip(10, 9, static_cast<std::uint8_t>(i >> 8), static_cast<std::uint8_t>(i));
            const std::int64_t t = kT0 + std::int64_t{i} * 1'000'000'000 / 3000;
            // Two packets per flow: the second one is not new.
            rig.send(udpFrame(src, ip(10, 0, 0, 9), 5000, 53), t);
            rig.send(udpFrame(src, ip(10, 0, 0, 9), 5000, 53), t + 1000);
        }
        background(rig, 10, 20);
        rig.finish();
        QCOMPARE(rig.engine().flows().heldCount(), std::uint64_t(1000));
        QList<Alert> fired;
        for (const Alert &a : rig.alerts())
            if (a.ruleId == QStringLiteral("new-flows"))
                fired << a;
        QVERIFY2(fired.size() == 1, qPrintable(describe(rig.alerts())));
        // The rate is the flood's, not the cap's (within the estimate's collisions).
        QVERIFY2(fired.front().evidence.peakValue > 2700 && fired.front().evidence.peakValue < 3300,
                 qPrintable(fired.front().summary));
    }

    void extremeTimestampsAreSafe()
    {
        // pcapng timestamps may reach both ends of the int64 range, and jump about.
        AlertRig rig;
        const Bytes syn = tcpFrame(ip(10, 0, 0, 3), ip(10, 0, 0, 5), 61000, 80, kSyn);
        for (const std::int64_t ts :
             {std::numeric_limits<std::int64_t>::min(), std::int64_t{-5}, std::int64_t{0}, kT0,
              std::numeric_limits<std::int64_t>::max(), kT0 + kSec,
              std::numeric_limits<std::int64_t>::max() - 1})
            for (int i = 0; i < 50; ++i)
                rig.send(syn, ts);
        rig.alertEngine().advanceTo(std::numeric_limits<std::int64_t>::max());
        rig.finish();
        for (const Alert &a : rig.alerts())
            QVERIFY(!a.isEngaged());
    }

    void snippetHoldsTheAlertsPackets()
    {
        QTemporaryDir dir;
        AlertSettings settings = AlertRig::defaultSettings();
        settings.dataDir = dir.path();
        AlertRig rig(settings);
        const Ip attacker = ip(10, 0, 0, 3), target = ip(10, 0, 0, 5);
        int sent = 0;
        background(rig, 0, 200, [&](int s) {
            if (s < 150 || s >= 153)
                return;
            for (int i = 0; i < 100; ++i) {
                const auto port = static_cast<std::uint16_t>((s - 150) * 100 + i + 1);
                rig.send(tcpFrame(attacker, target, 61000, port, kSyn),
                         kT0 + s * kSec + i * 9'000'000);
                ++sent;
            }
        });
        rig.finish();
        QCOMPARE(rig.alerts().size(), 1);
        const Alert a = rig.alerts().front();
        QVERIFY2(!a.snippetPath.isEmpty(), "no snippet written");
        // The engage says a snippet is on its way (notifiers wait for it); the update that
        // brings it, and the final state, no longer do.
        QVERIFY(rig.changeLog().size() >= 2);
        QVERIFY(rig.changeLog().front().snippetPending);
        QVERIFY(rig.changeLog().front().snippetPath.isEmpty());
        QVERIFY(!a.snippetPending);
        QVERIFY(a.snippetPath.startsWith(dir.path() + QStringLiteral("/alerts/")));
        QVERIFY2(a.snippetPath.endsWith(QStringLiteral("-port_scan-10.0.0.3_to_10.0.0.5.pcap")),
                 qPrintable(a.snippetPath));
        char err[PCAP_ERRBUF_SIZE];
        pcap_t *p = pcap_open_offline_with_tstamp_precision(qPrintable(a.snippetPath),
                                                            PCAP_TSTAMP_PRECISION_NANO, err);
        QVERIFY2(p, err);
        QCOMPARE(pcap_datalink(p), 1);
        pcap_pkthdr *h = nullptr;
        const u_char *data = nullptr;
        std::uint32_t packets = 0;
        std::int64_t first = 0, last = 0;
        while (pcap_next_ex(p, &h, &data) == 1) {
            ++packets;
            const std::int64_t ts = std::int64_t{h->ts.tv_sec} * kSec + h->ts.tv_usec;
            first = first ? first : ts;
            last = ts;
            // Only the pair's packets: IPv4 source 10.0.0.3, destination 10.0.0.5.
            QVERIFY(h->caplen >= 34);
            QCOMPARE(data[26 + 3], std::uint8_t{3});
            QCOMPARE(data[30 + 3], std::uint8_t{5});
        }
        pcap_close(p);
        QCOMPARE(packets, a.snippetPackets);
        QCOMPARE(packets, std::uint32_t(sent)); // the whole scan lies within 5 s of the trigger
        QVERIFY(first >= kT0 + 150 * kSec && last < kT0 + 153 * kSec);
        QVERIFY(a.snippetBytes > 24 + packets * 16);
    }
};

QTEST_GUILESS_MAIN(TestAlertEngine)
#include "tst_alertengine.moc"
