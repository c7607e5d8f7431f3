// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "stats/statssnapshot.h"

#include <QAbstractItemModel>
#include <string>
#include <vector>

namespace netlens {

/**
 * The snapshot's protocol hierarchy as a tree: one top-level row "All packets", then network,
 * transport and application. Percentages are of all packets and all bytes, as in Wireshark's
 * Protocol Hierarchy.
 *
 * A new snapshot with the same tree (same names under the same parents, in the same order)
 * is a dataChanged() per parent, so expanded branches and the selection stay; only a new
 * shape resets the model.
 */
class ProtocolHierarchyModel final : public QAbstractItemModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProtocolHierarchyModel)

public:
    enum Column { Protocol, Packets, PacketsPercent, Bytes, BytesPercent, ColumnCount };
    static constexpr int SortRole = Qt::UserRole;

    explicit ProtocolHierarchyModel(QObject *parent = nullptr);
    ~ProtocolHierarchyModel() override;

    void setSnapshot(const StatsSnapshotPtr &snapshot);
    const StatsSnapshotPtr &snapshot() const { return m_snapshot; }
    /// The snapshot node behind an index (null for an invalid one).
    const StatsSnapshot::Node *node(const QModelIndex &index) const;
    /// Every node, parents before children (the order Save as CSV writes).
    QModelIndexList allIndexes() const;
    /// Times the model was reset because the tree's shape changed (for tests).
    int resetCount() const { return m_resets; }

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    struct Item {
        const StatsSnapshot::Node *node = nullptr;
        int parent = -1; ///< item id, -1 for the top-level row
        int row = 0;     ///< row under its parent
        std::vector<int> children;
    };
    /// Items of a tree, breadth-first (item 0 is the root, so ids run parents first).
    static std::vector<Item> flatten(const StatsSnapshot::Node &root);
    static bool sameShape(const std::vector<Item> &a, const std::vector<Item> &b);

    StatsSnapshotPtr m_snapshot;
    std::vector<Item> m_items;
    int m_resets = 0;
};

} // namespace netlens
