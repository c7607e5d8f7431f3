// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "stats/statssnapshot.h"

#include <QAbstractTableModel>
#include <algorithm>
#include <cstdint>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace netlens {

/**
 * The common part of the statistics tables: rows are indexes into one of the snapshot's row
 * vectors (endpoints, conversations or flows), chosen and ordered by the subclass. Cell text is
 * made in data() for the rows on screen; nothing per cell is stored.
 *
 * A new snapshot is one dataChanged() over the rows that stay plus one insert or remove for
 * the difference, never a reset, and the user's sort is applied to the new rows first, so a
 * refresh every 400 ms keeps the selection, the scroll position and the order.
 *
 * Sorting runs on the raw values (a key per row, then std::stable_sort on the keys): about
 * 0.1 s for a million rows, where a proxy over QVariants takes seconds. Ties keep the
 * snapshot's order (busiest first), so the order does not flicker between refreshes.
 */
class SnapshotTableModel : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SnapshotTableModel)

public:
    /// The raw value of a cell (a number, or the text for text columns).
    static constexpr int SortRole = Qt::UserRole;

    ~SnapshotTableModel() override;

    void setSnapshot(const StatsSnapshotPtr &snapshot);
    const StatsSnapshotPtr &snapshot() const { return m_snapshot; }
    /// The sort applied to every snapshot (-1: the snapshot's own order, busiest first).
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }
    /// Column of the total bytes (what the window sorts by at first).
    virtual int bytesColumn() const = 0;
    /// Rows of the snapshot's vector this kind is drawn from, and the true total behind them
    /// (they differ while a capture runs: a live snapshot holds the busiest rows only).
    virtual std::uint64_t snapshotRows() const = 0;
    virtual std::uint64_t totalRows() const = 0;

    /// Index into the snapshot's vector behind a row.
    std::uint32_t item(int row) const { return m_items[static_cast<std::size_t>(row)]; }
    /// Cell text exactly as data() shows it.
    QString text(int row, int column) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

protected:
    explicit SnapshotTableModel(QObject *parent);

    /// The rows this model shows, as indexes into the snapshot's vector, in its order.
    virtual std::vector<std::uint32_t> selectItems(const StatsSnapshot &s) const = 0;
    virtual int columns() const = 0;
    virtual QString columnTitle(int column) const = 0;
    virtual QString itemText(const StatsSnapshot &s, std::uint32_t item, int column) const = 0;
    virtual QVariant itemValue(const StatsSnapshot &s, std::uint32_t item, int column) const = 0;
    /// Sorts `items` by `column` (use sortByKey()).
    virtual void sortItems(const StatsSnapshot &s, std::vector<std::uint32_t> &items, int column,
                           Qt::SortOrder order) const = 0;
    /// True for the text columns (left-aligned); numbers are right-aligned.
    virtual bool isTextColumn(int column) const = 0;

    /// Rank of each address of `s` in address order (family, then numeric value), so address
    /// columns sort as 10.0.0.2 < 10.0.0.10. Made on the first address sort of a snapshot.
    const std::vector<std::uint32_t> &addressRanks(const StatsSnapshot &s) const;
    /// Rank of each protocol name of `s` in alphabetical order.
    const std::vector<std::uint32_t> &protocolRanks(const StatsSnapshot &s) const;

    /// Stable sort of `items` by key(item): the keys are computed once into a contiguous
    /// vector first, so the sort compares plain numbers instead of chasing rows.
    template <typename Key>
    static void sortByKey(std::vector<std::uint32_t> &items, Qt::SortOrder order, Key key)
    {
        using K = std::decay_t<decltype(key(std::uint32_t{}))>;
        std::vector<std::pair<K, std::uint32_t>> keyed;
        keyed.reserve(items.size());
        for (const std::uint32_t i : items)
            keyed.emplace_back(key(i), i);
        if (order == Qt::AscendingOrder)
            std::stable_sort(keyed.begin(), keyed.end(),
                             [](const auto &x, const auto &y) { return x.first < y.first; });
        else
            std::stable_sort(keyed.begin(), keyed.end(),
                             [](const auto &x, const auto &y) { return y.first < x.first; });
        for (std::size_t n = 0; n < keyed.size(); ++n)
            items[n] = keyed[n].second;
    }

    /// Chooses the rows again (after the subclass changed what it shows): a reset.
    void reselect();

private:
    std::vector<std::uint32_t> orderedItems(const StatsSnapshot &s) const;

    StatsSnapshotPtr m_snapshot;
    std::vector<std::uint32_t> m_items;
    int m_rows = 0; ///< rows the views know of (differs from m_items.size() mid-refresh)
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    mutable const StatsSnapshot *m_addressRanksOf = nullptr;
    mutable std::vector<std::uint32_t> m_addressRanks;
    mutable const StatsSnapshot *m_protocolRanksOf = nullptr;
    mutable std::vector<std::uint32_t> m_protocolRanks;
};

} // namespace netlens
