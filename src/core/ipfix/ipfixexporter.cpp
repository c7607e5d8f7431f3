// SPDX-License-Identifier: GPL-3.0-or-later
#include "ipfix/ipfixexporter.h"

#include "decode/decodedpacket.h"
#include "engine/engine.h"
#include "source/rawpacket.h"
#include "store/clock.h"
#include "store/packetrecord.h"

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace netlens {

namespace {
constexpr std::int64_t kSecondNs = 1000000000;
// Sent at once before the rate applies: some 150 KB, within a collector's default socket
// buffer (net.core.rmem_default, 208 KB).
constexpr std::uint32_t kBurstMessages = 100;

std::uint16_t loadBe16(const std::uint8_t *p)
{
    return static_cast<std::uint16_t>(p[0] << 8 | p[1]);
}

/// The IP total length of the outermost IP header; the bytes from it to the end of the
/// frame when the header does not say (IPv6 jumbograms, offloaded segments captured with 0).
std::uint32_t ipLength(const RawPacket &p, const DecodedPacket &d)
{
    const std::uint32_t offset = d.l3Offset;
    const std::uint32_t fallback = p.wireLen > offset ? p.wireLen - offset : 0;
    if (p.capLen < offset + 6)
        return fallback;
    const std::uint8_t *ip = p.data + offset;
    std::uint32_t length = 0;
    if (d.ipVersion == 4)
        length = loadBe16(ip + 2);
    else if (d.ipVersion == 6 && loadBe16(ip + 4))
        length = loadBe16(ip + 4) + 40u;
    return length ? length : fallback;
}
} // namespace

IpfixExporter::IpfixExporter(const Engine &engine, IpfixSettings settings)
    : m_engine(engine)
    , m_settings(std::move(settings))
    , m_meter(m_settings.idleTimeoutNs, m_settings.activeTimeoutNs, m_settings.maxFlows,
              [this](const MeteredFlow &f) { exportFlow(f); })
{
}

IpfixExporter::~IpfixExporter()
{
    if (m_file)
        std::fclose(m_file);
}

std::unique_ptr<IpfixExporter> IpfixExporter::create(const Engine &engine, IpfixSettings settings,
                                                     std::string &error)
{
    if (settings.idleTimeoutNs <= 0 || settings.activeTimeoutNs <= 0) {
        error = "IPFIX timeouts must be more than 0 seconds";
        return nullptr;
    }
    std::unique_ptr<IpfixExporter> e(new IpfixExporter(engine, std::move(settings)));
    if (!e->open(error))
        return nullptr;
    return e;
}

bool IpfixExporter::open(std::string &error)
{
    std::uint16_t maxMessage = m_settings.maxMessageBytes;
    if (!m_settings.collectorHost.empty()) {
        m_udp = std::make_unique<UdpSender>();
        if (!m_udp->open(m_settings.collectorHost, m_settings.collectorPort, error))
            return false;
        if (!maxMessage)
            maxMessage = m_udp->maxMessageBytes();
        m_udp->setRate(m_settings.messagesPerSecond, kBurstMessages);
    }
    if (!maxMessage)
        maxMessage = 1472; // a file: the size a UDP export over Ethernet would have used
    if (maxMessage < 256) {
        error = "IPFIX messages need at least 256 bytes";
        return false;
    }
    if (!m_settings.filePath.empty()) {
        m_file = std::fopen(m_settings.filePath.c_str(), "wbe");
        if (!m_file) {
            error = "IPFIX file " + m_settings.filePath + ": " + std::strerror(errno);
            return false;
        }
    }
    m_maxMessage = maxMessage;
    m_encoder = std::make_unique<IpfixEncoder>(
        m_settings.observationDomain, maxMessage,
        [this](const std::uint8_t *data, std::size_t size) { sendMessage(data, size); });
    m_lastRefreshNs = wallNowNs();
    return m_encoder->open(error);
}

void IpfixExporter::onPacket(const RawPacket &packet, const DecodedPacket &decoded,
                             const PacketRecord &record, bool newFlow)
{
    (void)newFlow;
    if (!decoded.hasIp() || (decoded.addrLen != 4 && decoded.addrLen != 16))
        return;
    const std::uint32_t ingress =
        m_settings.live ? m_settings.ingressInterface : packet.interfaceId;
    const std::uint32_t length = ipLength(packet, decoded);
    const std::uint8_t tcpFlags =
        decoded.transport == Transport::TCP ? decoded.tcpFlags : std::uint8_t{0};
    FlowMeter::Hint hint;
    std::uint16_t app = 0;
    bool counted = false;
    if (record.flow != kNoFlow) {
        // The engine's flow gives the direction and, while it holds it, the record: the
        // common case costs no key and no hash here.
        const FlowTable &flows = m_engine.flows();
        const Flow &f = flows.at(record.flow);
        const bool forward = record.src == f.addrA && record.srcPort == f.portA;
        app = f.app.load(std::memory_order_relaxed);
        hint = {record.flow, flows.generation(record.flow)};
        counted = m_meter.addByHint(hint, forward, ingress, packet.tsNs, length, tcpFlags, app);
    }
    if (!counted) {
        FlowKey key;
        bool forward = true;
        if (!makeFlowKey(decoded, key, forward))
            return;
        m_meter.add(key, forward, ingress, packet.tsNs, length, tcpFlags, app, hint);
    }
    if (packet.tsNs >= m_nextExpiryNs) {
        m_nextExpiryNs = packet.tsNs + kSecondNs;
        housekeeping(packet.tsNs, wallNowNs());
    }
}

void IpfixExporter::housekeeping(std::int64_t packetNs, std::int64_t wallNs)
{
    m_meter.expire(packetNs);
    if (!m_udp)
        return;
    // UDP loses what it loses: a collector that missed the templates (it started later, or
    // dropped that message) learns them again within a minute or a thousand messages.
    if (wallNs - m_lastRefreshNs >= m_settings.templateRefreshNs ||
        m_encoder->messages() - m_messagesAtRefresh >= m_settings.refreshMessages) {
        std::string error;
        if (!m_encoder->refreshTemplates(error))
            warn(error);
        m_lastRefreshNs = wallNs;
        m_messagesAtRefresh = m_encoder->messages();
    }
}

void IpfixExporter::advanceTo(std::int64_t nowNs)
{
    if (m_finished)
        return;
    housekeeping(nowNs, nowNs);
    if (m_messageSinceNs && nowNs - m_messageSinceNs >= kSecondNs) {
        std::string error;
        if (!m_encoder->flush(error))
            warn(error);
    }
}

void IpfixExporter::exportFlow(const MeteredFlow &flow)
{
    if (flow.firstNs < 0)
        warn("IPFIX: flows dated before 1970 cannot be expressed in IPFIX's unsigned "
             "milliseconds; they are sent as the times wrap");
    std::string error;
    if (!m_encoder->append(flow, applicationName(flow.app), error)) {
        ++m_lostFlows;
        warn(error);
        return;
    }
    if (!m_messageSinceNs)
        m_messageSinceNs = wallNowNs();
    if (m_settings.keepRecords)
        m_records.push_back(flow);
}

void IpfixExporter::sendMessage(const std::uint8_t *data, std::size_t size)
{
    m_messageSinceNs = 0;
    if (m_udp) {
        m_udp->send(data, size);
        if (std::string w = m_udp->takeWarning(); !w.empty())
            warn(std::move(w));
    }
    if (m_file && !m_fileFailed && std::fwrite(data, 1, size, m_file) != size) {
        m_fileFailed = true;
        warn("IPFIX file " + m_settings.filePath + ": " + std::strerror(errno) +
             "; the file stops here");
    }
}

void IpfixExporter::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    m_meter.flush(FlowEndReason::ForcedEnd);
    std::string error;
    if (!m_encoder->flush(error))
        warn(error);
    if (m_file) {
        if ((std::fflush(m_file) != 0 || std::ferror(m_file)) && !m_fileFailed)
            warn("IPFIX file " + m_settings.filePath + ": " + std::strerror(errno));
        std::fclose(m_file);
        m_file = nullptr;
    }
}

void IpfixExporter::warn(std::string text)
{
    if (std::find(m_warned.begin(), m_warned.end(), text) != m_warned.end())
        return;
    m_warned.push_back(text);
    m_warnings.push_back(std::move(text));
}

std::vector<std::string> IpfixExporter::takeWarnings()
{
    std::vector<std::string> out;
    out.swap(m_warnings);
    return out;
}

IpfixStats IpfixExporter::stats() const
{
    IpfixStats s;
    s.records = m_encoder->records();
    s.messages = m_encoder->messages();
    s.bytes = m_encoder->bytes();
    s.templateSends = m_encoder->templateSends();
    s.sent = m_udp ? m_udp->sent() : 0;
    s.lost = m_udp ? m_udp->lost() : 0;
    s.evicted = m_meter.evicted();
    s.peakFlows = m_meter.peak();
    s.largestMessage = m_encoder->largestMessage();
    s.maxMessageBytes = m_maxMessage;
    return s;
}

std::string_view IpfixExporter::applicationName(std::uint16_t app) const
{
    return app ? m_engine.applications().name(app) : std::string_view();
}

} // namespace netlens
