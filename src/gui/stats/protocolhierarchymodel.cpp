// SPDX-License-Identifier: GPL-3.0-or-later
#include "protocolhierarchymodel.h"

#include "statsformat.h"

namespace netlens {

ProtocolHierarchyModel::ProtocolHierarchyModel(QObject *parent)
    : QAbstractItemModel(parent)
{
}

ProtocolHierarchyModel::~ProtocolHierarchyModel() = default;

std::vector<ProtocolHierarchyModel::Item>
ProtocolHierarchyModel::flatten(const StatsSnapshot::Node &root)
{
    std::vector<Item> items;
    items.push_back({&root, -1, 0, {}});
    // Breadth-first over the vector itself: items grow while we walk them.
    for (std::size_t i = 0; i < items.size(); ++i) {
        const StatsSnapshot::Node *n = items[i].node;
        for (std::size_t c = 0; c < n->children.size(); ++c) {
            items[i].children.push_back(static_cast<int>(items.size()));
            items.push_back({&n->children[c], static_cast<int>(i), static_cast<int>(c), {}});
        }
    }
    return items;
}

bool ProtocolHierarchyModel::sameShape(const std::vector<Item> &a, const std::vector<Item> &b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i].parent != b[i].parent || a[i].node->name != b[i].node->name)
            return false;
    return true;
}

void ProtocolHierarchyModel::setSnapshot(const StatsSnapshotPtr &snapshot)
{
    std::vector<Item> items;
    if (snapshot)
        items = flatten(snapshot->hierarchy);
    if (!sameShape(items, m_items)) {
        beginResetModel();
        m_snapshot = snapshot;
        m_items = std::move(items);
        ++m_resets;
        endResetModel();
        return;
    }
    m_snapshot = snapshot;
    m_items = std::move(items);
    if (m_items.empty())
        return;
    Q_EMIT dataChanged(index(0, 0), index(0, ColumnCount - 1));
    for (std::size_t i = 0; i < m_items.size(); ++i) {
        const Item &it = m_items[i];
        if (it.children.empty())
            continue;
        const QModelIndex parent = createIndex(it.row, 0, static_cast<quintptr>(i));
        Q_EMIT dataChanged(index(0, 0, parent), index(static_cast<int>(it.children.size()) - 1,
                                                      ColumnCount - 1, parent));
    }
}

const StatsSnapshot::Node *ProtocolHierarchyModel::node(const QModelIndex &index) const
{
    if (!index.isValid() || index.internalId() >= m_items.size())
        return nullptr;
    return m_items[index.internalId()].node;
}

QModelIndexList ProtocolHierarchyModel::allIndexes() const
{
    // Depth-first, so each protocol follows its parent as the tree shows it.
    QModelIndexList out;
    std::vector<int> stack;
    if (!m_items.empty())
        stack.push_back(0);
    while (!stack.empty()) {
        const int id = stack.back();
        stack.pop_back();
        out << createIndex(m_items[id].row, 0, static_cast<quintptr>(id));
        const auto &children = m_items[id].children;
        for (auto it = children.rbegin(); it != children.rend(); ++it)
            stack.push_back(*it);
    }
    return out;
}

QModelIndex ProtocolHierarchyModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount || m_items.empty())
        return {};
    if (!parent.isValid())
        return row == 0 ? createIndex(0, column, quintptr{0}) : QModelIndex();
    if (parent.column() != 0 || parent.internalId() >= m_items.size())
        return {};
    const auto &children = m_items[parent.internalId()].children;
    if (row >= static_cast<int>(children.size()))
        return {};
    return createIndex(row, column, static_cast<quintptr>(children[static_cast<std::size_t>(row)]));
}

QModelIndex ProtocolHierarchyModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() >= m_items.size())
        return {};
    const int p = m_items[child.internalId()].parent;
    if (p < 0)
        return {};
    return createIndex(m_items[static_cast<std::size_t>(p)].row, 0, static_cast<quintptr>(p));
}

int ProtocolHierarchyModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return m_items.empty() ? 0 : 1;
    if (parent.column() != 0 || parent.internalId() >= m_items.size())
        return 0;
    return static_cast<int>(m_items[parent.internalId()].children.size());
}

int ProtocolHierarchyModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant ProtocolHierarchyModel::data(const QModelIndex &index, int role) const
{
    const StatsSnapshot::Node *n = node(index);
    if (!n)
        return {};
    const Counter &all = m_snapshot->hierarchy.counter;
    const auto share = [](std::uint64_t part, std::uint64_t whole) {
        return whole ? 100.0 * static_cast<double>(part) / static_cast<double>(whole) : 0.0;
    };
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Protocol:
            // The engine's root is "All"; as a row of its own it reads better spelled out.
            return index.internalId() == 0 ? tr("All packets") : QString::fromStdString(n->name);
        case Packets: return stats::countText(n->counter.packets);
        case PacketsPercent: return stats::percentText(n->counter.packets, all.packets);
        case Bytes: return stats::countText(n->counter.bytes);
        case BytesPercent: return stats::percentText(n->counter.bytes, all.bytes);
        default: return {};
        }
    }
    if (role == SortRole) {
        switch (index.column()) {
        case Protocol: return QString::fromStdString(n->name);
        case Packets: return qulonglong(n->counter.packets);
        case PacketsPercent: return share(n->counter.packets, all.packets);
        case Bytes: return qulonglong(n->counter.bytes);
        case BytesPercent: return share(n->counter.bytes, all.bytes);
        default: return {};
        }
    }
    if (role == Qt::TextAlignmentRole)
        return QVariant::fromValue(Qt::Alignment(
            (index.column() == Protocol ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignVCenter));
    return {};
}

QVariant ProtocolHierarchyModel::headerData(int section, Qt::Orientation orientation,
                                            int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractItemModel::headerData(section, orientation, role);
    switch (section) {
    case Protocol: return tr("Protocol");
    case Packets: return tr("Packets");
    case PacketsPercent: return tr("% Packets");
    case Bytes: return tr("Bytes");
    case BytesPercent: return tr("% Bytes");
    default: return {};
    }
}

} // namespace netlens
