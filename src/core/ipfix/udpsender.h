// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <sys/socket.h>
#include <vector>

namespace netlens {

/**
 * Sends IPFIX messages to one collector over UDP (RFC 7011 section 10.3). A connected
 * socket, so the kernel reports what the network says back: a collector that is not
 * listening (ECONNREFUSED, from the ICMP port unreachable), no route (ENETUNREACH). Those
 * messages are counted as lost and the export goes on; the caller hears of each kind of
 * failure once (takeWarning()). A send never waits long: a full socket buffer waits at most
 * kSendWaitMs, so a dead collector cannot stall the capture.
 */
class UdpSender {
public:
    UdpSender() = default;
    ~UdpSender();
    UdpSender(const UdpSender &) = delete;
    UdpSender &operator=(const UdpSender &) = delete;

    /// Resolves `host` (numeric or a name the resolver knows) and connects. The message
    /// names the collector.
    bool open(const std::string &host, std::uint16_t port, std::string &error);
    /// The largest message that crosses the path unfragmented: the path MTU the kernel
    /// knows (at most 1500) less the IP and UDP headers.
    std::uint16_t maxMessageBytes() const;
    void send(const std::uint8_t *data, std::size_t size);
    /// At most `perSecond` messages a second after a burst of `burst` (0: no limit). UDP has
    /// no flow control: a file read at full speed, or a flood's flows ending at once, would
    /// outrun the collector's socket buffer and be lost there, unseen by us.
    void setRate(std::uint32_t perSecond, std::uint32_t burst);

    std::uint64_t sent() const { return m_sent; }
    std::uint64_t lost() const { return m_lost; }
    /// A warning not yet taken, or empty.
    std::string takeWarning();

    static constexpr int kSendWaitMs = 20;

private:
    void warnOnce(int errorNumber);

    int m_fd = -1;
    sockaddr_storage m_address{}; // set when connect() found no route: sendto() there
    socklen_t m_addressLength = 0;
    bool m_ipv6 = false;
    int m_mtu = 1500;
    std::string m_name; // "host:port", for the messages
    std::uint64_t m_sent = 0;
    std::uint64_t m_lost = 0;
    std::vector<int> m_warned; // errno values already warned of
    // Token bucket: tokens are messages, refilled at m_rate a second up to m_burst.
    std::uint32_t m_rate = 0;
    double m_burst = 0;
    double m_tokens = 0;
    std::int64_t m_refillNs = 0;
    std::string m_warning;
};

} // namespace netlens
