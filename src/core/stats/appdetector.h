// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

struct ndpi_detection_module_struct;
struct ndpi_flow_struct;

namespace netlens {

/**
 * Application-protocol detection by nDPI, one flow at a time.
 *
 * A flow is fed packets only until nDPI names it or a packet budget runs out; then its nDPI
 * state is freed. That keeps the cost to the first few packets of each flow. When nDPI has no
 * answer, its own port-based guess is used (well-known ports), so we keep no port table here.
 */
class AppDetector {
public:
    /// Id meaning "not known".
    static constexpr std::uint16_t kUnknown = 0;

    AppDetector();
    ~AppDetector();
    AppDetector(const AppDetector &) = delete;
    AppDetector &operator=(const AppDetector &) = delete;

    /// nDPI state for a new flow, or null if nDPI could not allocate it.
    ndpi_flow_struct *newFlow();
    void freeFlow(ndpi_flow_struct *flow);

    /**
     * Feeds one packet (starting at its IP header). Returns true when detection is over for
     * this flow: `app` then holds the answer (possibly kUnknown), `serverName` the server
     * name nDPI found (see serverName()), and the caller frees the flow.
     * `packetsSeen` counts the packets fed so far, including this one.
     */
    bool process(ndpi_flow_struct *flow, const std::uint8_t *ip, std::uint16_t len,
                 std::int64_t tsNs, std::uint32_t packetsSeen, bool tcp, std::uint16_t &app,
                 std::string_view &serverName);
    /// Ends detection early (flow ended, or memory pressure); returns nDPI's best guess and
    /// sets `serverName` as process() does.
    std::uint16_t giveUp(ndpi_flow_struct *flow, std::string_view &serverName);
    /**
     * nDPI's host_server_name of a flow: the DNS query name, TLS/QUIC SNI, HTTP Host, DHCP or
     * NetBIOS host name... Raw packet bytes (not validated), at most nDPI's buffer (79 bytes
     * in nDPI 4.2), empty when none. Valid until the flow is freed.
     */
    static std::string_view serverName(const ndpi_flow_struct *flow);
    /// nDPI's port (and IPv4 address) based guess for a flow it never saw; addresses in host
    /// byte order, 0 for IPv6.
    std::uint16_t guess(std::uint8_t ipProto, std::uint32_t srcV4, std::uint16_t srcPort,
                        std::uint32_t dstV4, std::uint16_t dstPort);

    /// Protocol name for an id, e.g. "TLS", "DNS". Empty for kUnknown.
    std::string_view name(std::uint16_t id) const;
    /// nDPI's own version string (for Help → About).
    static std::string libraryVersion();
    /// Number of protocol ids nDPI knows (ids are below this).
    std::uint16_t protocolCount() const { return static_cast<std::uint16_t>(m_names.size()); }

private:
    ndpi_detection_module_struct *m_ndpi = nullptr;
    std::vector<std::string> m_names;
    std::uint32_t m_flowSize = 0;
};

} // namespace netlens
