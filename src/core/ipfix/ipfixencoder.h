// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ipfix/meteredflow.h"

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

struct fbInfoModel_st;
struct fBuf_st;
struct fbSession_st;

namespace netlens {

/**
 * Turns metered flows into IPFIX messages (RFC 7011) with libfixbuf, CERT's IPFIX library:
 * it writes the message headers (export time, sequence number counting data records,
 * observation domain), the template and data sets and the variable-length application name.
 * Its exporter writes into our buffer, so this class decides where each message goes (UDP,
 * file) and how large it may be.
 *
 * Two templates, 256 for IPv4 flows and 257 for IPv6, with the same elements (IANA ids):
 * flowStartMilliseconds (152), flowEndMilliseconds (153), octetDeltaCount (1),
 * packetDeltaCount (2), source/destinationIPv4Address (8/12) or IPv6Address (27/28),
 * ingressInterface (10), source/destinationTransportPort (7/11), tcpControlBits (6),
 * protocolIdentifier (4), flowEndReason (136) and applicationName (96, RFC 6759: a string,
 * nDPI's protocol name, empty when it named none).
 */
class IpfixEncoder {
public:
    static constexpr std::uint16_t kTemplateIpv4 = 256;
    static constexpr std::uint16_t kTemplateIpv6 = 257;
    using MessageSink = std::function<void(const std::uint8_t *data, std::size_t size)>;

    IpfixEncoder(std::uint32_t observationDomain, std::uint16_t maxMessageBytes, MessageSink sink);
    ~IpfixEncoder();
    IpfixEncoder(const IpfixEncoder &) = delete;
    IpfixEncoder &operator=(const IpfixEncoder &) = delete;

    /// Sets up the templates and writes them at the head of the first message.
    bool open(std::string &error);
    /// Adds one data record; a full message goes to the sink first.
    bool append(const MeteredFlow &flow, std::string_view appName, std::string &error);
    /// Sends the message being filled, if it holds a record.
    bool flush(std::string &error);
    /// Flushes, then starts the next message with both templates (UDP template refresh).
    bool refreshTemplates(std::string &error);

    std::uint64_t records() const { return m_records; }
    std::uint64_t messages() const { return m_messages; }
    std::uint64_t bytes() const { return m_bytes; }
    std::uint64_t templateSends() const { return m_templateSends; }
    std::size_t largestMessage() const { return m_largest; }

private:
    bool emitMessage(std::string &error);
    bool exportTemplates(std::string &error);
    bool useTemplate(std::uint8_t addrLen, std::string &error);

    std::uint32_t m_domain;
    MessageSink m_sink;
    std::vector<std::uint8_t> m_buffer;
    fbInfoModel_st *m_model = nullptr;
    fbSession_st *m_session = nullptr; // owned by m_fbuf once it exists
    fBuf_st *m_fbuf = nullptr;
    std::uint16_t m_internal4 = 0;
    std::uint16_t m_internal6 = 0;
    std::uint8_t m_current = 0; // address length of the template in use
    bool m_pending = false;     // the message being filled holds something to send
    std::uint64_t m_records = 0;
    std::uint64_t m_messages = 0;
    std::uint64_t m_bytes = 0;
    std::uint64_t m_templateSends = 0;
    std::size_t m_largest = 0;
};

} // namespace netlens
