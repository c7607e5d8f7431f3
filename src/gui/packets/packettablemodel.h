// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/rowid.h"

#include <QAbstractTableModel>
#include <QCache>
#include <QColor>
#include <QFuture>
#include <QPointer>
#include <memory>
#include <vector>

namespace netlens {

class CaptureSession;
class Engine;
class PacketBytesReader;
struct PacketRecord;

/**
 * The packet list over the engine's store. Rows are the store's compact records; every cell
 * string is made in data() for the rows on screen, never stored. Without a display filter or
 * sort, view row i is store row base + i and no per-row memory exists at all; a filter or a
 * sort keeps one 64-bit store row (RowId) per shown row.
 *
 * New rows come in batches: one beginInsertRows(first, last) per batch.
 */
class PacketTableModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PacketTableModel)

public:
    enum Column { Number, Time, Source, Destination, Protocol, Length, Info, ColumnCount };
    enum class TimeFormat { Relative, Absolute, Delta };
    enum Role {
        /// A BPF expression selecting this cell's value ("host 10.0.0.1", "port 443", "tcp").
        FilterExpressionRole = Qt::UserRole + 1,
        /// The store row behind a view row.
        StoreRowRole,
        /// Raw value for sorting and tests (number, ns, bytes).
        SortRole,
    };

    explicit PacketTableModel(QObject *parent = nullptr);
    ~PacketTableModel() override;

    /// Shows the rows of `session` (null: empty). Resets the model.
    void setSession(CaptureSession *session);
    /// Store rows [first, end) were published (connected to CaptureSession::rowsAvailable).
    void appendRows(qsizetype first, qsizetype end);
    /// Shows only these store rows (ascending): the matches of a display filter among the
    /// store rows below `coveredEnd`. Rows from there on have not been examined yet (the store
    /// may have grown while the filter ran); appendDisplayedRows() brings them in.
    void setDisplayedRows(RowList rows, RowId coveredEnd);
    /// Shows every row again (no display filter).
    void showAllRows();
    /// With a filter on: the matching store rows (ascending) among [coveredStoreRows(),
    /// coveredEnd). Coverage advances to `coveredEnd` even when nothing matched.
    void appendDisplayedRows(const RowList &rows, RowId coveredEnd);
    bool isFiltered() const { return m_filtered; }
    /// Store rows below this have been examined for what is shown (by the filter when one is
    /// on), so filtering new rows incrementally starts here.
    RowId coveredStoreRows() const { return m_covered; }
    /// The store rows shown (ascending, whatever the sort), e.g. to export them.
    RowList displayedStoreRows() const;

    void setTimeFormat(TimeFormat format);
    TimeFormat timeFormat() const { return m_timeFormat; }
    void setDarkPalette(bool dark);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    void sort(int column, Qt::SortOrder order) override;
    /// Blocks until a running background sort ends (before the engine goes away).
    void waitForSort();

    /// Store row for a view row, or -1.
    qint64 storeRow(int viewRow) const;
    /// View row showing a store row, or -1 (a binary search unless the rows are sorted).
    int viewRow(qint64 storeRow) const;
    /// The record of a view row (null if out of range or retired).
    const PacketRecord *record(int viewRow) const;
    /// Cell text exactly as data() shows it.
    QString cellText(int viewRow, int column) const;
    CaptureSession *session() const;

Q_SIGNALS:
    void sortingStarted();
    void sortingFinished();

private:
    QString infoText(RowId storeRow, const PacketRecord &r) const;
    QString timeText(int viewRow, const PacketRecord &r) const;
    QColor background(const PacketRecord &r) const;
    QString filterExpression(const PacketRecord &r, int column) const;
    void dropRetiredRows();
    void applySorted(quint64 generation, RowList order, int column, Qt::SortOrder sortOrder);

    QPointer<CaptureSession> m_session;
    const Engine *m_engine = nullptr;
    std::shared_ptr<PacketBytesReader> m_bytes;
    RowId m_base = 0;        ///< store row of view row 0 when unfiltered and unsorted
    std::size_t m_count = 0; ///< rows when unfiltered and unsorted
    RowId m_covered = 0;
    bool m_filtered = false;
    bool m_sorted = false;
    RowList m_rows; ///< shown store rows when filtered or sorted
    TimeFormat m_timeFormat = TimeFormat::Relative;
    bool m_dark = false;
    quint64 m_generation = 0; ///< bumps on reset, so a late sort result is dropped
    QFuture<RowList> m_sortJob;
    mutable QCache<quint64, QString> m_infoCache;
    mutable std::vector<std::uint8_t> m_scratch;
};

} // namespace netlens
