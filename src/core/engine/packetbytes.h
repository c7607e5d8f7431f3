// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/packetrecord.h"

#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

namespace netlens {

/**
 * Re-reads packet bytes from the capture files by the offset kept in each record, so no
 * packet bytes stay in memory. pread() is used, not a mapping, because a live capture file
 * keeps growing; it is safe to call from several threads at once.
 */
class PacketBytesReader {
public:
    explicit PacketBytesReader(std::vector<std::string> files = {});
    ~PacketBytesReader();
    PacketBytesReader(const PacketBytesReader &) = delete;
    PacketBytesReader &operator=(const PacketBytesReader &) = delete;

    /// Adds a file (live capture rotation); its index is the next one.
    void addFile(const std::string &path);
    /// Reads the captured bytes of `record` into `out`. False if they are not (yet) on disk.
    bool read(const PacketRecord &record, std::vector<std::uint8_t> &out) const;
    std::size_t fileCount() const;

private:
    int fdFor(std::uint16_t index) const;

    mutable std::mutex m_mutex;
    std::vector<std::string> m_files; // guarded by m_mutex
    mutable std::vector<int> m_fds;   // guarded by m_mutex; -1 until opened
};

} // namespace netlens
