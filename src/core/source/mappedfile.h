// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace netlens {

/// A whole file mapped read-only. Reading by mapping lets the kernel read ahead and avoids a
/// copy per packet, which is what makes one pass over a 1 GB file take about a second.
class MappedFile {
public:
    ~MappedFile();
    MappedFile(const MappedFile &) = delete;
    MappedFile &operator=(const MappedFile &) = delete;

    static std::shared_ptr<MappedFile> open(const std::string &path, std::string &error);

    const std::uint8_t *data() const { return m_data; }
    /// Drops the pages of [0, offset) from this process's memory (the page cache keeps them):
    /// one pass over a big file then costs no more resident memory than a window of it.
    void releaseBefore(std::size_t offset);
    std::size_t size() const { return m_size; }

private:
    MappedFile() = default;
    const std::uint8_t *m_data = nullptr;
    std::size_t m_size = 0;
    std::size_t m_released = 0;
};

} // namespace netlens
