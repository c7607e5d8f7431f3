// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>

namespace netlens {

/// One packet as a source yields it: a view of bytes that stay valid until the next read.
struct RawPacket {
    const std::uint8_t *data = nullptr;
    std::uint32_t capLen = 0;     ///< bytes present in `data`
    std::uint32_t wireLen = 0;    ///< original length on the wire
    std::int64_t tsNs = 0;        ///< capture time, nanoseconds since the epoch
    std::uint64_t fileOffset = 0; ///< where `data` starts in the file, to re-read it later
    std::uint32_t interfaceId = 0;
    std::uint16_t linkType = 0; ///< LINKTYPE_* value
    bool nanoResolution = false; ///< the source records nanoseconds (not microseconds)
};

} // namespace netlens
