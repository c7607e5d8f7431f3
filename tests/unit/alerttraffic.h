// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Traffic for the alert tests, built frame by frame: a steady background of a small office
// (six local hosts browsing, a DNS server, new connections now and then) and the abnormal
// things the detectors look for, fed to an Engine with an AlertEngine as its observer.

#include "alerts/alertengine.h"
#include "engine/engine.h"
#include "frames.h"

#include <QMap>
#include <QRandomGenerator>
#include <functional>

namespace netlens::test {

constexpr std::int64_t kSec = 1'000'000'000;
constexpr std::int64_t kT0 = 1764000000 * kSec;

using Ip = Bytes;
inline Ip ip(std::uint8_t a, std::uint8_t b, std::uint8_t c, std::uint8_t d)
{
    return {a, b, c, d};
}
inline Bytes tcpFrame(const Ip &src, const Ip &dst, std::uint16_t sport, std::uint16_t dport,
                      std::uint8_t flags, std::size_t payload = 0)
{
    return cat({ether(0x0800),
                ipv4(6, tcp(sport, dport, flags, {}, Bytes(payload, 0x41)), {}, 0x4000, src, dst)});
}
inline Bytes udpFrame(const Ip &src, const Ip &dst, std::uint16_t sport, std::uint16_t dport,
                      std::size_t payload = 32)
{
    return cat(
        {ether(0x0800), ipv4(17, udp(sport, dport, Bytes(payload, 0)), {}, 0x4000, src, dst)});
}
inline Bytes icmpFrame(const Ip &src, const Ip &dst, std::uint8_t type = 8)
{
    return cat({ether(0x0800), ipv4(1, icmp(type, 0), {}, 0, src, dst)});
}

constexpr std::uint8_t kSyn = 0x02, kAck = 0x10, kRst = 0x04, kPsh = 0x08;

/// An Engine and an AlertEngine fed together; alerts collected by uid (latest state).
class AlertRig {
public:
    explicit AlertRig(AlertSettings settings = defaultSettings(), const MemoryLimits &limits = {})
    {
        EngineSettings es;
        es.detectApplications = false; // not needed by the default rules; keeps tests quick
        es.keepRecords = false;
        es.limits = limits;
        m_engine = std::make_unique<Engine>(es);
        QString error;
        settings.enabled = true;
        m_alerts = AlertEngine::create(*m_engine, settings, error);
        Q_ASSERT_X(m_alerts, "AlertRig", qPrintable(error));
        m_engine->addPacketObserver(m_alerts.get());
    }
    static AlertSettings defaultSettings()
    {
        AlertSettings s;
        s.dataDir.clear(); // no snippets unless a test asks
        return s;
    }
    /// Observer called with every packet fed (to write the same traffic to a pcap).
    std::function<void(const Bytes &, std::int64_t)> tap;

    void send(const Bytes &frame, std::int64_t tsNs)
    {
        if (tap)
            tap(frame, tsNs);
        m_engine->process(rawPacket(frame, tsNs));
        collect();
    }
    void finish()
    {
        m_alerts->finish();
        collect();
    }
    /// Every alert, in the order they first appeared, in its latest state.
    QList<Alert> alerts() const
    {
        QList<Alert> out;
        for (const QString &uid : m_order)
            out << m_latest.value(uid);
        return out;
    }
    int changes() const { return m_changes; }
    AlertEngine &alertEngine() { return *m_alerts; }
    /// Every new, updated or released alert in the order the engine reported them.
    const QList<Alert> &changeLog() const { return m_history; }
    Engine &engine() { return *m_engine; }

private:
    void collect()
    {
        if (!m_alerts->hasChanges())
            return;
        for (const Alert &a : m_alerts->takeChanges()) {
            ++m_changes;
            m_history << a;
            if (!m_latest.contains(a.uid))
                m_order << a.uid;
            m_latest[a.uid] = a;
        }
    }
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<AlertEngine> m_alerts;
    QMap<QString, Alert> m_latest;
    QStringList m_order;
    int m_changes = 0;
    QList<Alert> m_history; // every change, in order
};

/**
 * A calm office from `fromS` to `toS` seconds after kT0: hosts 10.0.0.1-6 each keep a
 * connection to a web server busy (a few packets a second each way, varied sizes), ask the
 * DNS server 10.0.0.254 every 5 s and open a new HTTPS connection every 10 s. `extra` is
 * called once per second to add the test's own traffic in that second.
 */
inline void background(AlertRig &rig, int fromS, int toS,
                       const std::function<void(int second)> &extra = {})
{
    QRandomGenerator rng(42);
    const Ip dns = ip(10, 0, 0, 254);
    const Ip servers[2] = {ip(93, 184, 216, 34), ip(151, 101, 1, 1)};
    for (int s = fromS; s < toS; ++s) {
        const std::int64_t base = kT0 + s * kSec;
        for (std::uint8_t h = 1; h <= 6; ++h) {
            const Ip host = ip(10, 0, 0, h);
            const Ip &server = servers[h % 2];
            const std::int64_t at = base + h * 100'000'000;
            rig.send(tcpFrame(host, server, 40000 + h, 443, kAck | kPsh, 100 + rng.bounded(300)),
                     at);
            rig.send(tcpFrame(server, host, 443, 40000 + h, kAck | kPsh, 400 + rng.bounded(1000)),
                     at + 10'000'000);
            rig.send(tcpFrame(server, host, 443, 40000 + h, kAck | kPsh, 400 + rng.bounded(1000)),
                     at + 11'000'000);
            rig.send(tcpFrame(host, server, 40000 + h, 443, kAck), at + 30'000'000);
            if ((s + h) % 5 == 0) {
                const auto port = static_cast<std::uint16_t>(50000 + (s * 7 + h) % 10000);
                rig.send(udpFrame(host, dns, port, 53, 30), at + 40'000'000);
                rig.send(udpFrame(dns, host, 53, port, 90), at + 45'000'000);
            }
            if ((s + h) % 10 == 0) {
                const auto port = static_cast<std::uint16_t>(30000 + (s * 11 + h) % 10000);
                rig.send(tcpFrame(host, server, port, 443, kSyn), at + 50'000'000);
                rig.send(tcpFrame(server, host, 443, port, kSyn | kAck), at + 60'000'000);
                rig.send(tcpFrame(host, server, port, 443, kAck), at + 61'000'000);
            }
        }
        if (extra)
            extra(s);
    }
}

} // namespace netlens::test
