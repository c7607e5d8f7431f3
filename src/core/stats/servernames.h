// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <absl/container/flat_hash_map.h>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>

namespace netlens {

/**
 * Server names (nDPI's host_server_name: DNS query name, TLS SNI, HTTP Host...) interned once
 * each, so a flow keeps a 32-bit id and a busy site's thousand flows share one string.
 *
 * Names come from packet data, so they are hostile: they are kept as nDPI gave them, only
 * made valid UTF-8 (each byte of an invalid sequence becomes U+FFFD, as Qt decodes) so that
 * every consumer can treat them as text. Nothing else is filtered; the front ends render them
 * as text, never as markup.
 *
 * Engine thread only (interned during detection, read when a snapshot is built).
 */
class ServerNames {
public:
    /// Id of "no name".
    static constexpr std::uint32_t kNone = 0;

    ServerNames();

    /// Id of `raw` (bytes as nDPI gave them); kNone for an empty name.
    std::uint32_t intern(std::string_view raw);
    /// Text of an id (valid UTF-8); empty for kNone or an unknown id.
    const std::string &text(std::uint32_t id) const;
    /// Ids are below this (kNone included).
    std::uint32_t size() const { return static_cast<std::uint32_t>(m_names.size()); }
    /// Heap bytes held: the strings, their slots and the index.
    std::size_t memoryBytes() const;

    /// `raw` as valid UTF-8: each byte of an invalid sequence replaced by U+FFFD.
    static std::string toValidUtf8(std::string_view raw);

private:
    // A deque never moves its elements, so the index's views into them stay valid.
    std::deque<std::string> m_names;
    absl::flat_hash_map<std::string_view, std::uint32_t> m_ids; // raw bytes -> id
    std::deque<std::string> m_raw; // raw bytes of names that were not valid UTF-8 (index keys)
    std::size_t m_heapBytes = 0;
};

} // namespace netlens
