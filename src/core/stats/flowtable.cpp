// SPDX-License-Identifier: GPL-3.0-or-later
#include "stats/flowtable.h"

#include "decode/decodedpacket.h"

#include <cstring>

namespace netlens {

std::size_t FlowKeyHash::operator()(const FlowKey &k) const noexcept
{
    // Mix the key as five 64-bit words; fast and good enough for addresses and ports.
    std::uint64_t w[5];
    std::memcpy(w, k.a.data(), 16);
    std::memcpy(w + 2, k.b.data(), 16);
    w[4] = std::uint64_t{k.portA} | std::uint64_t{k.portB} << 16 |
           std::uint64_t{k.etherType} << 32 | std::uint64_t{k.ipProto} << 48 |
           std::uint64_t{k.addrLen} << 56;
    std::uint64_t h = 0x9e3779b97f4a7c15ull;
    for (std::uint64_t v : w) {
        h ^= v;
        h *= 0xbf58476d1ce4e5b9ull;
        h ^= h >> 31;
    }
    return static_cast<std::size_t>(h);
}

// Per-flow memory is the flood case's cost: the server name id took padding, not new bytes.
static_assert(sizeof(Flow) <= 88, "a Flow grew");

bool makeFlowKey(const DecodedPacket &p, FlowKey &key, bool &forward)
{
    if (!p.addrLen || !p.srcAddr)
        return false;
    key = FlowKey{};
    key.addrLen = p.addrLen;
    key.ipProto = p.ipProto;
    key.etherType = p.ipVersion ? 0 : p.etherType;
    const std::uint8_t *s = p.srcAddr;
    const std::uint8_t *d = p.dstAddr;
    static const std::uint8_t zero[16] = {};
    if (!d)
        d = zero;
    const int c = std::memcmp(s, d, p.addrLen);
    forward = c < 0 || (c == 0 && p.srcPort <= p.dstPort);
    if (!forward)
        std::swap(s, d);
    std::memcpy(key.a.data(), s, p.addrLen);
    std::memcpy(key.b.data(), d, p.addrLen);
    key.portA = forward ? p.srcPort : p.dstPort;
    key.portB = forward ? p.dstPort : p.srcPort;
    return true;
}

} // namespace netlens
