// SPDX-License-Identifier: GPL-3.0-or-later
#include "alerts/spikedetector.h"

#include "alerts/alerttracker.h"
#include "engine/engine.h"

#include <cmath>

namespace netlens {

SpikeDetector::SpikeDetector(const AlertRule &rule, const Engine &engine)
    : Detector(rule, engine, pktevent::Any)
{
}

void SpikeDetector::onPacket(const AlertPacket &p)
{
    const double bits = 8.0 * p.wireLen;
    m_all.second += bits;
    m_sources.add(p.src, p.wireLen);
    m_destinations.add(p.dst, p.wireLen);
    m_ports.add(p.dstPort, p.wireLen);
    if (!m_rule.perHost)
        return;
    for (const auto &[id, cls] : {std::pair{p.src, p.srcClass}, std::pair{p.dst, p.dstClass}}) {
        if (!(cls & addrclass::Local) || id == kNoAddress)
            continue;
        auto it = m_hosts.find(id);
        if (it == m_hosts.end()) {
            if (m_hosts.size() >= kMaxHosts) {
                ++m_dropped;
                continue;
            }
            it = m_hosts.try_emplace(id).first;
        }
        it->second.second += bits;
        it->second.lastNs = p.tsNs;
    }
}

double SpikeDetector::learn(Baseline &b)
{
    const double sample = b.second;
    b.second = 0;
    b.idleSeconds = sample > 0 ? 0 : b.idleSeconds + 1;
    if (b.idleSeconds > static_cast<std::uint32_t>(m_rule.warmupSeconds) && b.samples) {
        b.samples = 0;
        b.mean = b.deviation = 0;
        b.recent.clear();
    }
    const auto n = static_cast<std::size_t>(m_rule.windowSeconds);
    if (b.recent.size() < n)
        b.recent.assign(n, 0.0f);
    b.recent[b.samples % n] = static_cast<float>(sample);
    double sum = 0;
    for (float r : b.recent)
        sum += r;
    const double value = sum / static_cast<double>(std::min<std::size_t>(n, b.samples + 1));
    const bool warm = b.samples >= static_cast<std::uint32_t>(m_rule.warmupSeconds);
    const double trip = std::max(b.mean + m_rule.spikeFactor * std::max(b.deviation, b.mean / 4),
                                 m_rule.minBitsPerSecond);
    // Learn from ordinary seconds only: a spike must not raise its own baseline.
    if (!warm || sample <= trip) {
        const double alpha = std::max(1.0 / (b.samples + 1.0), 2.0 / (m_rule.warmupSeconds + 1.0));
        const double delta = sample - b.mean;
        b.mean += alpha * delta;
        b.deviation += alpha * (std::abs(delta) - b.deviation);
    }
    ++b.samples;
    b.tripLevel = trip;
    b.value = value;
    return warm ? value : 0;
}

void SpikeDetector::tick(std::int64_t nowNs, AlertTracker &tracker)
{
    for (auto it = m_hosts.begin(); it != m_hosts.end();) {
        Baseline &b = it->second;
        // Gone quiet for ten minutes: its baseline is stale, and the slot is better used.
        if (nowNs - b.lastNs > 600'000'000'000ll) {
            m_hosts.erase(it++);
            continue;
        }
        const double v = learn(b);
        if (v > 0)
            tracker.report(index(), it->first, v, b.tripLevel, nowNs);
        ++it;
    }
    const bool hostEngaged = tracker.engagedCount(index()) > 0;
    const double v = learn(m_all);
    if (v > 0 && !hostEngaged)
        tracker.report(index(), kAllKey, v, m_all.tripLevel, nowNs);
    if (!tracker.engagedCount(index()) && nowNs / 1'000'000'000 % m_rule.windowSeconds == 0) {
        m_sources.clear();
        m_destinations.clear();
        m_ports.clear();
    }
}

void SpikeDetector::describe(std::uint64_t key, Alert &a) const
{
    Evidence &e = a.evidence;
    e.unit = QStringLiteral("bit/s");
    e.topSources = items(m_sources, 5, false);
    e.topDestinations = items(m_destinations, 5, false);
    e.topPorts = items(m_ports, 10, true);
    const Baseline *b = &m_all;
    if (key == kAllKey) {
        a.key = QStringLiteral("all");
    } else {
        a.key = addressText(static_cast<std::uint32_t>(key));
        a.displayFilter = QStringLiteral("host ") + a.key;
        const auto it = m_hosts.find(static_cast<std::uint32_t>(key));
        if (it != m_hosts.end())
            b = &it->second;
    }
    a.summary = QStringLiteral("Traffic spike: %1 at %2 bit/s over %3 s, baseline %4 bit/s")
                    .arg(a.key, number(e.value))
                    .arg(m_rule.windowSeconds)
                    .arg(number(b->mean));
}

std::pair<std::uint32_t, std::uint32_t> SpikeDetector::snippetHosts(std::uint64_t key) const
{
    if (key == kAllKey)
        return {kNoAddress, kNoAddress};
    return {static_cast<std::uint32_t>(key), kNoAddress};
}

std::size_t SpikeDetector::memoryBytes() const
{
    return sizeof(*this) + m_hosts.capacity() * (sizeof(std::uint32_t) + sizeof(Baseline) + 1) +
           m_hosts.size() * static_cast<std::size_t>(m_rule.windowSeconds) * sizeof(float);
}

} // namespace netlens
