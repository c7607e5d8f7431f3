// SPDX-License-Identifier: GPL-3.0-or-later
#include "stats/statistics.h"

#include "decode/decodedpacket.h"
#include "store/packetrecord.h"

namespace netlens {

Statistics::Statistics()
    : m_labels(kTransportLabelBase + static_cast<std::size_t>(Transport::Count))
{
}

void Statistics::addPacket(std::int64_t tsNs, std::uint32_t wireLen, Transport t,
                           std::uint32_t label)
{
    if (m_total.packets == 0 || tsNs < m_firstNs)
        m_firstNs = tsNs;
    if (m_total.packets == 0 || tsNs > m_lastNs)
        m_lastNs = tsNs;
    m_total.add(1, wireLen);
    m_transports[static_cast<std::size_t>(t)].add(1, wireLen);
    m_labels[label].add(1, wireLen);
    m_series.add(tsNs, wireLen, label);
}

unsigned Statistics::addHostTraffic(std::uint32_t src, std::uint32_t dst, std::uint32_t wireLen)
{
    // A host is held from its first packet on; a new one past the cap is counted apart (the
    // check runs only for hosts without packets, so held hosts pay nothing for it). Past the
    // cap the array does not grow for new address ids: they cannot be held hosts.
    const auto full = [this] { return m_maxHosts && m_hostCount >= m_maxHosts; };
    const auto room = [&](std::uint32_t id) {
        return id == kNoAddress ? 0 : (full() && id >= m_hosts.size() ? 0 : id + 1);
    };
    const std::uint32_t top = std::max(room(src), room(dst));
    if (top > m_hosts.size())
        m_hosts.resize(std::max<std::size_t>(top, m_hosts.size() * 2));
    const auto fresh = [&](std::uint32_t id) {
        return id >= m_hosts.size() || m_hosts[id].packets() == 0;
    };
    unsigned notHeld = 0;
    if (src != kNoAddress) {
        if (fresh(src) && full()) {
            notHeld |= kSrcNotHeld;
            m_otherHosts.traffic.add(1, wireLen);
        } else {
            HostStats &h = m_hosts[src];
            m_hostCount += h.packets() == 0;
            ++h.packetsSent;
            h.bytesSent += wireLen;
        }
    }
    if (dst != kNoAddress) {
        if (fresh(dst) && full()) {
            notHeld |= kDstNotHeld;
            m_otherHosts.traffic.add(1, wireLen);
        } else {
            HostStats &h = m_hosts[dst];
            m_hostCount += h.packets() == 0;
            ++h.packetsReceived;
            h.bytesReceived += wireLen;
        }
    }
    return notHeld;
}

std::uint32_t Statistics::conversationFor(std::uint32_t a, std::uint32_t b, std::int64_t tsNs,
                                          std::uint64_t pairHash)
{
    if (a > b)
        std::swap(a, b);
    const std::uint64_t key = std::uint64_t{a} << 32 | b;
    if (m_maxConversations && m_conversations.size() >= m_maxConversations) {
        const auto it = m_conversationIds.find(key);
        if (it != m_conversationIds.end())
            return it->second;
        m_otherConversations.entries.add(pairHash ? pairHash : key);
        return kOtherConversation;
    }
    auto [it, inserted] =
        m_conversationIds.try_emplace(key, static_cast<std::uint32_t>(m_conversations.size()));
    if (inserted) {
        Conversation c;
        c.addrA = a;
        c.addrB = b;
        c.firstNs = c.lastNs = tsNs;
        m_conversations.push_back(c);
    }
    return it->second;
}

void Statistics::addConversationTraffic(std::uint32_t id, bool aToB, std::uint32_t wireLen,
                                        std::int64_t tsNs)
{
    Conversation &c = m_conversations[id];
    if (aToB) {
        ++c.packetsAB;
        c.bytesAB += wireLen;
    } else {
        ++c.packetsBA;
        c.bytesBA += wireLen;
    }
    c.firstNs = std::min(c.firstNs, tsNs);
    c.lastNs = std::max(c.lastNs, tsNs);
}

void Statistics::relabel(std::uint32_t from, std::uint32_t to, std::uint64_t packets,
                         std::uint64_t bytes)
{
    if (from == to)
        return;
    m_labels[from].packets -= packets;
    m_labels[from].bytes -= bytes;
    m_labels[to].add(packets, bytes);
}

void Statistics::noteFlags(std::uint16_t flags)
{
    if (flags & pktflag::Truncated)
        ++m_truncated;
    if (flags & pktflag::Malformed)
        ++m_malformed;
    if (flags & pktflag::UnknownLink)
        ++m_undecoded;
}

std::map<std::uint32_t, Counter> Statistics::protocols() const
{
    std::map<std::uint32_t, Counter> out;
    for (std::uint32_t i = 0; i < m_labels.size(); ++i)
        if (m_labels[i].packets)
            out.emplace(i, m_labels[i]);
    return out;
}

} // namespace netlens
