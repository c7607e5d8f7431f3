// SPDX-License-Identifier: GPL-3.0-or-later
#include "alerts/alert.h"

#include <array>

namespace netlens {

namespace {
struct KindName {
    AlertKind kind;
    const char *name;
};
constexpr std::array kKinds{
    KindName{AlertKind::Threshold, "threshold"},
    KindName{AlertKind::PortScan, "port_scan"},
    KindName{AlertKind::HostSweep, "host_sweep"},
    KindName{AlertKind::SynFlood, "syn_flood"},
    KindName{AlertKind::IcmpFlood, "icmp_flood"},
    KindName{AlertKind::TrafficSpike, "traffic_spike"},
    KindName{AlertKind::NewHost, "new_host"},
    KindName{AlertKind::Blacklist, "blacklist"},
};
constexpr std::array kSeverities{"info", "warning", "critical"};
} // namespace

QString alertKindName(AlertKind kind)
{
    for (const KindName &k : kKinds)
        if (k.kind == kind)
            return QString::fromLatin1(k.name);
    return {};
}

bool parseAlertKind(const QString &name, AlertKind &kind)
{
    for (const KindName &k : kKinds)
        if (name == QLatin1String(k.name)) {
            kind = k.kind;
            return true;
        }
    return false;
}

QString severityName(Severity severity)
{
    return QString::fromLatin1(kSeverities[static_cast<std::size_t>(severity)]);
}

bool parseSeverity(const QString &name, Severity &severity)
{
    for (std::size_t i = 0; i < kSeverities.size(); ++i)
        if (name == QLatin1String(kSeverities[i])) {
            severity = static_cast<Severity>(i);
            return true;
        }
    return false;
}

} // namespace netlens
