// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "alerts/alert.h"

#include <absl/container/flat_hash_map.h>
#include <cstdint>
#include <functional>
#include <vector>

namespace netlens {

class Detector;

/**
 * The alert lifecycle, per (rule, key): engaged when a detector reports a value at or above
 * its threshold, kept (one alert, never re-sent each second) while it holds, released once
 * the value stayed below threshold * (1 - hysteresis) for the rule's window, then quiet for
 * the rule's cooldown. At most kMaxEngaged alerts per rule at once: a flood of spoofed
 * sources cannot make a million alerts.
 */
class AlertTracker {
public:
    static constexpr std::size_t kMaxEngaged = 256;
    static constexpr std::size_t kMaxQuiet = 4096; ///< released keys remembered for cooldown

    /// `changed`: every new, updated or released alert. `engaged`: a new one (after changed).
    AlertTracker(std::vector<Detector *> detectors, std::function<void(const Alert &)> changed,
                 std::function<void(const Alert &, const Detector &, std::uint64_t)> engaged);

    void beginTick(std::int64_t nowNs);
    void report(std::size_t detector, std::uint64_t key, double value, double threshold,
                std::int64_t nowNs);
    /// Engaged keys not reported this tick count as 0; cooldowns over are forgotten.
    void endTick(std::int64_t nowNs);
    /// The end of the capture: every engaged alert released at `atNs`.
    void releaseAll(std::int64_t atNs);
    std::size_t engagedCount(std::size_t detector) const { return m_rules[detector].engaged; }
    std::uint64_t dropped() const { return m_dropped; }
    std::size_t memoryBytes() const;

    /// Stable identity of an alert (hex SHA-1 of rule id, key and start).
    static QString uidFor(const QString &ruleId, const QString &key, std::int64_t startNs);
    /// displayFilter from a BPF part and a capture-time range.
    static QString filterFor(const QString &bpf, std::int64_t fromNs, std::int64_t toNs);

private:
    struct KeyState {
        Alert alert;
        QString bpf;
        bool engaged = false;
        std::int64_t belowSinceNs = -1;
        std::int64_t quietUntilNs = 0;
        std::uint64_t lastTick = 0;
    };
    struct RuleState {
        Detector *detector = nullptr;
        absl::flat_hash_map<std::uint64_t, KeyState> keys;
        std::size_t engaged = 0;
    };
    void below(RuleState &rule, KeyState &s, std::int64_t nowNs);
    void release(RuleState &rule, KeyState &s, std::int64_t endNs, std::int64_t nowNs);

    std::vector<RuleState> m_rules;
    std::function<void(const Alert &)> m_changed;
    std::function<void(const Alert &, const Detector &, std::uint64_t)> m_engaged;
    std::uint64_t m_tick = 0;
    std::uint64_t m_dropped = 0;
};

} // namespace netlens
