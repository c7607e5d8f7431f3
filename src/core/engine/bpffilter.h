// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "source/rawpacket.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

struct bpf_program;

namespace netlens {

/**
 * A BPF expression applied to packets already in hand (pcap_offline_filter), the same
 * language as tcpdump's and the capture filter. BPF code depends on the link type, so it is
 * compiled once per link type met; a link type the expression cannot apply to matches nothing.
 */
class BpfFilter {
public:
    BpfFilter();
    ~BpfFilter();
    BpfFilter(const BpfFilter &) = delete;
    BpfFilter &operator=(const BpfFilter &) = delete;

    /// Sets the expression and checks it against Ethernet. An empty expression matches all.
    /// On error returns false with libpcap's message in `error`.
    bool setExpression(const std::string &expression, std::string &error);
    /// Checks an expression for a link type without keeping it (for validate-as-you-type).
    static bool validate(const std::string &expression, int linkType, std::string &error);

    const std::string &expression() const { return m_expression; }
    bool isEmpty() const { return m_expression.empty(); }
    bool matches(const RawPacket &packet);

private:
    struct Program;
    Program *programFor(std::uint16_t linkType);

    std::string m_expression;
    std::map<std::uint16_t, std::unique_ptr<Program>> m_programs; // null: cannot apply
    std::vector<std::uint8_t> m_scratch; // loopback frames with a normalised family word
};

} // namespace netlens
