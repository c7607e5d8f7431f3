// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "alerts/alert.h"
#include "alerts/alertsettings.h"
#include "alerts/alerttracker.h"
#include "alerts/cidrset.h"
#include "alerts/detector.h"
#include "alerts/snippetrecorder.h"
#include "engine/packetobserver.h"

#include <QHash>
#include <QList>
#include <memory>
#include <vector>

namespace netlens {

class Engine;
class PacketBytesReader;

/**
 * The alert engine: one detector per enabled rule, fed by the Engine per packet (it is the
 * Engine's PacketObserver) and ticked once per second of capture time, so a file gives the
 * same alerts as the live capture it came from. New, updated and released alerts collect
 * until takeChanges(); the worker sends them on with its row batches.
 *
 * Per packet it classifies both addresses once per address id (local, blacklisted, in a
 * threshold rule's CIDR: a cached byte pair), works out what the packet is (SYN, opener,
 * ICMP, ...) and hands it only to the detectors that want such packets. Every table is
 * bounded; memoryBytes() adds them up.
 */
class AlertEngine final : public PacketObserver {
public:
    /// Address ids classified and cached (2 bytes each); later ids are classified per packet.
    static constexpr std::uint32_t kMaxCachedAddresses = 4u << 20;

    /// An engine for `settings.rules` (enabled ones) over `engine`'s addresses and flows.
    /// Null with a message naming the file and line when a blacklist file is bad.
    static std::unique_ptr<AlertEngine> create(const Engine &engine, const AlertSettings &settings,
                                               QString &error);
    ~AlertEngine() override;

    /// Snippets re-read packet bytes from these files by offset (files). Without one
    /// (live capture), the bytes are copied into a bounded ring.
    void setBytesReader(std::shared_ptr<PacketBytesReader> reader);

    void onPacket(const RawPacket &packet, const DecodedPacket &decoded, const PacketRecord &record,
                  bool newFlow) override;
    /// Two of the longest detection window: an address id seen within it may still be named
    /// by a detector or a snippet.
    std::int64_t addressHorizonNs() const override;
    /// Forgets what was cached about the ids (a new address may get them).
    void onAddressesReclaimed(const std::vector<std::uint32_t> &ids) override;
    /// Runs the ticks due up to `nowNs` (capture time): a live capture calls it on its
    /// clock, so alerts are released on a link gone quiet.
    void advanceTo(std::int64_t nowNs);
    /// End of the file or capture: every engaged alert released at the last packet's time,
    /// pending snippets written.
    void finish();

    bool hasChanges() const { return !m_changes.isEmpty(); }
    /// New, updated and released alerts since the last call, in order (by uid).
    QList<Alert> takeChanges();

    std::size_t memoryBytes() const;
    /// Keys, packets or alerts not tracked because a bound was reached.
    std::uint64_t dropped() const;
    std::int64_t lastPacketNs() const { return m_lastNs; }
    const std::vector<std::unique_ptr<Detector>> &detectors() const { return m_detectors; }

private:
    AlertEngine(const Engine &engine, const AlertSettings &settings);
    std::uint16_t classify(std::uint32_t id) const;
    void tick(std::int64_t nowNs);
    void changed(const Alert &alert);
    void snippetsWritten(const std::vector<SnippetRecorder::Written> &written);

    const Engine &m_engine;
    AlertSettings m_settings;
    std::vector<std::unique_ptr<Detector>> m_detectors;
    std::vector<Detector *> m_cidrScopes; // threshold detectors by scope slot
    std::unique_ptr<AlertTracker> m_tracker;
    SnippetRecorder m_snippets;
    CidrSet m_local;
    CidrSet m_blacklisted;
    std::vector<std::uint16_t> m_class; // addrclass bits by address id
    std::uint32_t m_interest = 0;
    std::int64_t m_firstNs = -1;
    std::int64_t m_lastNs = 0;
    std::int64_t m_nextTickNs = 0;
    QList<Alert> m_changes;
    QHash<QString, SnippetRecorder::Written> m_snippetOf; // uid -> snippet, until released
    QHash<QString, Alert> m_awaitingSnippet;              // uid -> latest alert
};

} // namespace netlens
