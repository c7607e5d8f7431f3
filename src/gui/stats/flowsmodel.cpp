// SPDX-License-Identifier: GPL-3.0-or-later
#include "flowsmodel.h"

#include "statsformat.h"

#include <algorithm>
#include <array>
#include <numeric>
#include <string_view>

namespace netlens {

FlowsModel::FlowsModel(QObject *parent)
    : SnapshotTableModel(parent)
{
}

FlowsModel::~FlowsModel() = default;

std::uint64_t FlowsModel::snapshotRows() const
{
    return snapshot() ? snapshot()->flows.size() : 0;
}

std::uint64_t FlowsModel::totalRows() const
{
    return snapshot() ? snapshot()->flowCount : 0;
}

std::vector<std::uint32_t> FlowsModel::selectItems(const StatsSnapshot &s) const
{
    std::vector<std::uint32_t> items(s.flows.size());
    std::iota(items.begin(), items.end(), 0u);
    return items;
}

QString FlowsModel::columnTitle(int column) const
{
    switch (column) {
    case AddressA: return tr("Address A");
    case PortA: return tr("Port A");
    case AddressB: return tr("Address B");
    case PortB: return tr("Port B");
    case TransportColumn: return tr("Transport");
    case Protocol: return tr("Protocol");
    case ServerName: return tr("Server name");
    case Packets: return tr("Packets");
    case Bytes: return tr("Bytes");
    case FirstSeen: return tr("First seen");
    case LastSeen: return tr("Last seen");
    case Duration: return tr("Duration (s)");
    default: return {};
    }
}

namespace {
/// ARP, LLC, ICMP and the like have no ports: their cells stay empty, not "0".
bool hasPorts(const StatsSnapshot::Flow &f)
{
    return f.portA || f.portB || f.transport == Transport::TCP || f.transport == Transport::UDP ||
           f.transport == Transport::SCTP || f.transport == Transport::UDPLite;
}
} // namespace

QString FlowsModel::itemText(const StatsSnapshot &s, std::uint32_t item, int column) const
{
    const auto &f = s.flows[item];
    switch (column) {
    case AddressA: return QString::fromStdString(s.address(f.a));
    case PortA: return hasPorts(f) ? QString::number(f.portA) : QString();
    case AddressB: return QString::fromStdString(s.address(f.b));
    case PortB: return hasPorts(f) ? QString::number(f.portB) : QString();
    case TransportColumn: return QString::fromLatin1(transportName(f.transport));
    case Protocol: return QString::fromStdString(s.protocolNames[f.label]);
    // Packet data (a DNS name, SNI or Host header): shown as plain text by the view.
    case ServerName: return QString::fromStdString(s.serverName(f));
    case Packets: return stats::countText(f.traffic.packets());
    case Bytes: return stats::countText(f.traffic.bytes());
    case FirstSeen: return stats::localTimeText(f.traffic.firstNs);
    case LastSeen: return stats::localTimeText(f.traffic.lastNs);
    case Duration:
        return stats::secondsText(stats::durationNs(f.traffic.firstNs, f.traffic.lastNs));
    default: return {};
    }
}

QVariant FlowsModel::itemValue(const StatsSnapshot &s, std::uint32_t item, int column) const
{
    const auto &f = s.flows[item];
    switch (column) {
    case PortA: return f.portA;
    case PortB: return f.portB;
    case Packets: return qulonglong(f.traffic.packets());
    case Bytes: return qulonglong(f.traffic.bytes());
    case FirstSeen: return qlonglong(f.traffic.firstNs);
    case LastSeen: return qlonglong(f.traffic.lastNs);
    case Duration:
        return static_cast<double>(stats::durationNs(f.traffic.firstNs, f.traffic.lastNs)) / 1e9;
    default: return itemText(s, item, column);
    }
}

void FlowsModel::sortItems(const StatsSnapshot &s, std::vector<std::uint32_t> &items, int column,
                           Qt::SortOrder order) const
{
    const auto &rows = s.flows;
    switch (column) {
    case AddressA: {
        const auto &rank = addressRanks(s);
        sortByKey(items, order, [&](std::uint32_t i) { return rank[rows[i].a]; });
        break;
    }
    case AddressB: {
        const auto &rank = addressRanks(s);
        sortByKey(items, order, [&](std::uint32_t i) { return rank[rows[i].b]; });
        break;
    }
    case PortA: sortByKey(items, order, [&](std::uint32_t i) { return rows[i].portA; }); break;
    case PortB: sortByKey(items, order, [&](std::uint32_t i) { return rows[i].portB; }); break;
    case TransportColumn: {
        // By name, as the column reads, not by the enum's order.
        std::array<std::string_view, static_cast<std::size_t>(Transport::Count) + 1> names{};
        for (std::size_t t = 0; t < names.size(); ++t)
            names[t] = transportName(static_cast<Transport>(t));
        sortByKey(items, order, [&](std::uint32_t i) {
            return names[std::min<std::size_t>(static_cast<std::size_t>(rows[i].transport),
                                               names.size() - 1)];
        });
        break;
    }
    case Protocol: {
        const auto &rank = protocolRanks(s);
        sortByKey(items, order, [&](std::uint32_t i) { return rank[rows[i].label]; });
        break;
    }
    case ServerName:
        sortByKey(items, order,
                  [&](std::uint32_t i) { return std::string_view(s.serverName(rows[i])); });
        break;
    case Packets:
        sortByKey(items, order, [&](std::uint32_t i) { return rows[i].traffic.packets(); });
        break;
    case Bytes:
        sortByKey(items, order, [&](std::uint32_t i) { return rows[i].traffic.bytes(); });
        break;
    case FirstSeen:
        sortByKey(items, order, [&](std::uint32_t i) { return rows[i].traffic.firstNs; });
        break;
    case LastSeen:
        sortByKey(items, order, [&](std::uint32_t i) { return rows[i].traffic.lastNs; });
        break;
    case Duration:
        sortByKey(items, order, [&](std::uint32_t i) {
            return stats::durationNs(rows[i].traffic.firstNs, rows[i].traffic.lastNs);
        });
        break;
    default: break;
    }
}

bool FlowsModel::isTextColumn(int column) const
{
    return column == AddressA || column == AddressB || column == TransportColumn ||
           column == Protocol || column == ServerName || column == FirstSeen || column == LastSeen;
}

} // namespace netlens
