// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace netlens {

class Engine;
struct PacketRecord;

/**
 * A display filter: BPF (the capture filter's language) plus three terms BPF cannot say,
 * which the charts set when clicked:
 *
 *   protocol NAME       the Protocol column's value (nDPI's application, else the transport)
 *   transport NAME      the transport NetLens decoded (TCP, UDP, ICMPv6, ARP, ...)
 *   time FROM-TO        capture time in [FROM, TO), seconds since the epoch with decimals
 *
 * Terms and BPF parts are joined by a top-level "and" ("protocol DNS and host 10.0.0.1").
 * The NetLens terms are read from the packet rows alone; only a BPF part re-reads bytes.
 */
class DisplayExpression {
public:
    /// Parses `text`. On error returns nothing, with a message naming the term in `error`.
    static std::optional<DisplayExpression> parse(const std::string &text, std::string &error);
    /// Checks the whole expression, its BPF part against `linkType`.
    static bool validate(const std::string &text, int linkType, std::string &error);

    /// The BPF part ("" when there is none).
    const std::string &bpf() const { return m_bpf; }
    bool hasTerms() const { return !m_protocols.empty() || !m_transports.empty() || m_hasTime; }
    /// The NetLens terms (BPF is checked by the caller): `engine` names protocols.
    bool matchesTerms(const Engine &engine, const PacketRecord &record) const;

    /// "protocol NAME" for a name that may hold spaces ("Apple iCloud").
    static std::string protocolTerm(const std::string &name);
    static std::string transportTerm(const std::string &name);
    static std::string timeTerm(std::int64_t fromNs, std::int64_t toNs);

private:
    std::string m_bpf;
    std::vector<std::string> m_protocols; // lower case; all must match
    std::vector<std::string> m_transports;
    bool m_hasTime = false;
    std::int64_t m_fromNs = 0;
    std::int64_t m_toNs = 0;
};

/// Parses "1300475168.5" into nanoseconds exactly; false on anything else.
bool parseSecondsNs(const std::string &text, std::int64_t &ns);

} // namespace netlens
