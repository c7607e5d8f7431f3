// SPDX-License-Identifier: GPL-3.0-or-later
#include "ipfix/ipfixsettings.h"

#include <charconv>

namespace netlens {

std::string IpfixSettings::collectorText() const
{
    const bool v6 = collectorHost.find(':') != std::string::npos;
    return (v6 ? "[" + collectorHost + "]" : collectorHost) + ":" + std::to_string(collectorPort);
}

bool parseCollector(const std::string &text, std::string &host, std::uint16_t &port,
                    std::string &error)
{
    std::string h = text;
    std::string p;
    if (!h.empty() && h.front() == '[') {
        const std::size_t close = h.find(']');
        if (close == std::string::npos) {
            error = "\"" + text + "\": an IPv6 address needs its closing ]";
            return false;
        }
        const std::string rest = h.substr(close + 1);
        h = h.substr(1, close - 1);
        if (!rest.empty()) {
            if (rest.front() != ':') {
                error = "\"" + text + "\": expected :PORT after ]";
                return false;
            }
            p = rest.substr(1);
        }
    } else if (const std::size_t colon = h.rfind(':'); colon != std::string::npos) {
        if (h.find(':') != colon) {
            error = "\"" + text + "\": write an IPv6 collector as [ADDRESS]:PORT";
            return false;
        }
        p = h.substr(colon + 1);
        h = h.substr(0, colon);
    }
    if (h.empty()) {
        error = "\"" + text + "\": no host";
        return false;
    }
    for (const char c : h) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || c == '.' || c == '-' || c == ':' || c == '_' ||
                        c == '%';
        if (!ok) {
            error = "\"" + text + "\": the host has a character that cannot be in one";
            return false;
        }
    }
    std::uint16_t value = 4739;
    if (!p.empty() || text.back() == ':') {
        unsigned parsed = 0;
        const auto [end, ec] = std::from_chars(p.data(), p.data() + p.size(), parsed);
        if (ec != std::errc() || end != p.data() + p.size() || parsed == 0 || parsed > 65535) {
            error = "\"" + text + "\": the port must be a number from 1 to 65535";
            return false;
        }
        value = static_cast<std::uint16_t>(parsed);
    }
    host = h;
    port = value;
    return true;
}

} // namespace netlens
