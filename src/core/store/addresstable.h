// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/chunkedarray.h"
#include "store/packetrecord.h"

#include <absl/container/flat_hash_map.h>
#include <array>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace netlens {

/// An interned address: IPv4, IPv6 or MAC.
struct Address {
    enum Family : std::uint8_t { None = 0, Mac = 6, V4 = 4, V6 = 16 };
    std::array<std::uint8_t, 16> bytes{};
    Family family = None;

    bool operator==(const Address &) const = default;
    std::string toString() const;
};

struct AddressHash {
    std::size_t operator()(const Address &a) const noexcept;
};

/**
 * Interns every address once and hands out dense 32-bit ids, so records stay small and the
 * per-host statistics can be plain arrays indexed by id. Text is formatted once, when the
 * address is first seen, because exports and the table print the same addresses millions of
 * times.
 *
 * One writer (the engine) interns; other threads may call at() and text() for ids they got
 * from published packet rows (the entries sit in a ChunkedArray and never move).
 *
 * Reclaiming (writer only, once track() was called): a flood of one-off addresses past the
 * host cap must not grow the table for ever, so an address nothing holds any more (no pin
 * from a held flow or conversation, not a held host, no row in memory, idle past the
 * observers' horizon) gives its id back and a new address reuses the slot. Readers are safe
 * because they only ask for ids of rows still in memory, and a row keeps its addresses.
 */
class AddressTable {
public:
    /// Writer only. Id for the address of `len` bytes (4, 6 or 16) at `bytes`; creates it if new.
    std::uint32_t intern(const std::uint8_t *bytes, std::uint8_t len);
    /// Slots (ids handed out so far, reclaimed ones included): ids are below this.
    std::uint32_t size() const { return static_cast<std::uint32_t>(m_entries.size()); }
    /// Addresses held now.
    std::uint64_t liveCount() const { return m_ids.size(); }
    /// Addresses whose ids were given back so far.
    std::uint64_t reclaimedCount() const { return m_reclaimed; }

    /// Writer only. From now on new addresses are candidates for reclaim() (those interned
    /// before stay for good: the engine starts tracking when the host cap fills, and every
    /// earlier address is a held host).
    void track() { m_tracking = true; }
    bool tracking() const { return m_tracking; }
    /// Writer only, while tracking: `id` is in row `row` at `tsNs`.
    void use(std::uint32_t id, std::uint64_t row, std::int64_t tsNs)
    {
        if (id < m_use.size()) {
            m_use[id].lastRow = row;
            m_use[id].lastNs = tsNs;
        }
    }
    /// Writer only, while tracking: a held flow or conversation names `id` (pin) or no longer
    /// does (unpin). Unpinning an address that was never pinned does nothing.
    void pin(std::uint32_t id)
    {
        if (id < m_use.size())
            ++m_use[id].pins;
    }
    void unpin(std::uint32_t id);
    /// Writer only. Gives back the ids of candidates that are not pinned, not `held` (the
    /// held hosts), in no row from `firstRow` on and idle since before `idleBeforeNs`; their
    /// ids are appended to `reclaimed`. Looks at the candidates oldest first and stops at the
    /// first one still in use, so a pass costs about what it reclaims.
    template <typename Held>
    void reclaim(std::uint64_t firstRow, std::int64_t idleBeforeNs, Held held,
                 std::vector<std::uint32_t> &reclaimed);
    const Address &at(std::uint32_t id) const { return m_entries[id].address; }
    /// Text of an id; empty for kNoAddress.
    std::string_view text(std::uint32_t id) const
    {
        if (id >= m_entries.size())
            return {};
        const Entry &e = m_entries[id];
        return std::string_view(e.text, e.textLen);
    }

private:
    struct Entry {
        Address address;
        char text[46]; // INET6_ADDRSTRLEN
        std::uint8_t textLen;
    };
    struct Use {
        std::uint64_t lastRow = 0;
        std::int64_t lastNs = 0;
        std::uint32_t pins = 0;
        bool queued = false; ///< in m_candidates
        bool tracked = false;
    };
    void release(std::uint32_t id);

    ChunkedArray<Entry> m_entries;
    absl::flat_hash_map<Address, std::uint32_t, AddressHash> m_ids; // writer only
    // The rest is the writer's too.
    std::vector<Use> m_use; // by id, once tracking
    std::deque<std::uint32_t> m_candidates;
    std::vector<std::uint32_t> m_free;
    std::uint64_t m_reclaimed = 0;
    bool m_tracking = false;
};

template <typename Held>
void AddressTable::reclaim(std::uint64_t firstRow, std::int64_t idleBeforeNs, Held held,
                           std::vector<std::uint32_t> &reclaimed)
{
    while (!m_candidates.empty()) {
        const std::uint32_t id = m_candidates.front();
        Use &u = m_use[id];
        if (u.pins == 0 && !held(id) && (u.lastRow >= firstRow || u.lastNs >= idleBeforeNs))
            return; // still in use; the candidates behind it were queued later
        m_candidates.pop_front();
        u.queued = false;
        // Pinned: queued again when its last pin goes. A held host stays for good.
        if (u.pins == 0 && !held(id)) {
            release(id);
            reclaimed.push_back(id);
        }
    }
}

} // namespace netlens
