// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "alerts/cidrset.h"
#include "alerts/detector.h"

#include <vector>

namespace netlens {

/**
 * threshold: packets/s, bits/s or new flows/s of the rule's scope (all traffic, a host or
 * CIDR, a protocol, a port; in, out or both) averaged over the window. One key: the scope.
 * Exact over the window: one bucket per second.
 */
class ThresholdDetector final : public Detector {
public:
    /// `scopeSlot`: the addrclass scope bit for the CIDR (-1: test the CIDR per packet).
    ThresholdDetector(const AlertRule &rule, const Engine &engine, int scopeSlot);

    const CidrSet &cidr() const { return m_cidr; }
    void onPacket(const AlertPacket &p) override;
    void tick(std::int64_t nowNs, AlertTracker &tracker) override;
    void describe(std::uint64_t key, Alert &alert) const override;
    std::pair<std::uint32_t, std::uint32_t> snippetHosts(std::uint64_t key) const override;
    std::size_t memoryBytes() const override;

private:
    bool inScope(const AlertPacket &p) const;
    void rollTo(std::int64_t second);
    /// Ring slot of a second (seconds before 1970 too: pcapng allows them).
    std::size_t slot(std::int64_t second) const
    {
        const auto n = static_cast<std::int64_t>(m_buckets.size());
        return static_cast<std::size_t>((second % n + n) % n);
    }
    QString scopeText() const;
    QString unit() const;

    CidrSet m_cidr;
    int m_scopeSlot = -1;
    Transport m_transport = Transport::None; // protocol scope naming a transport
    int m_app = -1;                          // protocol scope naming an application (nDPI id)
    bool m_unknownProtocol = false;          // a protocol nothing carries: never matches
    std::vector<double> m_buckets;           // per second of the window, ring
    std::int64_t m_second = 0;               // the second m_buckets[m_second % size] holds
    TopTable<64> m_sources;
    TopTable<64> m_destinations;
    TopTable<64> m_ports;
    std::uint64_t m_packets = 0;
    std::uint64_t m_bytes = 0;
};

} // namespace netlens
