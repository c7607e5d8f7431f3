// SPDX-License-Identifier: GPL-3.0-or-later
#include "queries.h"

#include "exitcodes.h"
#include "privileges.h"

#include <algorithm>
#include <arpa/inet.h>
#include <cstdio>
#include <netinet/in.h>
#include <pcap/pcap.h>
#include <string>
#include <vector>

namespace netlens::helper {

namespace {
/// The link type of `name`, or -1 when it cannot be opened (no permission, down, ...).
/// Opening it is what needs the capability; a small buffer keeps the probe cheap.
int probeLinkType(const char *name)
{
    char errbuf[PCAP_ERRBUF_SIZE] = "";
    pcap_t *h = pcap_create(name, errbuf);
    if (!h)
        return -1;
    pcap_set_buffer_size(h, 64 * 1024);
    pcap_set_snaplen(h, 128);
    const int dlt = pcap_activate(h) >= 0 ? pcap_datalink(h) : -1;
    pcap_close(h);
    return dlt;
}

/// Tabs and line ends would break the line format; descriptions are free text.
std::string field(const char *s)
{
    std::string out = s ? s : "";
    std::replace_if(
        out.begin(), out.end(), [](char c) { return c == '\t' || c == '\n' || c == '\r'; }, ' ');
    return out;
}

std::string address(const sockaddr *a)
{
    char buf[INET6_ADDRSTRLEN] = "";
    if (a && a->sa_family == AF_INET)
        ::inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in *>(a)->sin_addr, buf, sizeof buf);
    else if (a && a->sa_family == AF_INET6)
        ::inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6 *>(a)->sin6_addr, buf,
                    sizeof buf);
    return buf;
}
} // namespace

int listInterfaces()
{
    pcap_if_t *all = nullptr;
    char errbuf[PCAP_ERRBUF_SIZE] = "";
    if (pcap_findalldevs(&all, errbuf) != 0) {
        std::fprintf(stderr, "cannot list the interfaces: %s\n", errbuf);
        return kExitOther;
    }
    std::string out;
    for (pcap_if_t *d = all; d; d = d->next) {
        std::vector<std::string> flags;
        if (d->flags & PCAP_IF_UP)
            flags.emplace_back("up");
        if (d->flags & PCAP_IF_RUNNING)
            flags.emplace_back("running");
        if (d->flags & PCAP_IF_LOOPBACK)
            flags.emplace_back("loopback");
        if (d->flags & PCAP_IF_WIRELESS)
            flags.emplace_back("wireless");
        std::string addresses;
        for (pcap_addr_t *a = d->addresses; a; a = a->next)
            if (const std::string s = address(a->addr); !s.empty())
                addresses += (addresses.empty() ? "" : ",") + s;
        std::string flagText;
        for (const auto &f : flags)
            flagText += (flagText.empty() ? "" : ",") + f;
        out += field(d->name) + '\t' + std::to_string(probeLinkType(d->name)) + '\t' + flagText +
               '\t' + field(d->description) + '\t' + addresses + '\n';
    }
    pcap_freealldevs(all);
    std::string error;
    if (!dropCapabilities(error)) {
        std::fprintf(stderr, "%s\n", error.c_str());
        return kExitOther;
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
    return std::fflush(stdout) == 0 ? kExitOk : kExitOther;
}

int checkFilter(const HelperOptions &options)
{
    pcap_t *h = nullptr;
    char errbuf[PCAP_ERRBUF_SIZE] = "";
    if (!options.interface.empty()) {
        // The interface's own link type: only an opened handle knows it.
        h = pcap_create(options.interface.c_str(), errbuf);
        if (!h) {
            std::fprintf(stderr, "cannot open %s: %s\n", options.interface.c_str(), errbuf);
            return kExitInterfaceOrFilter;
        }
        pcap_set_buffer_size(h, 64 * 1024);
        const int rc = pcap_activate(h);
        if (rc < 0) {
            const std::string detail = pcap_geterr(h);
            pcap_close(h);
            if (rc == PCAP_ERROR_PERM_DENIED) {
                std::fprintf(stderr, "%s\n", permissionMessage(options.interface).c_str());
                return kExitNoPermission;
            }
            std::fprintf(stderr, "cannot open %s: %s\n", options.interface.c_str(), detail.c_str());
            return kExitInterfaceOrFilter;
        }
    } else {
        const int dlt = options.linkType >= 0 ? options.linkType : DLT_EN10MB;
        if (!pcap_datalink_val_to_name(dlt)) {
            std::fprintf(stderr, "--linktype %d: not a link type libpcap knows\n", dlt);
            return kExitBadArguments;
        }
        h = pcap_open_dead(dlt, 262144);
        if (!h) {
            std::fprintf(stderr, "--linktype %d: libpcap cannot compile for it\n", dlt);
            return kExitInterfaceOrFilter;
        }
    }
    std::string error;
    if (!dropCapabilities(error)) {
        pcap_close(h);
        std::fprintf(stderr, "%s\n", error.c_str());
        return kExitOther;
    }
    bpf_program prog{};
    const bool ok = pcap_compile(h, &prog, options.filter.c_str(), 1, PCAP_NETMASK_UNKNOWN) == 0;
    if (ok)
        pcap_freecode(&prog);
    else
        std::fprintf(stderr, "%s\n", pcap_geterr(h));
    pcap_close(h);
    return ok ? kExitOk : kExitInterfaceOrFilter;
}

} // namespace netlens::helper
