// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>

namespace netlens {

struct DecodedPacket;
struct PacketRecord;
struct RawPacket;

/**
 * Sees every packet the Engine accepts, after its flow was found and counted (the alert
 * engine). Called on the engine's thread, inside Engine::process: it must be cheap.
 */
class PacketObserver {
public:
    virtual ~PacketObserver() = default;
    /// `record` holds the address ids (src, dst) and flow id; `newFlow`: this packet made
    /// the flow.
    virtual void onPacket(const RawPacket &packet, const DecodedPacket &decoded,
                          const PacketRecord &record, bool newFlow) = 0;
};

} // namespace netlens
