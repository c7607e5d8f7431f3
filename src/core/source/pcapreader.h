// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "source/capturereader.h"

namespace netlens {

/// Classic libpcap format, both byte orders, microsecond and nanosecond magic.
/// Our own reader over the mapping: measured 2.4x faster than pcap_next_ex (see README).
class PcapReader final : public CaptureReader {
public:
    PcapReader(const std::uint8_t *data, std::size_t size);
    bool next(RawPacket &out) override;
    std::string formatName() const override;

    /// Checks the 24-byte file header. False (with state Error) if it is unusable.
    bool readHeader();

    static bool hasMagic(const std::uint8_t *data, std::size_t size);

private:
    bool m_bigEndian = false;
    bool m_nano = false;
    std::uint16_t m_linkType = 0;
    std::uint32_t m_maxCapLen = 0;
    std::uint64_t m_index = 0;
};

} // namespace netlens
