// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "alerts/detector.h"
#include "alerts/windowcount.h"

#include <absl/container/flat_hash_map.h>
#include <array>

namespace netlens {

/**
 * port_scan (one source, many distinct destination ports on one host: key source -> host)
 * and host_sweep (one source, many distinct hosts on one port: key the source), counted on
 * the packets that open a connection (a SYN, a flow's first packet), so replies to a busy
 * client's ephemeral ports do not look like a scan.
 *
 * Distinct values are counted per fixed window in a 1024-bit linear-counting bitmap (128
 * bytes, a few percent off at the thresholds that matter); the reported value is the larger
 * of the current and the previous window. The table holds at most kMaxEntries keys: when
 * full, new keys are dropped (counted) and each tick evicts the idle and the one-packet ones.
 */
class DistinctDetector final : public Detector {
public:
    static constexpr std::size_t kMaxEntries = 16384;

    DistinctDetector(const AlertRule &rule, const Engine &engine);

    void onPacket(const AlertPacket &p) override;
    void tick(std::int64_t nowNs, AlertTracker &tracker) override;
    void describe(std::uint64_t key, Alert &alert) const override;
    std::pair<std::uint32_t, std::uint32_t> snippetHosts(std::uint64_t key) const override;
    std::size_t memoryBytes() const override;

private:
    struct Entry {
        std::array<std::uint64_t, 16> bits{};
        std::int64_t window = 0;
        std::int64_t lastNs = 0;
        std::uint32_t setBits = 0;
        double previous = 0;
        std::uint64_t packets = 0;
        std::uint64_t bytes = 0;
        std::array<std::uint32_t, 10> samples{}; ///< first distinct ports (scan) or hosts (sweep)
        std::uint8_t sampleCount = 0;
    };
    static double estimate(std::uint32_t setBits);
    double value(Entry &e, std::int64_t window) const;
    bool isScan() const { return m_rule.kind == AlertKind::PortScan; }

    WindowClock m_clock;
    // scan: src << 32 | dst; sweep: src << 16 | port
    absl::flat_hash_map<std::uint64_t, Entry> m_entries;
    // This tick's value per reported key (sweep: per source, the busiest port), for describe().
    absl::flat_hash_map<std::uint64_t, std::uint64_t> m_bestEntry;
};

} // namespace netlens
