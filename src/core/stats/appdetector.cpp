// SPDX-License-Identifier: GPL-3.0-or-later
#include "stats/appdetector.h"

extern "C" {
#include <ndpi/ndpi_api.h>
}

#include <cstring>
#include <stdexcept>

namespace netlens {

namespace {
// Packets fed to nDPI per flow before asking for its guess. Most protocols are named within
// the first handshake; these budgets match what ntopng's nDPI reader uses in spirit
// (more for TCP, whose first packets carry no payload).
constexpr std::uint32_t kTcpBudget = 24;
constexpr std::uint32_t kOtherBudget = 12;

std::uint16_t labelOf(const ndpi_protocol &p)
{
    // The master protocol is what the packets speak (TLS, DNS, QUIC); the app protocol is the
    // service behind it (Google, YouTube). A protocol column wants the former.
    return p.master_protocol != NDPI_PROTOCOL_UNKNOWN ? p.master_protocol : p.app_protocol;
}
} // namespace

AppDetector::AppDetector()
{
    m_ndpi = ndpi_init_detection_module(ndpi_no_prefs);
    if (!m_ndpi)
        throw std::runtime_error("nDPI failed to initialise");
    NDPI_PROTOCOL_BITMASK all;
    NDPI_BITMASK_SET_ALL(all);
    ndpi_set_protocol_detection_bitmask2(m_ndpi, &all);
    ndpi_finalize_initialization(m_ndpi);
    m_flowSize = ndpi_detection_get_sizeof_ndpi_flow_struct();
    const unsigned count = ndpi_get_num_supported_protocols(m_ndpi);
    m_names.reserve(count);
    for (unsigned id = 0; id < count; ++id) {
        const char *n = ndpi_get_proto_name(m_ndpi, static_cast<std::uint16_t>(id));
        m_names.emplace_back(id == NDPI_PROTOCOL_UNKNOWN || !n ? "" : n);
    }
}

AppDetector::~AppDetector()
{
    if (m_ndpi)
        ndpi_exit_detection_module(m_ndpi);
}

ndpi_flow_struct *AppDetector::newFlow()
{
    auto *flow = static_cast<ndpi_flow_struct *>(ndpi_flow_malloc(m_flowSize));
    if (flow)
        std::memset(flow, 0, m_flowSize);
    return flow;
}

void AppDetector::freeFlow(ndpi_flow_struct *flow)
{
    if (flow)
        ndpi_free_flow(flow);
}

bool AppDetector::process(ndpi_flow_struct *flow, const std::uint8_t *ip, std::uint16_t len,
                          std::int64_t tsNs, std::uint32_t packetsSeen, bool tcp,
                          std::uint16_t &app, std::string_view &serverName)
{
    const ndpi_protocol p = ndpi_detection_process_packet(
        m_ndpi, flow, ip, len, static_cast<std::uint64_t>(tsNs / 1000000));
    const std::uint16_t label = labelOf(p);
    if (label != NDPI_PROTOCOL_UNKNOWN) {
        app = label;
        serverName = AppDetector::serverName(flow);
        return true;
    }
    if (packetsSeen >= (tcp ? kTcpBudget : kOtherBudget)) {
        app = giveUp(flow, serverName);
        return true;
    }
    return false;
}

std::uint16_t AppDetector::giveUp(ndpi_flow_struct *flow, std::string_view &serverName)
{
    std::uint8_t guessed = 0;
    const ndpi_protocol p = ndpi_detection_giveup(m_ndpi, flow, 1, &guessed);
    serverName = AppDetector::serverName(flow);
    return labelOf(p);
}

std::string_view AppDetector::serverName(const ndpi_flow_struct *flow)
{
    if (!flow)
        return {};
    // A C string in a fixed buffer filled from packet data: bounded by the buffer, in case
    // a dissector ever leaves it unterminated.
    const char *name = flow->host_server_name;
    return std::string_view(name, strnlen(name, sizeof flow->host_server_name));
}

std::uint16_t AppDetector::guess(std::uint8_t ipProto, std::uint32_t srcV4, std::uint16_t srcPort,
                                 std::uint32_t dstV4, std::uint16_t dstPort)
{
    return labelOf(
        ndpi_guess_undetected_protocol(m_ndpi, nullptr, ipProto, srcV4, srcPort, dstV4, dstPort));
}

std::string_view AppDetector::name(std::uint16_t id) const
{
    return id < m_names.size() ? std::string_view(m_names[id]) : std::string_view();
}

std::string AppDetector::libraryVersion()
{
    return ndpi_revision();
}

} // namespace netlens
