// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/bpffilter.h"

#include <pcap/pcap.h>
#include <sys/socket.h>

#include <cstring>

namespace netlens {

struct BpfFilter::Program {
    bpf_program prog{};
    bool ok = false;
    ~Program()
    {
        if (ok)
            pcap_freecode(&prog);
    }
};

namespace {
// pcap_compile needs a handle for the link type and snap length; a dead one is enough.
bool compile(const std::string &expression, int linkType, bpf_program &prog, std::string &error)
{
    pcap_t *dead = pcap_open_dead(linkType, 262144);
    if (!dead) {
        error = "libpcap could not create a handle for link type " + std::to_string(linkType);
        return false;
    }
    const bool ok = pcap_compile(dead, &prog, expression.c_str(), 1, PCAP_NETMASK_UNKNOWN) == 0;
    if (!ok)
        error = pcap_geterr(dead);
    pcap_close(dead);
    return ok;
}
} // namespace

BpfFilter::BpfFilter() = default;
BpfFilter::~BpfFilter() = default;

bool BpfFilter::validate(const std::string &expression, int linkType, std::string &error)
{
    bpf_program prog{};
    if (!compile(expression, linkType, prog, error))
        return false;
    pcap_freecode(&prog);
    return true;
}

bool BpfFilter::setExpression(const std::string &expression, std::string &error)
{
    m_programs.clear();
    m_expression.clear();
    if (expression.find_first_not_of(" \t\r\n") == std::string::npos)
        return true;
    if (!validate(expression, DLT_EN10MB, error))
        return false;
    m_expression = expression;
    return true;
}

BpfFilter::Program *BpfFilter::programFor(std::uint16_t linkType)
{
    auto it = m_programs.find(linkType);
    if (it != m_programs.end())
        return it->second.get();
    auto p = std::make_unique<Program>();
    std::string error;
    // LINKTYPE_ values equal DLT_ values except raw IP, whose DLT number differs by platform.
    const int dlt = (linkType == 101 || linkType == 12 || linkType == 14) ? DLT_RAW : linkType;
    p->ok = compile(m_expression, dlt, p->prog, error);
    Program *raw = p->ok ? p.get() : nullptr;
    m_programs.emplace(linkType, p->ok ? std::move(p) : nullptr);
    return raw;
}

bool BpfFilter::matches(const RawPacket &packet)
{
    if (m_expression.empty())
        return true;
    const bool loopback = packet.linkType == DLT_NULL || packet.linkType == DLT_LOOP;
    // Loopback frames start with an address family in the writer's byte order (DLT_NULL) or
    // network order (DLT_LOOP), with BSD/macOS values for IPv6 (24, 28, 30). Code compiled
    // on a dead handle checks this host's order and values only, so rewrite the family word
    // in a copy to the form it expects: what tcpdump's savefile handle does for its own code.
    Program *p = programFor(loopback ? DLT_NULL : packet.linkType);
    if (!p)
        return false;
    pcap_pkthdr hdr{};
    hdr.caplen = packet.capLen;
    hdr.len = packet.wireLen;
    if (!loopback || packet.capLen < 4)
        return pcap_offline_filter(&p->prog, &hdr, packet.data) != 0;
    std::uint32_t family;
    std::memcpy(&family, packet.data, 4);
    if (packet.linkType == DLT_LOOP || family > 0xffff)
        family = __builtin_bswap32(family);
    if (family == 24 || family == 28 || family == 30)
        family = AF_INET6;
    m_scratch.assign(packet.data, packet.data + packet.capLen);
    std::memcpy(m_scratch.data(), &family, 4);
    return pcap_offline_filter(&p->prog, &hdr, m_scratch.data()) != 0;
}

} // namespace netlens
