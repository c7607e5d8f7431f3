// SPDX-License-Identifier: GPL-3.0-or-later
#include "capture/interfaces.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pcap/pcap.h>

namespace netlens {

std::vector<InterfaceInfo> listInterfaces(std::string &error)
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

int probeLinkType(const std::string &name)
{
    char errbuf[PCAP_ERRBUF_SIZE];
    pcap_t *h = pcap_create(name.c_str(), errbuf);
    if (!h)
        return -1;
    int dlt = -1;
    if (pcap_activate(h) >= 0)
        dlt = pcap_datalink(h);
    pcap_close(h);
    return dlt;
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
