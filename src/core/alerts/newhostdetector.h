// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "alerts/cidrset.h"
#include "alerts/detector.h"

#include <vector>

namespace netlens {

/**
 * new_host: a local address (private, link-local, ULA, or the rule's local_networks) that
 * sends its first packet after the learning period (counted from the first packet), not on
 * the allowlist. Key: the host. It holds for one tick and is released after the window.
 * At most kMaxPending hosts a tick (a spoofed flood of private sources).
 */
class NewHostDetector final : public Detector {
public:
    static constexpr std::size_t kMaxPending = 1024;

    NewHostDetector(const AlertRule &rule, const Engine &engine);

    void onPacket(const AlertPacket &p) override;
    void tick(std::int64_t nowNs, AlertTracker &tracker) override;
    void describe(std::uint64_t key, Alert &alert) const override;
    std::pair<std::uint32_t, std::uint32_t> snippetHosts(std::uint64_t key) const override;
    std::size_t memoryBytes() const override;

private:
    struct Seen {
        std::uint32_t id;
        std::int64_t firstNs;
        std::uint32_t peer;
        std::uint16_t port;
    };
    CidrSet m_allow;
    CidrSet m_local;
    std::vector<Seen> m_pending;
    std::vector<Seen> m_described; // this tick's, for describe()
};

} // namespace netlens
