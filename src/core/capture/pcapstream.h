// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace netlens {

/**
 * Reads a pcap stream (file header, then records, as libpcap writes them) from a
 * non-blocking descriptor, the capture helper's stdout, and hands out whole records.
 *
 * Our own parsing rather than pcap_fopen_offline(): libpcap reads a savefile with blocking
 * stdio, which would keep the capture loop from waking for a stop, a batch or a status line
 * while no packet comes; here a read takes what the pipe holds and returns.
 */
class PcapStream {
public:
    enum class Fill { Data, Again, End, Error };
    struct Record {
        std::int64_t tsNs = 0;
        std::uint32_t capLen = 0;
        std::uint32_t wireLen = 0;
        const std::uint8_t *data = nullptr; ///< valid until the next fill()
    };

    PcapStream();

    /// Reads up to `maxBytes` more from `fd`. Data: something was read; Again: nothing yet;
    /// End: the writer closed the stream; Error: read() failed (errorText()).
    Fill fill(int fd, std::size_t maxBytes);
    /// The next complete record, if the buffer holds one. False otherwise, or on a malformed
    /// stream (then failed() and errorText()).
    bool next(Record &out);

    bool hasHeader() const { return m_header; }
    int linkType() const { return m_linkType; }
    int snapLen() const { return m_snapLen; }
    bool nano() const { return m_nano; }
    bool failed() const { return !m_error.empty(); }
    const std::string &errorText() const { return m_error; }
    /// Bytes left over that do not make a whole record (at the end: a cut stream).
    std::size_t pending() const { return m_end - m_begin; }

private:
    std::uint32_t u32(const std::uint8_t *p) const;

    std::vector<std::uint8_t> m_buf;
    std::size_t m_begin = 0;
    std::size_t m_end = 0;
    bool m_header = false;
    bool m_swapped = false;
    bool m_nano = false;
    int m_linkType = -1;
    int m_snapLen = 0;
    std::string m_error;
};

} // namespace netlens
