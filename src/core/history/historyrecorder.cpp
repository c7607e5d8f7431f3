// SPDX-License-Identifier: GPL-3.0-or-later
#include "history/historyrecorder.h"

#include "engine/engine.h"
#include "source/rawpacket.h"

#include <algorithm>

namespace netlens {

namespace {
constexpr std::int64_t kMinuteNs = 60'000'000'000ll;
// A live packet reaches us up to a kernel block timeout (and a pipe) after its timestamp:
// the clock closes a minute only this long after its end, so its last packets are in it.
constexpr std::int64_t kCloseGraceNs = 2'000'000'000ll;

std::int64_t minuteOf(std::int64_t ns)
{
    return ns >= 0 ? ns / kMinuteNs : -((-ns + kMinuteNs - 1) / kMinuteNs);
}
} // namespace

HistoryRecorder::HistoryRecorder(const Engine &engine, std::vector<Address> localAddresses,
                                 Sink sink)
    : m_engine(engine)
    , m_local(std::move(localAddresses))
    , m_sink(std::move(sink))
{
    m_touched.reserve(4096);
    m_touchedProtocols.reserve(256);
}

HistoryRecorder::~HistoryRecorder() = default;

HistoryRecorder::Slot &HistoryRecorder::hostSlot(std::uint32_t id)
{
    if (id >= m_hosts.size())
        m_hosts.resize(std::max<std::size_t>(id + 1, m_hosts.size() * 2));
    Slot &s = m_hosts[id];
    if (s.stamp != m_generation) {
        s.counts = {};
        s.stamp = m_generation;
        m_touched.push_back(id);
    }
    return s;
}

bool HistoryRecorder::isLocal(std::uint32_t id)
{
    if (m_local.empty() || id == kNoAddress)
        return false;
    if (id >= m_localById.size())
        m_localById.resize(std::max<std::size_t>(id + 1, m_localById.size() * 2), 0);
    std::uint8_t &c = m_localById[id];
    if (c == 0) {
        const Address &a = m_engine.addresses().at(id);
        c = std::find(m_local.begin(), m_local.end(), a) != m_local.end() ? 1 : 2;
    }
    return c == 1;
}

void HistoryRecorder::onPacket(const RawPacket &raw, const DecodedPacket &, const PacketRecord &r,
                               bool)
{
    const std::int64_t minute = minuteOf(raw.tsNs);
    if (!m_open)
        open(minute);
    else if (minute > m_minute) {
        close();
        open(minute);
    }
    const std::uint64_t bytes = raw.wireLen;
    const bool out = isLocal(r.src);

    const std::string_view name = m_engine.protocolName(r);
    auto [it, inserted] =
        m_protocolIndex.try_emplace(name.data(), static_cast<std::uint32_t>(m_protocols.size()));
    if (inserted)
        m_protocols.push_back({name.empty() ? std::string("Unknown") : std::string(name), {}});
    Slot &p = m_protocols[it->second].slot;
    if (p.stamp != m_generation) {
        p.counts = {};
        p.stamp = m_generation;
        m_touchedProtocols.push_back(it->second);
    }
    if (out) {
        p.counts.bytesOut += bytes;
        ++p.counts.packetsOut;
    } else {
        p.counts.bytesIn += bytes;
        ++p.counts.packetsIn;
    }
    if (r.src != kNoAddress) {
        Slot &s = hostSlot(r.src);
        s.counts.bytesOut += bytes;
        ++s.counts.packetsOut;
    }
    if (r.dst != kNoAddress) { // a host talking to itself sent and received the packet
        Slot &d = hostSlot(r.dst);
        d.counts.bytesIn += bytes;
        ++d.counts.packetsIn;
    }
}

void HistoryRecorder::onAddressesReclaimed(const std::vector<std::uint32_t> &ids)
{
    bool pending = false;
    for (const std::uint32_t id : ids) {
        if (id < m_localById.size())
            m_localById[id] = 0;
        pending |= m_open && id < m_hosts.size() && m_hosts[id].stamp == m_generation;
    }
    // The engine reclaims only ids idle for two minutes: the open minute is over anyway.
    if (pending)
        close();
}

void HistoryRecorder::advanceTo(std::int64_t nowNs)
{
    if (m_open && nowNs >= (m_minute + 1) * kMinuteNs + kCloseGraceNs)
        close();
}

void HistoryRecorder::finish()
{
    if (m_open)
        close();
}

void HistoryRecorder::open(std::int64_t minute)
{
    m_minute = minute;
    m_open = true;
}

void HistoryRecorder::close()
{
    m_open = false;
    HistoryMinute m;
    m.startSec = m_minute * 60;
    m.protocols.reserve(m_touchedProtocols.size());
    for (const std::uint32_t i : m_touchedProtocols)
        m.protocols.push_back(
            {QString::fromStdString(m_protocols[i].name), m_protocols[i].slot.counts});
    m.hosts.reserve(m_touched.size());
    for (const std::uint32_t id : m_touched) {
        const std::string_view text = m_engine.addresses().text(id);
        m.hosts.push_back({QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size())),
                           m_hosts[id].counts});
    }
    m_touched.clear();
    m_touchedProtocols.clear();
    if (++m_generation == 0) { // wrapped (after 8,000 years of minutes): no stale stamps
        for (Slot &s : m_hosts)
            s.stamp = 0;
        for (Protocol &p : m_protocols)
            p.slot.stamp = 0;
        m_generation = 1;
    }
    ++m_closed;
    if (m_sink && (!m.protocols.empty() || !m.hosts.empty()))
        m_sink(std::move(m));
}

} // namespace netlens
