// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "alerts/detector.h"
#include "alerts/windowcount.h"

#include <absl/container/flat_hash_map.h>

namespace netlens {

/**
 * Floods at one destination (the key): syn_flood counts SYNs without a completed handshake
 * (SYNs minus third-packet ACKs) over the window; icmp_flood counts ICMP packets per second.
 * At most kMaxEntries destinations; a flood of spoofed *sources* is one entry.
 */
class RateDetector final : public Detector {
public:
    static constexpr std::size_t kMaxEntries = 8192;

    RateDetector(const AlertRule &rule, const Engine &engine);

    void onPacket(const AlertPacket &p) override;
    void tick(std::int64_t nowNs, AlertTracker &tracker) override;
    void describe(std::uint64_t key, Alert &alert) const override;
    std::pair<std::uint32_t, std::uint32_t> snippetHosts(std::uint64_t key) const override;
    std::size_t memoryBytes() const override;

private:
    struct Entry {
        WindowCount hits; ///< SYNs or ICMP packets
        WindowCount done; ///< completed handshakes (syn_flood)
        std::int64_t lastNs = 0;
        std::uint64_t packets = 0;
        std::uint64_t bytes = 0;
        TopTable<8> sources;
        TopTable<8> ports;
    };
    double value(Entry &e, std::int64_t nowNs);
    bool isSyn() const { return m_rule.kind == AlertKind::SynFlood; }

    WindowClock m_clock;
    absl::flat_hash_map<std::uint32_t, Entry> m_entries;
};

} // namespace netlens
