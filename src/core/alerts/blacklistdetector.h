// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "alerts/cidrset.h"
#include "alerts/detector.h"
#include "alerts/windowcount.h"

#include <absl/container/flat_hash_map.h>

namespace netlens {

/**
 * blacklist: traffic to or from a listed address or network (inline addresses and
 * list_file). Key: the listed address seen. Engaged from its first packet, released when
 * it was silent for the window. At most kMaxEntries listed addresses tracked at once.
 */
class BlacklistDetector final : public Detector {
public:
    static constexpr std::size_t kMaxEntries = 4096;

    /// Reads list_file; false with "file:line: ..." on a bad line.
    BlacklistDetector(const AlertRule &rule, const Engine &engine);
    bool load(QString &error);
    const CidrSet &list() const { return m_list; }

    void onPacket(const AlertPacket &p) override;
    void tick(std::int64_t nowNs, AlertTracker &tracker) override;
    void describe(std::uint64_t key, Alert &alert) const override;
    std::pair<std::uint32_t, std::uint32_t> snippetHosts(std::uint64_t key) const override;
    std::size_t memoryBytes() const override;

private:
    struct Entry {
        WindowCount count;
        std::int64_t lastNs = 0;
        std::uint64_t packets = 0;
        std::uint64_t bytes = 0;
        TopTable<8> peers;
        TopTable<8> ports;
    };
    CidrSet m_list;
    WindowClock m_clock;
    absl::flat_hash_map<std::uint32_t, Entry> m_entries;
};

} // namespace netlens
