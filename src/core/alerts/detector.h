// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "alerts/alert.h"
#include "alerts/alertpacket.h"
#include "alerts/alertrule.h"
#include "alerts/toptable.h"

#include <cstdint>
#include <utility>

namespace netlens {

class AlertTracker;
class Engine;

/**
 * One rule at work: fed the packets it is interested in (interest(): pktevent bits), it
 * keeps its own bounded state and, at each one-second tick of capture time, reports a value
 * against a threshold per key to the AlertTracker, which decides engage and release. The
 * detector only measures; the lifecycle is the tracker's.
 */
class Detector {
public:
    Detector(const AlertRule &rule, const Engine &engine, std::uint32_t interest);
    virtual ~Detector() = default;
    Detector(const Detector &) = delete;
    Detector &operator=(const Detector &) = delete;

    const AlertRule &rule() const { return m_rule; }
    std::uint32_t interest() const { return m_interest; }
    std::size_t index() const { return m_index; }
    void setIndex(std::size_t index) { m_index = index; }
    std::int64_t windowNs() const { return m_windowNs; }

    virtual void onPacket(const AlertPacket &p) = 0;
    /// Called once per second of capture time, `nowNs` a whole second: report each key's
    /// value to `tracker` (keys not reported count as 0).
    virtual void tick(std::int64_t nowNs, AlertTracker &tracker) = 0;
    /// For an alert engaging on `key` (its evidence.value and threshold set): fills key,
    /// summary, the rest of the evidence and displayFilter's BPF part (the tracker adds the
    /// time range).
    virtual void describe(std::uint64_t key, Alert &alert) const = 0;
    /// The address ids whose packets belong in the alert's snippet (both kNoAddress: all
    /// traffic; one set: packets to or from it; both: packets between them).
    virtual std::pair<std::uint32_t, std::uint32_t> snippetHosts(std::uint64_t key) const = 0;
    virtual std::size_t memoryBytes() const = 0;
    /// Keys or packets not tracked because a table was full (a flood of spoofed sources).
    std::uint64_t dropped() const { return m_dropped; }

protected:
    QString addressText(std::uint32_t id) const;
    /// Evidence items from a TopTable of address ids (`ports`: the keys are ports).
    template <std::size_t N>
    std::vector<EvidenceItem> items(const TopTable<N> &table, std::size_t n, bool ports) const
    {
        std::vector<EvidenceItem> out;
        for (const auto &i : table.top(n))
            out.push_back(
                {ports ? QString::number(i.key) : addressText(i.key), i.packets, i.bytes});
        return out;
    }
    static QString number(double v);

    const AlertRule m_rule;
    const Engine &m_engine;
    const std::uint32_t m_interest;
    const std::int64_t m_windowNs;
    std::uint64_t m_dropped = 0;
    std::size_t m_index = 0;
};

} // namespace netlens
