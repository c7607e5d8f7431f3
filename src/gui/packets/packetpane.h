// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "store/rowid.h"

#include <QPointer>
#include <QWidget>
#include <cstdint>
#include <vector>

class QSplitter;

namespace netlens {

class BpfLineEdit;
class CaptureSession;
class DisplayFilterJob;
class HexView;
class PacketDetailsView;
class PacketTableModel;
class PacketTableView;

/**
 * The window's centre: the display-filter line, the packet list, and the selected packet's
 * details and bytes below it. It shows one CaptureSession, listens to its signals itself and
 * keeps the display filter applied to the rows that keep arriving (DisplayFilterJob). What the
 * status bar shows comes out as signals.
 */
class PacketPane final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PacketPane)

public:
    explicit PacketPane(QWidget *parent = nullptr);
    ~PacketPane() override;

    /// Shows `session` (null: nothing). When it returns nothing reads the previous session
    /// any more (filter passes and sorts have ended), so that one may be deleted. A display
    /// filter that is on applies to the new session's rows as they arrive.
    void setSession(CaptureSession *session);
    CaptureSession *session() const { return m_session; }

    /// Applies a display filter (BPF) to every row, now and as rows arrive; empty shows every
    /// row. displayFilterApplied() follows (or errorOccurred()).
    void applyDisplayFilter(const QString &expression);
    /// Stops a running filter pass (the status bar's Cancel); what is shown stays.
    void cancelDisplayFilter();
    /// The filter in force (empty: none).
    QString displayFilter() const;
    /// A full filter pass runs (rows arriving meanwhile are filtered after it).
    bool isFiltering() const;
    qint64 displayedRows() const;
    qint64 totalRows() const;

    PacketTableModel *model() const { return m_model; }
    PacketTableView *view() const { return m_view; }
    BpfLineEdit *filterEdit() const { return m_filterEdit; }
    PacketDetailsView *detailsView() const { return m_details; }
    HexView *hexView() const { return m_hex; }
    DisplayFilterJob *filterJob() const { return m_filter; }

    /// The splitters' layout (list above details and bytes; details left of bytes), as
    /// QSplitter::saveState() has it; empty states leave the default.
    QByteArray mainSplitterState() const;
    QByteArray bottomSplitterState() const;
    void restoreSplitterStates(const QByteArray &mainSplitter, const QByteArray &bottomSplitter);

Q_SIGNALS:
    /// Rows shown and rows stored changed.
    void countsChanged(qint64 displayed, qint64 total);
    /// A long job runs (filtering, sorting): `text` and per mille done.
    void progressChanged(const QString &text, int permille);
    void progressFinished();
    /// A display filter was applied to every stored row (also when cleared).
    void displayFilterApplied();
    void errorOccurred(const QString &message);
    /// A passing remark for the status bar.
    void statusMessage(const QString &message, int timeoutMs);

private:
    void onRowsAvailable();
    void onPacketSelected(qint64 storeRow);
    void onFilterApplied(RowId endRow);
    void updateCounts();

    BpfLineEdit *m_filterEdit = nullptr;
    PacketTableModel *m_model = nullptr;
    PacketTableView *m_view = nullptr;
    PacketDetailsView *m_details = nullptr;
    HexView *m_hex = nullptr;
    QSplitter *m_mainSplitter = nullptr;
    QSplitter *m_bottomSplitter = nullptr;
    DisplayFilterJob *m_filter = nullptr;
    QPointer<CaptureSession> m_session;
};

} // namespace netlens
