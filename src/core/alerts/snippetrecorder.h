// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "alerts/alert.h"
#include "alerts/alertsettings.h"

#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

namespace netlens {

class PacketBytesReader;
struct PacketRecord;
struct RawPacket;

/**
 * The packets around each alert's trigger, saved as a pcap (libpcap) under
 * `<dataDir>/alerts/`. Memory is bounded: a ring of the last kRing packet references (file,
 * offset, length, time, addresses) gives the "before" part, packets after it are kept while
 * the alert's after-window lasts, at most snippetMaxPackets / snippetMaxBytes a snippet and
 * kMaxPending snippets at once.
 *
 * Files keep only references and re-read the bytes when writing (PacketBytesReader). Without
 * a reader (a live capture: its file may be unwritten, or there is none) the bytes are
 * copied, into a ring of kRingBytes and into each pending snippet.
 */
class SnippetRecorder {
public:
    static constexpr std::size_t kRing = 1 << 16;
    static constexpr std::size_t kRingBytes = 8u << 20;
    static constexpr std::size_t kMaxPending = 8;

    struct Written {
        QString uid;
        QString path;
        std::uint64_t bytes = 0;
        std::uint32_t packets = 0;
    };

    explicit SnippetRecorder(const AlertSettings &settings);
    ~SnippetRecorder();
    void setBytesReader(std::shared_ptr<PacketBytesReader> reader) { m_reader = std::move(reader); }
    bool enabled() const { return m_enabled; }
    bool hasPending() const { return !m_pending.empty(); }

    void onPacket(const RawPacket &raw, const PacketRecord &record);
    /// Starts the snippet of a new alert: packets of `hosts` (see Detector::snippetHosts).
    void start(const Alert &alert, std::pair<std::uint32_t, std::uint32_t> hosts);
    /// Writes the snippets whose after-window ended before `nowNs` (all of them if `all`).
    std::vector<Written> writeDue(std::int64_t nowNs, bool all);
    std::size_t memoryBytes() const;
    std::uint64_t dropped() const { return m_dropped; }
    /// Errors met writing snippets (a full disk), for the log.
    const QStringList &errors() const { return m_errors; }

private:
    struct Ref {
        std::int64_t tsNs;
        std::uint64_t offset; ///< in its file, or in the byte ring / the snippet's bytes
        std::uint32_t capLen;
        std::uint32_t wireLen;
        std::uint32_t src;
        std::uint32_t dst;
        std::uint16_t fileIndex;
        std::uint16_t linkType;
        bool nano;
    };
    struct Pending {
        QString uid;
        QString path;
        std::int64_t toNs = 0;
        std::uint32_t a = 0, b = 0;
        std::vector<Ref> refs;
        std::vector<std::uint8_t> bytes; // copy mode
        std::uint64_t total = 0;
    };
    static bool matches(const Pending &p, const Ref &r);
    void append(Pending &p, const Ref &r, const std::uint8_t *data);
    bool write(const Pending &p, Written &out);
    const std::uint8_t *ringBytes(const Ref &r, std::vector<std::uint8_t> &scratch) const;

    AlertSettings m_settings;
    bool m_enabled = false;
    std::shared_ptr<PacketBytesReader> m_reader;
    std::vector<Ref> m_ring;
    std::uint64_t m_ringHead = 0; // packets pushed
    std::vector<std::uint8_t> m_bytes;
    std::uint64_t m_bytesHead = 0; // bytes pushed
    std::vector<Pending> m_pending;
    std::uint64_t m_dropped = 0;
    QStringList m_errors;
};

} // namespace netlens
