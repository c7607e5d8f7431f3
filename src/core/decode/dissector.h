// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace netlens {

/// One line of a packet's details tree, with the bytes it describes.
struct DissectedField {
    int depth = 0;            ///< 0 for a layer, 1 for its fields, 2+ for sub-fields
    std::string text;         ///< e.g. "Time to Live: 64"
    std::uint32_t offset = 0; ///< first byte in the packet; offset + length <= capLen always
    std::uint32_t length = 0; ///< 0 for generated lines that describe no byte
};

/**
 * Layers and fields of one packet for a details tree. Each layer is a depth-0 entry
 * ("Ethernet II, Src: ..., Dst: ...", "Internet Protocol Version 4, Src: 1.2.3.4, Dst: ...",
 * "Transmission Control Protocol, Src Port: 443, Dst Port: 51234, Seq: ..., Len: ..."), its
 * fields at depth 1 and sub-fields (TCP flags, DNS queries, ...) at depth 2 and below, each
 * with its byte range so that a hex view can highlight it.
 *
 * Never reads at or past data + capLen and never throws on bad input: a header cut short or
 * contradicting itself ends its layer with a "[Truncated ...]" or "[Malformed ...]" line.
 * The packet is dissected on its own, so sequence numbers are raw (not relative) and nothing
 * is reassembled.
 */
std::vector<DissectedField> dissectPacket(const std::uint8_t *data, std::uint32_t capLen,
                                          std::uint32_t wireLen, std::uint16_t linkType);

/**
 * One-line summary for the packet list's Info column, in Wireshark's style: "51234 → 443
 * [SYN, ACK] Seq=0 Ack=1 Win=65535 Len=0", "Standard query 0x1a2b A example.com",
 * "GET /index.html HTTP/1.1", "Client Hello (SNI=example.com)", "Who has 10.0.0.1? Tell
 * 10.0.0.2", ... Falls back to "src → dst Len=N" for TCP/UDP without a known application
 * protocol, and to a layer name for everything else. Same guarantees as dissectPacket; cheaper,
 * since no field text is built.
 */
std::string packetInfo(const std::uint8_t *data, std::uint32_t capLen, std::uint32_t wireLen,
                       std::uint16_t linkType);

} // namespace netlens
