// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "alerts/detector.h"

#include <absl/container/flat_hash_map.h>
#include <vector>

namespace netlens {

/**
 * traffic_spike: bit/s far above a learned baseline, overall (key "all") and per local host.
 * Each second's volume is a sample; the baseline is an EWMA mean and mean absolute deviation
 * of the samples (not learned from samples above the trip level, so a long spike does not
 * become normal). Silence longer than the warm-up (a capture paused, files days apart)
 * starts the learning again: traffic after it is compared with a fresh baseline, not 0. The value
 * is the mean of the last windowSeconds samples; it trips above max(mean + spikeFactor *
 * max(deviation, mean / 4), minBitsPerSecond) once warmupSeconds samples were learned. A host's
 * spike explains the overall one: the overall alert is not raised while a host's is engaged. At
 * most kMaxHosts hosts.
 */
class SpikeDetector final : public Detector {
public:
    static constexpr std::size_t kMaxHosts = 4096;
    static constexpr std::uint64_t kAllKey = ~std::uint64_t{0};

    SpikeDetector(const AlertRule &rule, const Engine &engine);

    void onPacket(const AlertPacket &p) override;
    void tick(std::int64_t nowNs, AlertTracker &tracker) override;
    void describe(std::uint64_t key, Alert &alert) const override;
    std::pair<std::uint32_t, std::uint32_t> snippetHosts(std::uint64_t key) const override;
    std::size_t memoryBytes() const override;

private:
    struct Baseline {
        double second = 0; ///< bits in the second being counted
        double mean = 0;
        double deviation = 0;
        std::uint32_t samples = 0;
        std::int64_t lastNs = 0;
        std::vector<float> recent;     ///< last windowSeconds samples, ring
        std::uint32_t idleSeconds = 0; ///< consecutive empty seconds
        double tripLevel = 0;
        double value = 0;
    };
    /// Adds the finished second's sample; returns the value (0 before the warm-up).
    double learn(Baseline &b);

    Baseline m_all;
    absl::flat_hash_map<std::uint32_t, Baseline> m_hosts;
    TopTable<64> m_sources;
    TopTable<64> m_destinations;
    TopTable<64> m_ports;
};

} // namespace netlens
