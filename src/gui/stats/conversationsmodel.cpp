// SPDX-License-Identifier: GPL-3.0-or-later
#include "conversationsmodel.h"

#include "statsformat.h"

namespace netlens {

ConversationsModel::ConversationsModel(Kind kind, QObject *parent)
    : SnapshotTableModel(parent)
    , m_kind(kind)
{
}

ConversationsModel::~ConversationsModel() = default;

int ConversationsModel::columnFor(Field field) const
{
    if (hasPorts())
        return field;
    switch (field) {
    case AddressA: return 0;
    case AddressB: return 1;
    case PortA:
    case PortB:
    case FieldCount: return -1;
    default: return field - 2;
    }
}

ConversationsModel::Field ConversationsModel::fieldAt(int column) const
{
    if (hasPorts())
        return static_cast<Field>(column);
    return column == 0 ? AddressA : column == 1 ? AddressB : static_cast<Field>(column + 2);
}

std::uint64_t ConversationsModel::snapshotRows() const
{
    if (!snapshot())
        return 0;
    return hasPorts() ? snapshot()->flows.size() : snapshot()->conversations.size();
}

std::uint64_t ConversationsModel::totalRows() const
{
    if (!snapshot())
        return 0;
    return hasPorts() ? snapshot()->flowCount : snapshot()->conversationCount;
}

std::vector<std::uint32_t> ConversationsModel::selectItems(const StatsSnapshot &s) const
{
    std::vector<std::uint32_t> items;
    if (hasPorts()) {
        const Transport t = m_kind == Kind::TCP ? Transport::TCP : Transport::UDP;
        for (std::uint32_t i = 0; i < s.flows.size(); ++i)
            if (s.flows[i].transport == t)
                items.push_back(i);
    } else {
        const Family f = m_kind == Kind::IPv4 ? Family::V4 : Family::V6;
        for (std::uint32_t i = 0; i < s.conversations.size(); ++i)
            if (s.conversations[i].family == f)
                items.push_back(i);
    }
    return items;
}

int ConversationsModel::columns() const
{
    return hasPorts() ? FieldCount : FieldCount - 2;
}

QString ConversationsModel::columnTitle(int column) const
{
    switch (fieldAt(column)) {
    case AddressA: return tr("Address A");
    case PortA: return tr("Port A");
    case AddressB: return tr("Address B");
    case PortB: return tr("Port B");
    case Packets: return tr("Packets");
    case Bytes: return tr("Bytes");
    case PacketsAB: return tr("Packets A → B");
    case BytesAB: return tr("Bytes A → B");
    case PacketsBA: return tr("Packets B → A");
    case BytesBA: return tr("Bytes B → A");
    case Start: return tr("Rel Start (s)");
    case Duration: return tr("Duration (s)");
    case BitsAB: return tr("Bits/s A → B");
    case BitsBA: return tr("Bits/s B → A");
    case FieldCount: break;
    }
    return {};
}

ConversationsModel::Row ConversationsModel::row(const StatsSnapshot &s, std::uint32_t item) const
{
    if (hasPorts()) {
        const auto &f = s.flows[item];
        return {f.a, f.b, f.portA, f.portB, &f.traffic};
    }
    const auto &c = s.conversations[item];
    return {c.a, c.b, 0, 0, &c.traffic};
}

QString ConversationsModel::itemText(const StatsSnapshot &s, std::uint32_t item, int column) const
{
    const Row r = row(s, item);
    const TwoWay &t = *r.traffic;
    const std::int64_t span = stats::durationNs(t.firstNs, t.lastNs);
    switch (fieldAt(column)) {
    case AddressA: return QString::fromStdString(s.address(r.a));
    case PortA: return QString::number(r.portA);
    case AddressB: return QString::fromStdString(s.address(r.b));
    case PortB: return QString::number(r.portB);
    case Packets: return stats::countText(t.packets());
    case Bytes: return stats::countText(t.bytes());
    case PacketsAB: return stats::countText(t.packetsAB);
    case BytesAB: return stats::countText(t.bytesAB);
    case PacketsBA: return stats::countText(t.packetsBA);
    case BytesBA: return stats::countText(t.bytesBA);
    case Start: return stats::secondsText(t.firstNs - s.firstNs);
    case Duration: return stats::secondsText(span);
    case BitsAB: return stats::rateText(stats::bitsPerSecond(t.bytesAB, span));
    case BitsBA: return stats::rateText(stats::bitsPerSecond(t.bytesBA, span));
    case FieldCount: break;
    }
    return {};
}

QVariant ConversationsModel::itemValue(const StatsSnapshot &s, std::uint32_t item, int column) const
{
    const Row r = row(s, item);
    const TwoWay &t = *r.traffic;
    const std::int64_t span = stats::durationNs(t.firstNs, t.lastNs);
    switch (fieldAt(column)) {
    case AddressA: return QString::fromStdString(s.address(r.a));
    case PortA: return r.portA;
    case AddressB: return QString::fromStdString(s.address(r.b));
    case PortB: return r.portB;
    case Packets: return qulonglong(t.packets());
    case Bytes: return qulonglong(t.bytes());
    case PacketsAB: return qulonglong(t.packetsAB);
    case BytesAB: return qulonglong(t.bytesAB);
    case PacketsBA: return qulonglong(t.packetsBA);
    case BytesBA: return qulonglong(t.bytesBA);
    case Start: return static_cast<double>(t.firstNs - s.firstNs) / 1e9;
    case Duration: return static_cast<double>(span) / 1e9;
    case BitsAB: return stats::bitsPerSecond(t.bytesAB, span);
    case BitsBA: return stats::bitsPerSecond(t.bytesBA, span);
    case FieldCount: break;
    }
    return {};
}

void ConversationsModel::sortItems(const StatsSnapshot &s, std::vector<std::uint32_t> &items,
                                   int column, Qt::SortOrder order) const
{
    // The two vectors have different row types: one body, instantiated for each.
    const auto sortRows = [&](const auto &rows) {
        const auto traffic = [&rows](std::uint32_t i) -> const TwoWay & { return rows[i].traffic; };
        switch (fieldAt(column)) {
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
        case PortA:
            sortByKey(items, order, [&](std::uint32_t i) { return row(s, i).portA; });
            break;
        case PortB:
            sortByKey(items, order, [&](std::uint32_t i) { return row(s, i).portB; });
            break;
        case Packets:
            sortByKey(items, order, [&](std::uint32_t i) { return traffic(i).packets(); });
            break;
        case Bytes:
            sortByKey(items, order, [&](std::uint32_t i) { return traffic(i).bytes(); });
            break;
        case PacketsAB:
            sortByKey(items, order, [&](std::uint32_t i) { return traffic(i).packetsAB; });
            break;
        case BytesAB:
            sortByKey(items, order, [&](std::uint32_t i) { return traffic(i).bytesAB; });
            break;
        case PacketsBA:
            sortByKey(items, order, [&](std::uint32_t i) { return traffic(i).packetsBA; });
            break;
        case BytesBA:
            sortByKey(items, order, [&](std::uint32_t i) { return traffic(i).bytesBA; });
            break;
        case Start:
            sortByKey(items, order, [&](std::uint32_t i) { return traffic(i).firstNs; });
            break;
        case Duration:
            sortByKey(items, order, [&](std::uint32_t i) {
                return stats::durationNs(traffic(i).firstNs, traffic(i).lastNs);
            });
            break;
        case BitsAB:
            sortByKey(items, order, [&](std::uint32_t i) {
                const TwoWay &t = traffic(i);
                return stats::bitsPerSecond(t.bytesAB, stats::durationNs(t.firstNs, t.lastNs));
            });
            break;
        case BitsBA:
            sortByKey(items, order, [&](std::uint32_t i) {
                const TwoWay &t = traffic(i);
                return stats::bitsPerSecond(t.bytesBA, stats::durationNs(t.firstNs, t.lastNs));
            });
            break;
        case FieldCount: break;
        }
    };
    if (hasPorts())
        sortRows(s.flows);
    else
        sortRows(s.conversations);
}

bool ConversationsModel::isTextColumn(int column) const
{
    const Field f = fieldAt(column);
    return f == AddressA || f == AddressB;
}

} // namespace netlens
