// SPDX-License-Identifier: GPL-3.0-or-later
#include "ipfix/udpsender.h"

#include "store/clock.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace netlens {

UdpSender::~UdpSender()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

bool UdpSender::open(const std::string &host, std::uint16_t port, std::string &error)
{
    m_name = (host.find(':') != std::string::npos ? "[" + host + "]" : host) + ":" +
             std::to_string(port);
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_DGRAM;
    hints.ai_flags = AI_NUMERICSERV;
    addrinfo *found = nullptr;
    const std::string service = std::to_string(port);
    if (const int rc = ::getaddrinfo(host.c_str(), service.c_str(), &hints, &found); rc != 0) {
        error = "IPFIX collector " + m_name + ": " + ::gai_strerror(rc);
        return false;
    }
    int lastErrno = 0;
    for (const addrinfo *a = found; a; a = a->ai_next) {
        const int fd =
            ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, a->ai_protocol);
        if (fd < 0) {
            lastErrno = errno;
            continue;
        }
        // An unreachable network is also said here, at connect(); the export goes on, as it
        // would if the route went away later, and send() warns.
        if (::connect(fd, a->ai_addr, a->ai_addrlen) != 0) {
            if (errno != ENETUNREACH && errno != EHOSTUNREACH) {
                lastErrno = errno;
                ::close(fd);
                continue;
            }
            // Not connected: each message goes by sendto(), which says why it cannot go
            // (and goes once a route appears).
            std::memcpy(&m_address, a->ai_addr, a->ai_addrlen);
            m_addressLength = a->ai_addrlen;
        }
        m_fd = fd;
        m_ipv6 = a->ai_family == AF_INET6;
        break;
    }
    ::freeaddrinfo(found);
    if (m_fd < 0) {
        error = "IPFIX collector " + m_name + ": " + std::strerror(lastErrno);
        return false;
    }
    int mtu = 0;
    socklen_t len = sizeof mtu;
    if (::getsockopt(m_fd, m_ipv6 ? IPPROTO_IPV6 : IPPROTO_IP, m_ipv6 ? IPV6_MTU : IP_MTU, &mtu,
                     &len) == 0 &&
        mtu > 0)
        m_mtu = std::min(mtu, 1500);
    // Room for bursts (an idle timeout ending thousands of flows at once) without waiting.
    const int buffer = 4 * 1024 * 1024;
    ::setsockopt(m_fd, SOL_SOCKET, SO_SNDBUF, &buffer, sizeof buffer);
    return true;
}

std::uint16_t UdpSender::maxMessageBytes() const
{
    // IPv6 paths carry at least 1280 bytes (RFC 8200), IPv4 at least 576 (RFC 791).
    const int floor = m_ipv6 ? 1280 : 576;
    return static_cast<std::uint16_t>(std::max(m_mtu, floor) - (m_ipv6 ? 40 : 20) - 8);
}

void UdpSender::setRate(std::uint32_t perSecond, std::uint32_t burst)
{
    m_rate = perSecond;
    m_burst = m_tokens = burst ? burst : 1;
    m_refillNs = steadyNowNs();
}

void UdpSender::send(const std::uint8_t *data, std::size_t size)
{
    if (m_fd < 0)
        return;
    if (m_rate) {
        std::int64_t now = steadyNowNs();
        m_tokens = std::min(m_burst, m_tokens + double(now - m_refillNs) * m_rate / 1e9);
        m_refillNs = now;
        if (m_tokens < 1) {
            const auto waitNs = static_cast<std::int64_t>((1 - m_tokens) * 1e9 / m_rate);
            const timespec ts{waitNs / 1000000000, waitNs % 1000000000};
            ::nanosleep(&ts, nullptr);
            now = steadyNowNs();
            m_tokens = std::min(m_burst, m_tokens + double(now - m_refillNs) * m_rate / 1e9);
            m_refillNs = now;
        }
        m_tokens -= 1;
    }
    for (int attempt = 0; attempt < 2; ++attempt) {
        const ssize_t n = m_addressLength ? ::sendto(m_fd, data, size, MSG_NOSIGNAL,
                                                     reinterpret_cast<const sockaddr *>(&m_address),
                                                     m_addressLength)
                                          : ::send(m_fd, data, size, MSG_NOSIGNAL);
        if (n == static_cast<ssize_t>(size)) {
            ++m_sent;
            return;
        }
        if (errno == EAGAIN || errno == EWOULDBLOCK || errno == ENOBUFS) {
            pollfd p{m_fd, POLLOUT, 0};
            if (attempt == 0 && ::poll(&p, 1, kSendWaitMs) > 0)
                continue;
        }
        break;
    }
    ++m_lost;
    warnOnce(errno);
}

void UdpSender::warnOnce(int errorNumber)
{
    // Each kind of failure once: a collector that is down fails every other send (the ICMP
    // answer of one is reported at the next), and one warning says it all.
    if (std::find(m_warned.begin(), m_warned.end(), errorNumber) != m_warned.end())
        return;
    m_warned.push_back(errorNumber);
    std::string why = std::strerror(errorNumber);
    if (errorNumber == ECONNREFUSED)
        why = "nothing listens there (connection refused)";
    m_warning = "IPFIX collector " + m_name + ": " + why + "; flows are still metered, " +
                "and messages sent meanwhile are lost";
}

std::string UdpSender::takeWarning()
{
    std::string w;
    w.swap(m_warning);
    return w;
}

} // namespace netlens
