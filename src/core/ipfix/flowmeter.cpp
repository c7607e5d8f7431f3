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

bool FlowMeter::addByHint(Hint hint, bool forward, std::uint32_t ingress, std::int64_t tsNs,
                          std::uint32_t ipLength, std::uint8_t tcpFlags, std::uint16_t app)
{
    // The engine already found this packet's flow: its id leads straight to the record, with
    // one load and no key to build, compare or hash. The generation tells a reused slot.
    if (hint.flow >= m_byHint.size())
        return false;
    const std::uint32_t id = m_byHint[hint.flow];
    if (id >= m_entries.size())
        return false;
    const Entry &e = m_entries[id];
    if (!e.used || e.hint.flow != hint.flow || e.hint.generation != hint.generation ||
        e.key.ingress != ingress)
        return false;
    count(id, forward, tsNs, ipLength, tcpFlags, app);
    return true;
}

void FlowMeter::remember(Hint hint, std::uint32_t id)
{
    if (hint.flow == kNoHint)
        return;
    if (hint.flow >= m_byHint.size())
        m_byHint.resize(std::max<std::size_t>(hint.flow + 1, m_byHint.size() * 2), kNil);
    m_byHint[hint.flow] = id;
    m_entries[id].hint = hint;
}

std::uint32_t FlowMeter::create(const Key &key, std::int64_t tsNs)
{
    if (m_maxFlows && m_index.size() >= m_maxFlows)
        evictOne();
    std::uint32_t id = 0;
    if (!m_free.empty()) {
        id = m_free.back();
        m_free.pop_back();
    } else {
        id = static_cast<std::uint32_t>(m_entries.emplaceBack());
    }
    Entry &e = m_entries[id];
    e.key = key;
    e.app = 0;
    e.hint = Hint{};
    e.used = true;
    m_index.emplace(key, id);
    m_peak = std::max(m_peak, m_index.size());
    restart(id, tsNs);
    return id;
}

void FlowMeter::restart(std::uint32_t id, std::int64_t tsNs)
{
    Entry &e = m_entries[id];
    e.dir[0] = e.dir[1] = Direction{};
    e.firstNs = e.lastNs = tsNs;
    m_idleQueue.push_back({id, e.generation, tsNs});
    m_activeQueue.push_back({id, e.generation, tsNs});
}

void FlowMeter::add(const FlowKey &flowKey, bool forward, std::uint32_t ingress, std::int64_t tsNs,
                    std::uint32_t ipLength, std::uint8_t tcpFlags, std::uint16_t app, Hint hint)
{
    const Key key{flowKey, ingress};
    const auto it = m_index.find(key);
    const std::uint32_t id = it != m_index.end() ? it->second : create(key, tsNs);
    remember(hint, id);
    count(id, forward, tsNs, ipLength, tcpFlags, app);
}

void FlowMeter::count(std::uint32_t id, bool forward, std::int64_t tsNs, std::uint32_t ipLength,
                      std::uint8_t tcpFlags, std::uint16_t app)
{
    {
        const Entry &e = m_entries[id];
        // A late packet (files are not always in time order) counts in the record; a gap
        // past the idle timeout or a record past the active one ends the record first.
        if (e.dir[0].packets + e.dir[1].packets &&
            (tsNs - e.lastNs > m_idleNs || tsNs - e.firstNs >= m_activeNs)) {
            exportEntry(id, tsNs - e.lastNs > m_idleNs ? FlowEndReason::IdleTimeout
                                                       : FlowEndReason::ActiveTimeout);
            ++m_entries[id].generation;
            restart(id, tsNs);
        }
    }
    Entry &e = m_entries[id];
    Direction &d = e.dir[forward ? 0 : 1];
    if (!d.packets)
        d.firstNs = d.lastNs = tsNs;
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
    while (!m_idleQueue.empty() && nowNs - m_idleQueue.front().keyNs > m_idleNs) {
        const Queued q = m_idleQueue.front();
        m_idleQueue.pop_front();
        if (!current(q))
            continue;
        const Entry &e = m_entries[q.id];
        if (nowNs - e.lastNs > m_idleNs)
            end(q.id, FlowEndReason::IdleTimeout);
        else
            m_idleQueue.push_back({q.id, q.generation, e.lastNs}); // busy since: look again
    }
    while (!m_activeQueue.empty() && nowNs - m_activeQueue.front().keyNs >= m_activeNs) {
        const Queued q = m_activeQueue.front();
        m_activeQueue.pop_front();
        if (current(q) && nowNs - m_entries[q.id].firstNs >= m_activeNs)
            end(q.id, FlowEndReason::ActiveTimeout);
    }
}

void FlowMeter::evictOne()
{
    // The idle-most record: the idle queue's head, once entries that are stale or were busy
    // since they were queued have moved on (a few at most look again before one goes).
    for (int looks = 0; !m_idleQueue.empty(); ++looks) {
        const Queued q = m_idleQueue.front();
        m_idleQueue.pop_front();
        if (!current(q))
            continue;
        const Entry &e = m_entries[q.id];
        if (e.lastNs > q.keyNs && looks < 64) {
            m_idleQueue.push_back({q.id, q.generation, e.lastNs});
            continue;
        }
        ++m_evicted;
        end(q.id, FlowEndReason::LackOfResources);
        return;
    }
}

void FlowMeter::flush(FlowEndReason reason)
{
    // In the order the records started, as a collector would have seen them end.
    while (!m_activeQueue.empty()) {
        const Queued q = m_activeQueue.front();
        m_activeQueue.pop_front();
        if (current(q))
            end(q.id, reason);
    }
    m_idleQueue.clear();
}

void FlowMeter::end(std::uint32_t id, FlowEndReason reason)
{
    exportEntry(id, reason);
    Entry &e = m_entries[id];
    ++e.generation;
    e.used = false;
    m_index.erase(e.key);
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
    return m_entries.size() * sizeof(Entry) + m_free.capacity() * sizeof(std::uint32_t) +
           m_byHint.capacity() * sizeof(std::uint32_t) +
           (m_idleQueue.size() + m_activeQueue.size()) * sizeof(Queued) +
           m_index.capacity() * (sizeof(Key) + sizeof(std::uint32_t) + 1);
}

} // namespace netlens
