// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/packetobserver.h"
#include "history/historytypes.h"
#include "store/addresstable.h"

#include <absl/container/flat_hash_map.h>
#include <functional>
#include <string>

namespace netlens {

class Engine;

/**
 * Counts the traffic of the current minute (packet time, UTC) per protocol and per host, as
 * the Engine's PacketObserver, and hands each minute to a sink (a HistoryWriter) once it is
 * over: when a packet of a later minute arrives, when advanceTo() (the capture's clock) is
 * 2 s past its end so a quiet link still writes, and at finish() (the partial minute). A
 * packet older than the open minute (clock jitter, a clock set back) is counted in it.
 *
 * Per packet: two array slots by address id and one hash lookup by the protocol name's
 * address (names are static or nDPI's), no allocation once the ids and protocols were seen;
 * strings are made only when the minute closes. Address ids are resolved to text then too;
 * an id given back by the engine (onAddressesReclaimed) closes the minute first, so a reused
 * id never merges two hosts.
 *
 * In/out: hosts by direction (out = sent). Protocols by the capture's local addresses: out
 * when the source is one of them, in otherwise (received, and traffic between other hosts
 * that a promiscuous capture sees).
 */
class HistoryRecorder final : public PacketObserver {
public:
    using Sink = std::function<void(HistoryMinute &&)>;

    HistoryRecorder(const Engine &engine, std::vector<Address> localAddresses, Sink sink);
    ~HistoryRecorder() override;

    void onPacket(const RawPacket &packet, const DecodedPacket &decoded, const PacketRecord &record,
                  bool newFlow) override;
    /// Ids are named at the latest when their minute closes, within two minutes.
    std::int64_t addressHorizonNs() const override { return 2 * 60'000'000'000ll; }
    void onAddressesReclaimed(const std::vector<std::uint32_t> &ids) override;

    /// The capture's clock (wall time, ns): closes the open minute 2 s after its end.
    void advanceTo(std::int64_t nowNs);
    /// Hands over the open minute, however little of it has passed.
    void finish();
    /// Minutes handed to the sink so far.
    std::uint64_t minutesClosed() const { return m_closed; }

private:
    struct Slot {
        HistoryCounts counts;
        std::uint32_t stamp = 0; ///< m_generation when the slot was last cleared
    };
    struct Protocol {
        std::string name;
        Slot slot;
    };
    Slot &hostSlot(std::uint32_t id);
    bool isLocal(std::uint32_t id);
    void open(std::int64_t minute);
    void close();

    const Engine &m_engine;
    std::vector<Address> m_local;
    Sink m_sink;
    std::int64_t m_minute = 0; ///< open minute (minutes since the epoch), valid if m_open
    bool m_open = false;
    std::uint32_t m_generation = 1;
    std::uint64_t m_closed = 0;
    std::vector<Slot> m_hosts;             ///< by address id
    std::vector<std::uint32_t> m_touched;  ///< host ids counted this minute
    std::vector<std::uint8_t> m_localById; ///< 0 unknown, 1 local, 2 not
    absl::flat_hash_map<const char *, std::uint32_t> m_protocolIndex; ///< name data -> index
    std::vector<Protocol> m_protocols;
    std::vector<std::uint32_t> m_touchedProtocols;
};

} // namespace netlens
