// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <vector>

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
    /// How long after an address's last packet the observer may still name it by id (its
    /// detection windows): the engine gives no id back sooner (AddressTable::reclaim()).
    virtual std::int64_t addressHorizonNs() const { return 0; }
    /// These address ids were given back; a later address may get one of them.
    virtual void onAddressesReclaimed(const std::vector<std::uint32_t> &ids) { (void)ids; }
};

} // namespace netlens
