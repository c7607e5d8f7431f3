// SPDX-License-Identifier: GPL-3.0-or-later
#include "source/capturereader.h"

#include "source/byteorder.h"
#include "source/mappedfile.h"
#include "source/pcapngreader.h"
#include "source/pcapreader.h"

#include <cstdio>
#include <sys/mman.h>

namespace netlens {

CaptureReader::~CaptureReader() = default;

void CaptureReader::releaseRange()
{
    // Keep the last megabyte: the packet just returned may still be in use.
    const std::uint64_t page = 4096;
    const std::uint64_t end = (m_pos > (1u << 20) ? m_pos - (1u << 20) : 0) / page * page;
    if (end > m_released) {
        ::madvise(const_cast<std::uint8_t *>(m_data) + m_released, end - m_released, MADV_DONTNEED);
        m_released = end;
    }
}

bool CaptureReader::fail(State state, std::string message)
{
    m_state = state;
    m_error = std::move(message);
    return false;
}

std::unique_ptr<CaptureReader> CaptureReader::fromMemory(const std::uint8_t *data,
                                                         std::size_t size, std::string &error)
{
    if (size == 0) {
        error = "the file is empty (0 bytes), not a capture";
        return nullptr;
    }
    if (PcapngReader::hasMagic(data, size))
        return std::make_unique<PcapngReader>(data, size);
    if (PcapReader::hasMagic(data, size)) {
        auto reader = std::make_unique<PcapReader>(data, size);
        if (!reader->readHeader()) {
            error = reader->error();
            return nullptr;
        }
        return reader;
    }
    char magic[16] = "";
    if (size >= 4)
        std::snprintf(magic, sizeof magic, "0x%08x", loadBe32(data));
    error = size < 4 ? "too short to be a capture file (" + std::to_string(size) + " bytes)"
                     : std::string("not a pcap or pcapng capture file (unknown magic number ") +
                           magic + ")";
    return nullptr;
}

std::unique_ptr<CaptureReader> CaptureReader::open(const std::string &path, std::string &error)
{
    auto file = MappedFile::open(path, error);
    if (!file)
        return nullptr;
    auto reader = fromMemory(file->data(), file->size(), error);
    if (reader)
        reader->m_file = std::move(file);
    return reader;
}

} // namespace netlens
