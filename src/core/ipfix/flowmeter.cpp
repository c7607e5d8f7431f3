// SPDX-License-Identifier: GPL-3.0-or-later
#include "ipfix/flowmeter.h"

#include <algorithm>

namespace netlens {

FlowMeter::FlowMeter(std::int64_t idleNs, std::int64_t activeNs, std::uint64_t maxFlows, Sink sink)
    : m_idleNs(idleNs)
    , m_activeNs(activeNs)
    , m_maxFlows(maxFlows)
    , m_sink(std::move(sink))
{
}

void FlowMeter::unlink(List &list, Links Entry::*links, std::uint32_t id)
{
    Links &l = m_entries[id].*links;
    if (l.prev != kNil)
        (m_entries[l.prev].*links).next = l.next;
    else
        list.head = l.next;
    if (l.next != kNil)
        (m_entries[l.next].*links).prev = l.prev;
    else
        list.tail = l.prev;
    l = {kNil, kNil};
}

void FlowMeter::append(List &list, Links Entry::*links, std::uint32_t id)
{
    Links &l = m_entries[id].*links;
    l = {list.tail, kNil};
    if (list.tail != kNil)
        (m_entries[list.tail].*links).next = id;
    else
        list.head = id;
    list.tail = id;
}

void FlowMeter::start(Entry &e, std::int64_t tsNs)
{
    e.dir[0] = e.dir[1] = Direction{};
    e.firstNs = e.lastNs = tsNs;
}

void FlowMeter::add(const FlowKey &key, bool forward, std::uint32_t ingress, std::int64_t tsNs,
                    std::uint32_t ipLength, std::uint8_t tcpFlags, std::uint16_t app)
{
    const Key k{key, ingress};
    auto it = m_index.find(k);
    std::uint32_t id = kNil;
    if (it != m_index.end()) {
        id = it->second;
        Entry &e = m_entries[id];
        // A late packet (files are not always in time order) counts in the record; a gap
        // past the idle timeout or a record past the active one ends the record first.
        if (tsNs - e.lastNs > m_idleNs || tsNs - e.firstNs >= m_activeNs) {
            const FlowEndReason why = tsNs - e.lastNs > m_idleNs ? FlowEndReason::IdleTimeout
                                                                 : FlowEndReason::ActiveTimeout;
            exportEntry(id, why);
            start(e, tsNs);
            unlink(m_byFirst, &Entry::byFirst, id);
            append(m_byFirst, &Entry::byFirst, id);
        }
        unlink(m_byLast, &Entry::byLast, id);
        append(m_byLast, &Entry::byLast, id);
    } else {
        if (m_maxFlows && m_index.size() >= m_maxFlows && m_byLast.head != kNil) {
            ++m_evicted;
            const std::uint32_t victim = m_byLast.head;
            exportEntry(victim, FlowEndReason::LackOfResources);
            remove(victim);
        }
        if (!m_free.empty()) {
            id = m_free.back();
            m_free.pop_back();
        } else {
            id = static_cast<std::uint32_t>(m_entries.size());
            m_entries.emplace_back();
        }
        Entry &e = m_entries[id];
        e.key = k;
        e.app = 0;
        start(e, tsNs);
        m_index.emplace(k, id);
        append(m_byLast, &Entry::byLast, id);
        append(m_byFirst, &Entry::byFirst, id);
        m_peak = std::max(m_peak, m_index.size());
    }
    Entry &e = m_entries[id];
    Direction &d = e.dir[forward ? 0 : 1];
    if (!d.packets)
        d.firstNs = tsNs;
    ++d.packets;
    d.octets += ipLength;
    d.firstNs = std::min(d.firstNs, tsNs);
    d.lastNs = std::max(d.lastNs, tsNs);
    d.tcpFlags |= tcpFlags;
    e.firstNs = std::min(e.firstNs, tsNs);
    e.lastNs = std::max(e.lastNs, tsNs);
    if (app)
        e.app = app;
}

void FlowMeter::expire(std::int64_t nowNs)
{
    while (m_byLast.head != kNil && nowNs - m_entries[m_byLast.head].lastNs > m_idleNs) {
        const std::uint32_t id = m_byLast.head;
        exportEntry(id, FlowEndReason::IdleTimeout);
        remove(id);
    }
    while (m_byFirst.head != kNil && nowNs - m_entries[m_byFirst.head].firstNs >= m_activeNs) {
        const std::uint32_t id = m_byFirst.head;
        exportEntry(id, FlowEndReason::ActiveTimeout);
        remove(id);
    }
}

void FlowMeter::flush(FlowEndReason reason)
{
    // In the order the records started, as a collector would have seen them end.
    while (m_byFirst.head != kNil) {
        const std::uint32_t id = m_byFirst.head;
        exportEntry(id, reason);
        remove(id);
    }
}

void FlowMeter::remove(std::uint32_t id)
{
    unlink(m_byLast, &Entry::byLast, id);
    unlink(m_byFirst, &Entry::byFirst, id);
    m_index.erase(m_entries[id].key);
    m_free.push_back(id);
}

void FlowMeter::exportEntry(std::uint32_t id, FlowEndReason reason)
{
    const Entry &e = m_entries[id];
    const FlowKey &k = e.key.flow;
    for (int side = 0; side < 2; ++side) {
        const Direction &d = e.dir[side];
        if (!d.packets)
            continue;
        MeteredFlow f;
        f.src = side == 0 ? k.a : k.b;
        f.dst = side == 0 ? k.b : k.a;
        f.srcPort = side == 0 ? k.portA : k.portB;
        f.dstPort = side == 0 ? k.portB : k.portA;
        f.addrLen = k.addrLen;
        f.proto = k.ipProto;
        f.packets = d.packets;
        f.octets = d.octets;
        f.firstNs = d.firstNs;
        f.lastNs = d.lastNs;
        f.tcpFlags = d.tcpFlags;
        f.ingress = e.key.ingress;
        f.app = e.app;
        f.reason = reason;
        m_sink(f);
    }
}

std::size_t FlowMeter::memoryBytes() const
{
    return m_entries.capacity() * sizeof(Entry) + m_free.capacity() * sizeof(std::uint32_t) +
           m_index.capacity() * (sizeof(Key) + sizeof(std::uint32_t) + 1);
}

} // namespace netlens
