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

/// Lists capture devices. With `helper` (the path of netlens-capture, see
/// findCaptureHelper), through `netlens-capture --list-interfaces`: the helper may open each
/// device, so it knows their link types. Without it, or when it fails, what pcap_findalldevs
/// shows this unprivileged process, with linkType -1. On failure returns an empty list and
/// sets `error`.
std::vector<InterfaceInfo> listInterfaces(const std::string &helper, std::string &error);
/// The link type (DLT_*) of an interface, as the helper finds it by opening it; -1 when it
/// cannot be opened (no helper, no such interface, or no capture permission).
int probeLinkType(const std::string &helper, const std::string &name);
/// Checks a capture filter as the capture will compile it: through `netlens-capture
/// --check-filter FILTER -i IFACE` (the interface's own link type, on a live handle, so that
/// "inbound" and the like are judged as they will be), or without the helper for `linkType`
/// here. False with libpcap's message in `error` when it does not compile.
bool checkCaptureFilter(const std::string &helper, const std::string &filter,
                        const std::string &interface, int linkType, std::string &error);
/// The first interface that is up and not loopback ("any" and pseudo devices excluded);
/// empty when there is none.
std::string defaultInterface(const std::vector<InterfaceInfo> &interfaces);

} // namespace netlens
