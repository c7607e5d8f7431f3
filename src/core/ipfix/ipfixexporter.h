// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/packetobserver.h"
#include "ipfix/flowmeter.h"
#include "ipfix/ipfixencoder.h"
#include "ipfix/ipfixsettings.h"
#include "ipfix/udpsender.h"

#include <cstdio>
#include <deque>
#include <memory>
#include <string>
#include <vector>

namespace netlens {

class Engine;

/// What an export did, for the summary and the status bar.
struct IpfixStats {
    std::uint64_t records = 0;  ///< data records (unidirectional flows) exported
    std::uint64_t messages = 0; ///< IPFIX messages
    std::uint64_t bytes = 0;
    std::uint64_t templateSends = 0;
    std::uint64_t sent = 0;    ///< messages the collector socket took
    std::uint64_t lost = 0;    ///< messages the socket refused (collector down, no route)
    std::uint64_t evicted = 0; ///< flows exported early at the meter's cap
    std::size_t peakFlows = 0; ///< most flows metered at once
    std::size_t largestMessage = 0;
    std::size_t maxMessageBytes = 0;
};

/**
 * The IPFIX exporter: a PacketObserver of the engine that meters every IP packet into flows
 * (FlowMeter), encodes the ended flows (IpfixEncoder) and sends each message to the
 * collector (UdpSender) and/or writes it to the IPFIX file.
 *
 * Octets are the IP total length of each packet, read from its header (RFC 7012
 * octetDeltaCount), not the frame's wire length the engine's tables count: Ethernet padding
 * and link headers are not IP bytes. A packet cut short by the snap length still counts its
 * full IP length. Times are the packets' own, in milliseconds.
 *
 * Files end flows on packet time as packets come; a live capture also calls advanceTo() on
 * its clock, so flows end on a quiet link too and no record waits more than a second in a
 * half-filled message. Engine thread only.
 */
class IpfixExporter final : public PacketObserver {
public:
    /// Opens the collector socket and the file; null with `error` naming what failed.
    static std::unique_ptr<IpfixExporter> create(const Engine &engine, IpfixSettings settings,
                                                 std::string &error);
    ~IpfixExporter() override;

    void onPacket(const RawPacket &packet, const DecodedPacket &decoded, const PacketRecord &record,
                  bool newFlow) override;
    /// Live: ends what the clock has ended (`nowNs` wall time) and sends a message waiting
    /// for more than a second.
    void advanceTo(std::int64_t nowNs);
    /// End of capture: every flow still metered is exported (flowEndReason forced end) and
    /// the file closed. Call after Engine::finish(), so flows carry their final protocol.
    void finish();

    /// Warnings not yet taken (collector down, file write failed), each kind once.
    std::vector<std::string> takeWarnings();
    IpfixStats stats() const;
    const IpfixSettings &settings() const { return m_settings; }
    /// Every record exported, when settings().keepRecords.
    const std::deque<MeteredFlow> &records() const { return m_records; }
    std::string_view applicationName(std::uint16_t app) const;

private:
    IpfixExporter(const Engine &engine, IpfixSettings settings);
    bool open(std::string &error);
    void exportFlow(const MeteredFlow &flow);
    void sendMessage(const std::uint8_t *data, std::size_t size);
    void housekeeping(std::int64_t packetNs, std::int64_t wallNs);
    void warn(std::string text);

    const Engine &m_engine;
    IpfixSettings m_settings;
    FlowMeter m_meter;
    std::unique_ptr<UdpSender> m_udp;
    std::unique_ptr<IpfixEncoder> m_encoder;
    std::FILE *m_file = nullptr;
    bool m_fileFailed = false;
    std::deque<MeteredFlow> m_records; // a deque: a million records grow without copying
    std::vector<std::string> m_warnings;
    std::vector<std::string> m_warned;
    std::int64_t m_nextExpiryNs = 0;  // packet time
    std::int64_t m_lastRefreshNs = 0; // wall clock
    std::uint64_t m_messagesAtRefresh = 0;
    std::int64_t m_messageSinceNs = 0; // wall clock of the first record in the message, 0: none
    std::uint64_t m_lostFlows = 0;
    bool m_finished = false;
    std::size_t m_maxMessage = 0;
};

} // namespace netlens
