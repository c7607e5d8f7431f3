// SPDX-License-Identifier: GPL-3.0-or-later
#include "alerts/blacklistdetector.h"

#include "alerts/alerttracker.h"
#include "engine/engine.h"

namespace netlens {

BlacklistDetector::BlacklistDetector(const AlertRule &rule, const Engine &engine)
    : Detector(rule, engine, pktevent::Blacklisted)
{
    m_clock.lengthNs = m_windowNs;
}

bool BlacklistDetector::load(QString &error)
{
    for (const QString &a : m_rule.addresses)
        if (!m_list.add(a, error))
            return false;
    return m_rule.listFile.isEmpty() || m_list.addFile(m_rule.listFile, error);
}

void BlacklistDetector::onPacket(const AlertPacket &p)
{
    const AddressTable &table = m_engine.addresses();
    // The class bit says "in some blacklist"; this rule checks its own list.
    for (const auto &[id, peer, cls] :
         {std::tuple{p.src, p.dst, p.srcClass}, std::tuple{p.dst, p.src, p.dstClass}}) {
        if (!(cls & addrclass::Blacklisted) || !m_list.contains(table.at(id)))
            continue;
        auto it = m_entries.find(id);
        if (it == m_entries.end()) {
            if (m_entries.size() >= kMaxEntries) {
                ++m_dropped;
                continue;
            }
            it = m_entries.try_emplace(id).first;
        }
        Entry &e = it->second;
        e.count.add(m_clock.index(p.tsNs));
        e.lastNs = std::max(e.lastNs, p.tsNs);
        ++e.packets;
        e.bytes += p.wireLen;
        e.peers.add(peer, p.wireLen);
        e.ports.add(id == p.src ? p.srcPort : p.dstPort, p.wireLen);
    }
}

void BlacklistDetector::tick(std::int64_t nowNs, AlertTracker &tracker)
{
    for (auto it = m_entries.begin(); it != m_entries.end();) {
        Entry &e = it->second;
        if (nowNs - e.lastNs > 2 * m_windowNs + 1'000'000'000) {
            m_entries.erase(it++);
            continue;
        }
        // Any packet in the last window holds it.
        const double v = nowNs - e.lastNs <= m_windowNs ? 1.0 : 0.0;
        tracker.report(index(), it->first, v, 1, nowNs);
        ++it;
    }
}

void BlacklistDetector::describe(std::uint64_t key, Alert &a) const
{
    const auto id = static_cast<std::uint32_t>(key);
    a.key = addressText(id);
    Evidence &e = a.evidence;
    e.unit = QStringLiteral("packets");
    const auto it = m_entries.find(id);
    QString peers;
    if (it != m_entries.end()) {
        e.value = static_cast<double>(it->second.packets);
        e.packets = it->second.packets;
        e.bytes = it->second.bytes;
        e.topSources = items(it->second.peers, 5, false);
        e.topPorts = items(it->second.ports, 10, true);
        if (!e.topSources.empty())
            peers = e.topSources.front().name;
    }
    e.peakValue = e.value;
    e.topDestinations = {{a.key, e.packets, e.bytes}};
    a.summary = QStringLiteral("Blacklisted address: %1 exchanged traffic with %2")
                    .arg(a.key, peers.isEmpty() ? QStringLiteral("this network") : peers);
    a.displayFilter = QStringLiteral("host ") + a.key;
}

std::pair<std::uint32_t, std::uint32_t> BlacklistDetector::snippetHosts(std::uint64_t key) const
{
    return {static_cast<std::uint32_t>(key), kNoAddress};
}

std::size_t BlacklistDetector::memoryBytes() const
{
    return sizeof(*this) + m_entries.capacity() * (sizeof(std::uint32_t) + sizeof(Entry) + 1);
}

} // namespace netlens
