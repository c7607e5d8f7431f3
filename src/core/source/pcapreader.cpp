// SPDX-License-Identifier: GPL-3.0-or-later
#include "source/pcapreader.h"

#include "source/byteorder.h"

#include <algorithm>
#include <cstdio>

namespace netlens {

namespace {
constexpr std::uint32_t kMagicMicro = 0xa1b2c3d4;
constexpr std::uint32_t kMagicNano = 0xa1b23c4d;
constexpr std::size_t kFileHeaderSize = 24;
constexpr std::size_t kRecordHeaderSize = 16;
// Wireshark and libpcap refuse records above 256 KiB for ordinary link types; a bigger
// snap length in the header raises the limit, up to this hard ceiling.
constexpr std::uint32_t kDefaultMaxCapLen = 262144;
constexpr std::uint32_t kHardMaxCapLen = 16u * 1024 * 1024;
} // namespace

PcapReader::PcapReader(const std::uint8_t *data, std::size_t size) : CaptureReader(data, size) {}

bool PcapReader::hasMagic(const std::uint8_t *data, std::size_t size)
{
    if (size < 4)
        return false;
    const std::uint32_t le = loadLe32(data), be = loadBe32(data);
    return le == kMagicMicro || le == kMagicNano || be == kMagicMicro || be == kMagicNano;
}

bool PcapReader::readHeader()
{
    if (m_size < kFileHeaderSize)
        return fail(State::Error, "pcap file header is cut short (" + std::to_string(m_size) +
                                      " of 24 bytes)");
    const std::uint32_t le = loadLe32(m_data);
    m_bigEndian = !(le == kMagicMicro || le == kMagicNano);
    const std::uint32_t magic = load32(m_data, m_bigEndian);
    m_nano = magic == kMagicNano;
    const std::uint16_t major = load16(m_data + 4, m_bigEndian);
    const std::uint16_t minor = load16(m_data + 6, m_bigEndian);
    if (major != 2)
        return fail(State::Error, "pcap: unsupported format version " + std::to_string(major) +
                                      "." + std::to_string(minor) + " (only 2.x exists)");
    const std::uint32_t snapLen = load32(m_data + 16, m_bigEndian);
    const std::uint32_t linkField = load32(m_data + 20, m_bigEndian);
    // Bits 16-25 are reserved or carry FCS information; a file with reserved bits set was
    // written by something we do not understand.
    if (linkField & 0x03ff0000u) {
        char buf[16];
        std::snprintf(buf, sizeof buf, "0x%08x", linkField & 0x03ff0000u);
        return fail(State::Error,
                    std::string("pcap: link-type field has reserved bits set (") + buf + ")");
    }
    m_linkType = static_cast<std::uint16_t>(linkField & 0xffff);
    m_maxCapLen = snapLen > kDefaultMaxCapLen ? std::min(snapLen, kHardMaxCapLen)
                                              : kDefaultMaxCapLen;
    m_pos = kFileHeaderSize;
    return true;
}

bool PcapReader::next(RawPacket &out)
{
    if (m_state != State::Reading)
        return false;
    if (m_pos == m_size) {
        m_state = State::End;
        return false;
    }
    if (m_size - m_pos < kRecordHeaderSize)
        return fail(State::Truncated, "cut short inside the header of record " +
                                          std::to_string(m_index + 1) + " at byte offset " +
                                          std::to_string(m_pos));
    const std::uint8_t *h = m_data + m_pos;
    const std::uint32_t sec = load32(h, m_bigEndian);
    const std::uint32_t frac = load32(h + 4, m_bigEndian);
    const std::uint32_t capLen = load32(h + 8, m_bigEndian);
    const std::uint32_t wireLen = load32(h + 12, m_bigEndian);
    if (capLen > m_maxCapLen)
        return fail(State::Error, "record " + std::to_string(m_index + 1) + " at byte offset " +
                                      std::to_string(m_pos) + " claims " +
                                      std::to_string(capLen) +
                                      " captured bytes, more than the maximum of " +
                                      std::to_string(m_maxCapLen) + " (corrupt file)");
    if (m_size - m_pos - kRecordHeaderSize < capLen)
        return fail(State::Truncated, "cut short in the middle of record " +
                                          std::to_string(m_index + 1) + " at byte offset " +
                                          std::to_string(m_pos));
    out.data = h + kRecordHeaderSize;
    out.capLen = capLen;
    out.wireLen = wireLen < capLen ? capLen : wireLen;
    out.tsNs = static_cast<std::int64_t>(sec) * 1000000000 +
               static_cast<std::int64_t>(frac) * (m_nano ? 1 : 1000);
    out.fileOffset = m_pos + kRecordHeaderSize;
    out.interfaceId = 0;
    out.linkType = m_linkType;
    out.nanoResolution = m_nano;
    m_pos += kRecordHeaderSize + capLen;
    ++m_index;
    releaseConsumed();
    return true;
}

std::string PcapReader::formatName() const
{
    return std::string("pcap (") + (m_nano ? "ns" : "µs") + ", " +
           (m_bigEndian ? "big-endian" : "little-endian") + ")";
}

} // namespace netlens
