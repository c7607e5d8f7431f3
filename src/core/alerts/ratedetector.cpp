// SPDX-License-Identifier: GPL-3.0-or-later
#include "alerts/ratedetector.h"

#include "alerts/alerttracker.h"
#include "engine/engine.h"

namespace netlens {

RateDetector::RateDetector(const AlertRule &rule, const Engine &engine)
    : Detector(rule, engine,
               rule.kind == AlertKind::SynFlood ? pktevent::Syn | pktevent::HandshakeDone
                                                : pktevent::Icmp)
{
    m_clock.lengthNs = m_windowNs;
}

void RateDetector::onPacket(const AlertPacket &p)
{
    if (p.dst == kNoAddress)
        return;
    auto it = m_entries.find(p.dst);
    if (it == m_entries.end()) {
        if (p.events & pktevent::HandshakeDone)
            return; // nothing to complete
        if (m_entries.size() >= kMaxEntries) {
            ++m_dropped;
            return;
        }
        it = m_entries.try_emplace(p.dst).first;
    }
    Entry &e = it->second;
    const std::int64_t w = m_clock.index(p.tsNs);
    e.lastNs = std::max(e.lastNs, p.tsNs);
    if (p.events & pktevent::HandshakeDone) {
        e.done.add(w);
        return;
    }
    e.hits.add(w);
    ++e.packets;
    e.bytes += p.wireLen;
    e.sources.add(p.src, p.wireLen);
    e.ports.add(p.dstPort, p.wireLen);
}

double RateDetector::value(Entry &e, std::int64_t nowNs)
{
    const std::int64_t w = m_clock.index(nowNs);
    const double elapsed = m_clock.elapsed(nowNs);
    const double hits = e.hits.value(w, elapsed);
    if (isSyn())
        return std::max(0.0, hits - e.done.value(w, elapsed));
    return hits / m_rule.windowSeconds;
}

void RateDetector::tick(std::int64_t nowNs, AlertTracker &tracker)
{
    const bool full = m_entries.size() > kMaxEntries * 3 / 4;
    for (auto it = m_entries.begin(); it != m_entries.end();) {
        const double v = value(it->second, nowNs);
        if (nowNs - it->second.lastNs > 2 * m_windowNs || (full && v < m_rule.threshold * 0.01)) {
            m_entries.erase(it++);
            continue;
        }
        if (v > 0)
            tracker.report(index(), it->first, v, m_rule.threshold, nowNs);
        ++it;
    }
}

void RateDetector::describe(std::uint64_t key, Alert &a) const
{
    const auto dst = static_cast<std::uint32_t>(key);
    a.key = addressText(dst);
    Evidence &e = a.evidence;
    const auto it = m_entries.find(dst);
    if (it != m_entries.end()) {
        e.packets = it->second.packets;
        e.bytes = it->second.bytes;
        e.topSources = items(it->second.sources, 5, false);
        e.topPorts = items(it->second.ports, 10, true);
    }
    e.topDestinations = {{a.key, e.packets, e.bytes}};
    if (isSyn()) {
        e.unit = QStringLiteral("SYNs");
        a.summary = QStringLiteral("SYN flood: %1 SYNs to %2 without a completed handshake "
                                   "within %3 s")
                        .arg(number(e.value), a.key)
                        .arg(m_rule.windowSeconds);
        a.displayFilter = QStringLiteral("dst host %1 and tcp[tcpflags] & (tcp-syn|tcp-ack) "
                                         "== tcp-syn")
                              .arg(a.key);
        return;
    }
    e.unit = QStringLiteral("packets/s");
    a.summary = QStringLiteral("ICMP flood: %1 ICMP packets/s to %2 over %3 s")
                    .arg(number(e.value), a.key)
                    .arg(m_rule.windowSeconds);
    a.displayFilter = QStringLiteral("dst host %1 and (icmp or icmp6)").arg(a.key);
}

std::pair<std::uint32_t, std::uint32_t> RateDetector::snippetHosts(std::uint64_t key) const
{
    return {static_cast<std::uint32_t>(key), kNoAddress};
}

std::size_t RateDetector::memoryBytes() const
{
    return sizeof(*this) + m_entries.capacity() * (sizeof(std::uint32_t) + sizeof(Entry) + 1);
}

} // namespace netlens
