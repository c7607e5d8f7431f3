// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "source/capturereader.h"

#include <vector>

namespace netlens {

/**
 * pcapng block reader of our own. libpcap 1.10 refuses files whose interfaces have different
 * link types; Wireshark reads them, and so do we. Handles several sections with different byte
 * orders, EPB/SPB/OPB packets, if_tsresol and if_tsoffset, and skips every other block type.
 */
class PcapngReader final : public CaptureReader {
public:
    PcapngReader(const std::uint8_t *data, std::size_t size);
    bool next(RawPacket &out) override;
    std::string formatName() const override;

    static bool hasMagic(const std::uint8_t *data, std::size_t size);

    struct Interface {
        std::uint16_t linkType = 0;
        std::uint32_t snapLen = 0;
        std::int64_t tsOffsetSec = 0;
        // Timestamp units: value * m_mul / m_div gives nanoseconds.
        std::uint64_t mul = 1000;
        std::uint64_t div = 1;
        bool nano = false;
    };
    const std::vector<Interface> &interfaces() const { return m_interfaces; }
    int sectionCount() const { return m_sections; }

private:
    bool readSectionHeader(std::uint64_t blockLen);
    bool readInterface(const std::uint8_t *body, std::uint32_t bodyLen);
    bool checkOptions(const std::uint8_t *opt, std::uint32_t len, const char *block);
    std::int64_t toNs(const Interface &ifc, std::uint64_t ts) const;

    bool m_bigEndian = false;
    bool m_seenSection = false;
    int m_sections = 0;
    std::uint64_t m_blocks = 0;
    std::vector<Interface> m_interfaces; // of the current section
};

} // namespace netlens
