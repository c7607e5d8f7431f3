// SPDX-License-Identifier: GPL-3.0-or-later
#include "stats/snapshottablemodel.h"

#include <arpa/inet.h>
#include <array>
#include <numeric>

namespace netlens {

namespace {
/// Family first, then the address bytes: numeric order within a family.
using AddressKey = std::array<std::uint8_t, 17>;

int hexDigit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

AddressKey addressKey(const std::string &text)
{
    AddressKey key{};
    if (inet_pton(AF_INET, text.c_str(), key.data() + 1) == 1) {
        key[0] = 1;
        return key;
    }
    if (inet_pton(AF_INET6, text.c_str(), key.data() + 1) == 1) {
        key[0] = 2;
        return key;
    }
    // A MAC address (aa:bb:cc:dd:ee:ff), or anything else: its hex digits in order.
    key[0] = 3;
    std::size_t nibble = 0;
    for (const char c : text) {
        const int d = hexDigit(c);
        if (d < 0 || nibble >= 32)
            continue;
        key[1 + nibble / 2] |= static_cast<std::uint8_t>(nibble % 2 ? d : d << 4);
        ++nibble;
    }
    return key;
}

template <typename Less> std::vector<std::uint32_t> ranks(std::size_t n, Less less)
{
    std::vector<std::uint32_t> order(n);
    std::iota(order.begin(), order.end(), 0u);
    std::stable_sort(order.begin(), order.end(), less);
    std::vector<std::uint32_t> rank(n);
    for (std::uint32_t r = 0; r < n; ++r)
        rank[order[r]] = r;
    return rank;
}
} // namespace

SnapshotTableModel::SnapshotTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

SnapshotTableModel::~SnapshotTableModel() = default;

std::vector<std::uint32_t> SnapshotTableModel::orderedItems(const StatsSnapshot &s) const
{
    std::vector<std::uint32_t> items = selectItems(s);
    if (m_sortColumn >= 0 && m_sortColumn < columns())
        sortItems(s, items, m_sortColumn, m_sortOrder);
    return items;
}

void SnapshotTableModel::setSnapshot(const StatsSnapshotPtr &snapshot)
{
    std::vector<std::uint32_t> items;
    if (snapshot)
        items = orderedItems(*snapshot);
    // Caches of any other snapshot go: that one may be freed and its address reused.
    if (m_addressRanksOf != snapshot.get()) {
        m_addressRanksOf = nullptr;
        m_addressRanks.clear();
    }
    if (m_protocolRanksOf != snapshot.get()) {
        m_protocolRanksOf = nullptr;
        m_protocolRanks.clear();
    }
    const int oldRows = m_rows;
    const int newRows = static_cast<int>(items.size());
    const int last = columns() - 1;
    if (newRows >= oldRows) {
        // The rows that stay change first, then the new ones appear: while the views hear
        // of the insertion, the rows before it already hold what they will hold after it.
        m_snapshot = snapshot;
        m_items = std::move(items);
        if (oldRows > 0)
            Q_EMIT dataChanged(index(0, 0), index(oldRows - 1, last));
        if (newRows > oldRows) {
            beginInsertRows({}, oldRows, newRows - 1);
            m_rows = newRows;
            endInsertRows();
        }
    } else {
        // Rows go first (the old snapshot still answers for them), then the rest change.
        beginRemoveRows({}, newRows, oldRows - 1);
        m_rows = newRows;
        endRemoveRows();
        m_snapshot = snapshot;
        m_items = std::move(items);
        if (newRows > 0)
            Q_EMIT dataChanged(index(0, 0), index(newRows - 1, last));
    }
}

void SnapshotTableModel::reselect()
{
    beginResetModel();
    m_items.clear();
    if (m_snapshot)
        m_items = orderedItems(*m_snapshot);
    m_rows = static_cast<int>(m_items.size());
    endResetModel();
}

QString SnapshotTableModel::text(int row, int column) const
{
    if (!m_snapshot || row < 0 || row >= m_rows || column < 0 || column >= columns())
        return {};
    return itemText(*m_snapshot, item(row), column);
}

int SnapshotTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows;
}

int SnapshotTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : columns();
}

QVariant SnapshotTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || !m_snapshot || index.row() >= m_rows)
        return {};
    switch (role) {
    case Qt::DisplayRole: return itemText(*m_snapshot, item(index.row()), index.column());
    case SortRole: return itemValue(*m_snapshot, item(index.row()), index.column());
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(Qt::Alignment(
            (isTextColumn(index.column()) ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignVCenter));
    default: return {};
    }
}

QVariant SnapshotTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= columns())
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole)
        return columnTitle(section);
    return {};
}

void SnapshotTableModel::sort(int column, Qt::SortOrder order)
{
    if (column >= columns())
        return;
    m_sortColumn = column;
    m_sortOrder = order;
    if (!m_snapshot)
        return;
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    std::vector<std::uint32_t> items = orderedItems(*m_snapshot);
    const QModelIndexList persistent = persistentIndexList();
    if (!persistent.isEmpty()) {
        // Selections and the current index follow their rows to the new places.
        std::vector<int> rowOf(std::max<std::size_t>(snapshotRows(), items.size()), -1);
        for (std::size_t r = 0; r < items.size(); ++r) {
            if (items[r] >= rowOf.size())
                rowOf.resize(items[r] + 1, -1);
            rowOf[items[r]] = static_cast<int>(r);
        }
        QModelIndexList to;
        to.reserve(persistent.size());
        for (const QModelIndex &i : persistent)
            to << (i.row() < m_rows ? index(rowOf[item(i.row())], i.column()) : QModelIndex());
        changePersistentIndexList(persistent, to);
    }
    m_items = std::move(items);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

const std::vector<std::uint32_t> &SnapshotTableModel::addressRanks(const StatsSnapshot &s) const
{
    if (m_addressRanksOf != &s) {
        std::vector<AddressKey> keys;
        keys.reserve(s.addresses.size());
        for (const std::string &a : s.addresses)
            keys.push_back(addressKey(a));
        m_addressRanks = ranks(
            keys.size(), [&keys](std::uint32_t x, std::uint32_t y) { return keys[x] < keys[y]; });
        m_addressRanksOf = &s;
    }
    return m_addressRanks;
}

const std::vector<std::uint32_t> &SnapshotTableModel::protocolRanks(const StatsSnapshot &s) const
{
    if (m_protocolRanksOf != &s) {
        m_protocolRanks = ranks(s.protocolNames.size(), [&s](std::uint32_t x, std::uint32_t y) {
            return s.protocolNames[x] < s.protocolNames[y];
        });
        m_protocolRanksOf = &s;
    }
    return m_protocolRanks;
}

} // namespace netlens
