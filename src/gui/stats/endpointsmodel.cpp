// SPDX-License-Identifier: GPL-3.0-or-later
#include "endpointsmodel.h"

#include "statsformat.h"

namespace netlens {

EndpointsModel::EndpointsModel(Family family, QObject *parent)
    : SnapshotTableModel(parent)
    , m_family(family)
{
}

EndpointsModel::~EndpointsModel() = default;

std::uint64_t EndpointsModel::snapshotRows() const
{
    return snapshot() ? snapshot()->endpoints.size() : 0;
}

std::uint64_t EndpointsModel::totalRows() const
{
    return snapshot() ? snapshot()->hostCount : 0;
}

std::vector<std::uint32_t> EndpointsModel::selectItems(const StatsSnapshot &s) const
{
    std::vector<std::uint32_t> items;
    for (std::uint32_t i = 0; i < s.endpoints.size(); ++i)
        if (s.endpoints[i].family == m_family)
            items.push_back(i);
    return items;
}

QString EndpointsModel::columnTitle(int column) const
{
    switch (column) {
    case Address: return tr("Address");
    case Packets: return tr("Packets");
    case Bytes: return tr("Bytes");
    case TxPackets: return tr("Tx Packets");
    case TxBytes: return tr("Tx Bytes");
    case RxPackets: return tr("Rx Packets");
    case RxBytes: return tr("Rx Bytes");
    default: return {};
    }
}

std::uint64_t EndpointsModel::value(const TwoWay &t, int column)
{
    switch (column) {
    case Packets: return t.packets();
    case Bytes: return t.bytes();
    case TxPackets: return t.packetsAB;
    case TxBytes: return t.bytesAB;
    case RxPackets: return t.packetsBA;
    case RxBytes: return t.bytesBA;
    default: return 0;
    }
}

QString EndpointsModel::itemText(const StatsSnapshot &s, std::uint32_t item, int column) const
{
    const auto &e = s.endpoints[item];
    if (column == Address)
        return QString::fromStdString(s.address(e.address));
    return stats::countText(value(e.traffic, column));
}

QVariant EndpointsModel::itemValue(const StatsSnapshot &s, std::uint32_t item, int column) const
{
    const auto &e = s.endpoints[item];
    if (column == Address)
        return QString::fromStdString(s.address(e.address));
    return qulonglong(value(e.traffic, column));
}

void EndpointsModel::sortItems(const StatsSnapshot &s, std::vector<std::uint32_t> &items,
                               int column, Qt::SortOrder order) const
{
    const auto &rows = s.endpoints;
    switch (column) {
    case Address: {
        const auto &rank = addressRanks(s);
        sortByKey(items, order, [&](std::uint32_t i) { return rank[rows[i].address]; });
        break;
    }
    case Packets:
        sortByKey(items, order, [&](std::uint32_t i) { return rows[i].traffic.packets(); });
        break;
    case Bytes:
        sortByKey(items, order, [&](std::uint32_t i) { return rows[i].traffic.bytes(); });
        break;
    case TxPackets:
        sortByKey(items, order, [&](std::uint32_t i) { return rows[i].traffic.packetsAB; });
        break;
    case TxBytes:
        sortByKey(items, order, [&](std::uint32_t i) { return rows[i].traffic.bytesAB; });
        break;
    case RxPackets:
        sortByKey(items, order, [&](std::uint32_t i) { return rows[i].traffic.packetsBA; });
        break;
    case RxBytes:
        sortByKey(items, order, [&](std::uint32_t i) { return rows[i].traffic.bytesBA; });
        break;
    default: break;
    }
}

} // namespace netlens
