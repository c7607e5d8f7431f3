// SPDX-License-Identifier: GPL-3.0-or-later
#include "alerts/distinctdetector.h"

#include "alerts/alerttracker.h"
#include "engine/engine.h"

#include <cmath>

namespace netlens {

namespace {
constexpr std::uint32_t kBits = 1024;
std::uint32_t mix(std::uint32_t v)
{
    v ^= v >> 16;
    v *= 0x7feb352d;
    v ^= v >> 15;
    v *= 0x846ca68b;
    v ^= v >> 16;
    return v;
}
} // namespace

DistinctDetector::DistinctDetector(const AlertRule &rule, const Engine &engine)
    : Detector(rule, engine, pktevent::Initiator)
{
    m_clock.lengthNs = m_windowNs;
}

double DistinctDetector::estimate(std::uint32_t setBits)
{
    if (setBits >= kBits)
        return kBits * std::log(static_cast<double>(kBits)); // saturated: a lower bound
    return std::round(-static_cast<double>(kBits) *
                      std::log(1.0 - static_cast<double>(setBits) / kBits));
}

double DistinctDetector::value(Entry &e, std::int64_t window) const
{
    if (e.window != window) {
        e.previous = e.window == window - 1 ? estimate(e.setBits) : 0;
        e.bits.fill(0);
        e.setBits = 0;
        e.window = window;
    }
    return std::max(estimate(e.setBits), e.previous);
}

void DistinctDetector::onPacket(const AlertPacket &p)
{
    if (p.src == kNoAddress || p.dst == kNoAddress)
        return;
    const std::uint64_t key =
        isScan() ? std::uint64_t{p.src} << 32 | p.dst : std::uint64_t{p.src} << 16 | p.dstPort;
    auto it = m_entries.find(key);
    if (it == m_entries.end()) {
        if (m_entries.size() >= kMaxEntries) {
            ++m_dropped;
            return;
        }
        it = m_entries.try_emplace(key).first;
        it->second.window = m_clock.index(p.tsNs);
    }
    Entry &e = it->second;
    value(e, m_clock.index(p.tsNs));
    const std::uint32_t item = isScan() ? p.dstPort : p.dst;
    const std::uint32_t h = mix(item) % kBits;
    std::uint64_t &word = e.bits[h / 64];
    const std::uint64_t bit = std::uint64_t{1} << (h % 64);
    if (!(word & bit)) {
        word |= bit;
        ++e.setBits;
        if (e.sampleCount < e.samples.size())
            e.samples[e.sampleCount++] = item;
    }
    ++e.packets;
    e.bytes += p.wireLen;
    e.lastNs = p.tsNs;
}

void DistinctDetector::tick(std::int64_t nowNs, AlertTracker &tracker)
{
    const std::int64_t window = m_clock.index(nowNs);
    m_bestEntry.clear();
    absl::flat_hash_map<std::uint64_t, double> best;
    const bool full = m_entries.size() > kMaxEntries * 3 / 4;
    for (auto it = m_entries.begin(); it != m_entries.end();) {
        Entry &e = it->second;
        const double v = value(e, window);
        // Idle for two windows, or (when the table fills) one-value keys: the bulk of a
        // spoofed flood, never a scan.
        if (nowNs - e.lastNs > 2 * m_windowNs || (full && v <= 1)) {
            m_entries.erase(it++);
            continue;
        }
        if (v >= m_rule.threshold * (1.0 - m_rule.hysteresis)) {
            const std::uint64_t key = isScan() ? it->first : it->first >> 16;
            auto [b, inserted] = best.try_emplace(key, v);
            if (inserted || v > b->second) {
                b->second = v;
                m_bestEntry[key] = it->first;
            }
        }
        ++it;
    }
    for (const auto &[key, v] : best)
        tracker.report(index(), key, v, m_rule.threshold, nowNs);
}

void DistinctDetector::describe(std::uint64_t key, Alert &a) const
{
    const auto b = m_bestEntry.find(key);
    const std::uint64_t entryKey = b != m_bestEntry.end() ? b->second : key;
    const auto it = m_entries.find(entryKey);
    Evidence &e = a.evidence;
    const auto src = static_cast<std::uint32_t>(isScan() ? key >> 32 : key);
    const QString srcText = addressText(src);
    if (isScan()) {
        const auto dst = static_cast<std::uint32_t>(key);
        a.key = srcText + QStringLiteral(" -> ") + addressText(dst);
        e.unit = QStringLiteral("ports");
        if (it != m_entries.end()) {
            e.packets = it->second.packets;
            e.bytes = it->second.bytes;
            for (std::uint8_t i = 0; i < it->second.sampleCount; ++i)
                e.topPorts.push_back({QString::number(it->second.samples[i]), 0, 0});
        }
        e.topSources = {{srcText, e.packets, e.bytes}};
        e.topDestinations = {{addressText(dst), e.packets, e.bytes}};
        a.summary = QStringLiteral("Port scan: %1 reached %2 ports on %3 within %4 s")
                        .arg(srcText, number(e.value), addressText(dst))
                        .arg(m_rule.windowSeconds);
        a.displayFilter =
            QStringLiteral("src host %1 and dst host %2").arg(srcText, addressText(dst));
        return;
    }
    const auto port = static_cast<std::uint16_t>(entryKey & 0xffff);
    a.key = srcText;
    e.unit = QStringLiteral("hosts");
    e.topSources = {{srcText, 0, 0}};
    if (it != m_entries.end()) {
        e.packets = e.topSources[0].packets = it->second.packets;
        e.bytes = e.topSources[0].bytes = it->second.bytes;
        for (std::uint8_t i = 0; i < it->second.sampleCount && i < 5; ++i)
            e.topDestinations.push_back({addressText(it->second.samples[i]), 0, 0});
    }
    e.topPorts = {{QString::number(port), e.packets, e.bytes}};
    a.summary = QStringLiteral("Host sweep: %1 reached %2 hosts on port %3 within %4 s")
                    .arg(srcText, number(e.value))
                    .arg(port)
                    .arg(m_rule.windowSeconds);
    a.displayFilter = QStringLiteral("src host %1 and dst port %2").arg(srcText).arg(port);
}

std::pair<std::uint32_t, std::uint32_t> DistinctDetector::snippetHosts(std::uint64_t key) const
{
    if (isScan())
        return {static_cast<std::uint32_t>(key >> 32), static_cast<std::uint32_t>(key)};
    return {static_cast<std::uint32_t>(key), kNoAddress};
}

std::size_t DistinctDetector::memoryBytes() const
{
    return sizeof(*this) + m_entries.capacity() * (sizeof(std::uint64_t) + sizeof(Entry) + 1) +
           m_bestEntry.capacity() * 17;
}

} // namespace netlens
