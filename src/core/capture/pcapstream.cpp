// SPDX-License-Identifier: GPL-3.0-or-later
#include "capture/pcapstream.h"

#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace netlens {

namespace {
constexpr std::size_t kFileHeader = 24;
constexpr std::size_t kRecordHeader = 16;
constexpr std::uint32_t kMaxCapLen = 262144; // the helper's largest snap length
// Several pipe-fulls per read, and always room for the largest record behind a partial one.
constexpr std::size_t kBufferBytes = (std::size_t{4} << 20) + kRecordHeader + kMaxCapLen;
} // namespace

PcapStream::PcapStream()
    : m_buf(kBufferBytes)
{
}

std::uint32_t PcapStream::u32(const std::uint8_t *p) const
{
    std::uint32_t v;
    std::memcpy(&v, p, 4);
    return m_swapped ? __builtin_bswap32(v) : v;
}

PcapStream::Fill PcapStream::fill(int fd, std::size_t maxBytes)
{
    // Move the partial record to the front once the tail is short of room for a whole one.
    if (m_begin > 0 && m_buf.size() - m_end < kRecordHeader + kMaxCapLen) {
        std::memmove(m_buf.data(), m_buf.data() + m_begin, m_end - m_begin);
        m_end -= m_begin;
        m_begin = 0;
    }
    const std::size_t room = std::min(m_buf.size() - m_end, maxBytes);
    if (room == 0)
        return Fill::Data; // the caller has whole records to take first
    for (;;) {
        const ssize_t n = ::read(fd, m_buf.data() + m_end, room);
        if (n > 0) {
            m_end += static_cast<std::size_t>(n);
            return Fill::Data;
        }
        if (n == 0)
            return Fill::End;
        if (errno == EINTR)
            continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK)
            return Fill::Again;
        m_error =
            std::string("reading the capture helper's stream failed: ") + std::strerror(errno);
        return Fill::Error;
    }
}

bool PcapStream::next(Record &out)
{
    if (!m_error.empty())
        return false;
    if (!m_header) {
        if (m_end - m_begin < kFileHeader)
            return false;
        const std::uint8_t *h = m_buf.data() + m_begin;
        std::uint32_t magic;
        std::memcpy(&magic, h, 4);
        if (magic == 0xa1b2c3d4 || magic == 0xa1b23c4d) {
            m_swapped = false;
        } else if (magic == 0xd4c3b2a1 || magic == 0x4d3cb2a1) {
            m_swapped = true;
            magic = __builtin_bswap32(magic);
        } else {
            m_error = "the capture helper's stream does not start with a pcap header";
            return false;
        }
        m_nano = magic == 0xa1b23c4d;
        m_snapLen = static_cast<int>(u32(h + 16));
        m_linkType = static_cast<int>(u32(h + 20) & 0x0fffffff);
        m_header = true;
        m_begin += kFileHeader;
    }
    if (m_end - m_begin < kRecordHeader)
        return false;
    const std::uint8_t *r = m_buf.data() + m_begin;
    const std::uint32_t capLen = u32(r + 8);
    if (capLen > kMaxCapLen) {
        m_error = "the capture helper's stream is corrupt (a record of " + std::to_string(capLen) +
                  " bytes)";
        return false;
    }
    if (m_end - m_begin < kRecordHeader + capLen)
        return false;
    out.tsNs = static_cast<std::int64_t>(u32(r)) * 1000000000 +
               static_cast<std::int64_t>(u32(r + 4)) * (m_nano ? 1 : 1000);
    out.capLen = capLen;
    out.wireLen = u32(r + 12);
    out.data = r + kRecordHeader;
    m_begin += kRecordHeader + capLen;
    if (m_begin == m_end)
        m_begin = m_end = 0;
    return true;
}

} // namespace netlens
