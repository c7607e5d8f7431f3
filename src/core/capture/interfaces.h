// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <vector>

namespace netlens {

/// A capture device as libpcap sees it (pcap_findalldevs).
struct InterfaceInfo {
    std::string name;
    std::string description;
    std::vector<std::string> addresses; ///< IPv4/IPv6 addresses, as text
    bool up = false;
    bool running = false;
    bool loopback = false;
    bool wireless = false;
    int linkType = -1; ///< DLT once opened; -1 when unknown
};

/// Lists capture devices. On failure returns an empty list and sets `error`.
std::vector<InterfaceInfo> listInterfaces(std::string &error);
/// The link type (DLT_*) of an interface, found by opening it briefly; -1 when it cannot be
/// opened (no such interface, or no capture permission).
int probeLinkType(const std::string &name);
/// The first interface that is up and not loopback ("any" and pseudo devices excluded);
/// empty when there is none.
std::string defaultInterface(const std::vector<InterfaceInfo> &interfaces);

} // namespace netlens
