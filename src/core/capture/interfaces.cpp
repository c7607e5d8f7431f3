// SPDX-License-Identifier: GPL-3.0-or-later
#include "capture/interfaces.h"

#include "capture/helperprocess.h"
#include "engine/bpffilter.h"

#include <arpa/inet.h>
#include <cstdlib>
#include <netinet/in.h>
#include <pcap/pcap.h>

namespace netlens {

namespace {
std::vector<std::string> split(const std::string &text, char sep)
{
    std::vector<std::string> out;
    std::size_t from = 0;
    for (;;) {
        const auto at = text.find(sep, from);
        out.push_back(text.substr(from, at == std::string::npos ? std::string::npos : at - from));
        if (at == std::string::npos)
            return out;
        from = at + 1;
    }
}

/// The helper's --list-interfaces lines: name, DLT, flags, description, addresses.
bool parseHelperList(const std::string &text, std::vector<InterfaceInfo> &out)
{
    for (const std::string &line : split(text, '\n')) {
        if (line.empty())
            continue;
        const auto f = split(line, '\t');
        if (f.size() < 5 || f[0].empty())
            return false;
        InterfaceInfo info;
        info.name = f[0];
        info.linkType = static_cast<int>(std::strtol(f[1].c_str(), nullptr, 10));
        for (const std::string &flag : split(f[2], ',')) {
            info.up |= flag == "up";
            info.running |= flag == "running";
            info.loopback |= flag == "loopback";
            info.wireless |= flag == "wireless";
        }
        info.description = f[3];
        for (const std::string &a : split(f[4], ','))
            if (!a.empty())
                info.addresses.push_back(a);
        out.push_back(std::move(info));
    }
    return true;
}

std::vector<InterfaceInfo> findAllDevs(std::string &error)
{
    std::vector<InterfaceInfo> out;
    pcap_if_t *all = nullptr;
    char errbuf[PCAP_ERRBUF_SIZE] = "";
    if (pcap_findalldevs(&all, errbuf) != 0) {
        error = errbuf;
        return out;
    }
    for (pcap_if_t *d = all; d; d = d->next) {
        InterfaceInfo info;
        info.name = d->name ? d->name : "";
        info.description = d->description ? d->description : "";
        info.up = d->flags & PCAP_IF_UP;
        info.running = d->flags & PCAP_IF_RUNNING;
        info.loopback = d->flags & PCAP_IF_LOOPBACK;
        info.wireless = d->flags & PCAP_IF_WIRELESS;
        for (pcap_addr_t *a = d->addresses; a; a = a->next) {
            if (!a->addr)
                continue;
            char buf[INET6_ADDRSTRLEN] = "";
            if (a->addr->sa_family == AF_INET)
                ::inet_ntop(AF_INET, &reinterpret_cast<sockaddr_in *>(a->addr)->sin_addr, buf,
                            sizeof buf);
            else if (a->addr->sa_family == AF_INET6)
                ::inet_ntop(AF_INET6, &reinterpret_cast<sockaddr_in6 *>(a->addr)->sin6_addr, buf,
                            sizeof buf);
            if (buf[0])
                info.addresses.emplace_back(buf);
        }
        out.push_back(std::move(info));
    }
    pcap_freealldevs(all);
    return out;
}
} // namespace

std::vector<InterfaceInfo> listInterfaces(const std::string &helper, std::string &error)
{
    if (!helper.empty()) {
        const HelperResult r = runHelperCommand(helper, {"--list-interfaces"});
        std::vector<InterfaceInfo> out;
        if (r.ran && r.exitCode == 0 && parseHelperList(r.out, out))
            return out;
    }
    return findAllDevs(error);
}

int probeLinkType(const std::string &helper, const std::string &name)
{
    std::string error;
    for (const InterfaceInfo &i : listInterfaces(helper, error))
        if (i.name == name)
            return i.linkType;
    return -1;
}

bool checkCaptureFilter(const std::string &helper, const std::string &filter,
                        const std::string &interface, int linkType, std::string &error)
{
    if (!helper.empty() && !interface.empty()) {
        const HelperResult r =
            runHelperCommand(helper, {"--check-filter", filter, "-i", interface});
        if (r.ran && r.exitCode == 0)
            return true;
        if (r.ran && r.exitCode == 4) {
            error = r.err;
            while (!error.empty() && (error.back() == '\n' || error.back() == '\r'))
                error.pop_back();
            return false;
        }
        // Any other end (the interface cannot be opened, the helper lacks its capabilities):
        // judged here, for the link type given.
    }
    return BpfFilter::validate(filter, linkType >= 0 ? linkType : DLT_EN10MB, error);
}

std::string defaultInterface(const std::vector<InterfaceInfo> &interfaces)
{
    // Prefer an interface that is up, running and has an address; then any that is up.
    for (int pass = 0; pass < 2; ++pass)
        for (const auto &i : interfaces) {
            if (i.loopback || !i.up || i.name == "any" || i.name.starts_with("nflog") ||
                i.name.starts_with("nfqueue") || i.name.starts_with("dbus") ||
                i.name.starts_with("bluetooth"))
                continue;
            if (pass == 0 && (!i.running || i.addresses.empty()))
                continue;
            return i.name;
        }
    return {};
}

} // namespace netlens
