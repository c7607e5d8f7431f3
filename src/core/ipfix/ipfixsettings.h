// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>

namespace netlens {

/**
 * IPFIX flow export (RFC 7011), passed in by value. Export is on when a collector or a file
 * is named. The timeouts are those of softflowd and nProbe, and follow packet time: a file's
 * flows end as they did on the wire, however fast the file is read.
 */
struct IpfixSettings {
    static constexpr std::int64_t kSecondNs = 1000000000;
    std::string collectorHost;          ///< UDP collector; empty: none
    std::uint16_t collectorPort = 4739; ///< IANA's IPFIX port
    std::string filePath;               ///< IPFIX file (RFC 5655); empty: none
    /// A flow with no packet for this long ends (flowEndReason idle timeout).
    std::int64_t idleTimeoutNs = 15 * kSecondNs;
    /// A flow longer than this is exported and goes on as a new record (active timeout).
    std::int64_t activeTimeoutNs = 1800 * kSecondNs;
    std::uint32_t observationDomain = 1;
    /// Over UDP a collector that starts (or restarts) later learns the templates again this
    /// often (RFC 7011 section 8.4: templateRefreshTimeout, 600 s by default there; shorter
    /// here, since a template costs some 100 bytes) and every refreshMessages messages.
    std::int64_t templateRefreshNs = 60 * kSecondNs;
    std::uint32_t refreshMessages = 1024;
    /// Largest message; 0: the path MTU to the collector (at most 1500) less the IP and UDP
    /// headers, so no message is ever fragmented.
    std::uint16_t maxMessageBytes = 0;
    /// Flows metered at once; at the cap the idle-most one is exported early (flowEndReason
    /// lack of resources), never dropped.
    std::uint64_t maxFlows = 1000000;
    /// UDP messages a second at most (0: no limit). nfcapd on this 2-core machine took 10,000
    /// a second (about 290,000 flows) without a loss and lost 6% at 20,000: a file is read
    /// far faster than that, and the collector would drop what it cannot keep up with.
    std::uint32_t messagesPerSecond = 10000;
    /// Live: the captured interface's kernel index (ingressInterface). Files: 0, and each
    /// packet's pcapng interface number is used instead.
    std::uint32_t ingressInterface = 0;
    bool live = false;
    /// Keep every exported record (netlens-cli analyze --json lists them).
    bool keepRecords = false;

    bool enabled() const { return !collectorHost.empty() || !filePath.empty(); }
    std::string collectorText() const;
};

/// Parses "HOST:PORT", "[V6ADDR]:PORT" or "HOST" (port 4739). Returns false with `error`
/// saying what is wrong with `text`.
bool parseCollector(const std::string &text, std::string &host, std::uint16_t &port,
                    std::string &error);

} // namespace netlens
