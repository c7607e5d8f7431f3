// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "stats/statssnapshot.h"

#include <QAbstractItemModel>
#include <QPointer>
#include <QWidget>
#include <vector>

class QAbstractItemView;
class QAction;
class QLabel;
class QTabWidget;

namespace netlens {

class CaptureSession;
class ProtocolHierarchyModel;
class SnapshotTableModel;

/**
 * A top-level window over a session's statistics snapshots: the protocol hierarchy, the
 * conversations (IPv4, IPv6, TCP, UDP tabs), the endpoints (IPv4, IPv6, Ethernet) or the
 * flows. It listens to the session's snapshotReady() itself and shows lastSnapshot() at
 * once, so it can be opened at any time during or after a capture.
 *
 * Edit → Copy (Ctrl+C) puts the selected rows on the clipboard as CSV; Save as CSV writes
 * every row of the current tab in the view's order. Both escape fields with
 * CsvWriter::appendField (RFC 4180, spreadsheet formulas guarded).
 */
class StatisticsWindow final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatisticsWindow)

public:
    enum class Kind { ProtocolHierarchy, Conversations, Endpoints, Flows };

    /// A window of `kind` over `session` (may be null), deleted when closed; not shown yet.
    static StatisticsWindow *create(Kind kind, CaptureSession *session, QWidget *parent = nullptr);
    explicit StatisticsWindow(Kind kind, QWidget *parent = nullptr);
    ~StatisticsWindow() override;

    Kind kind() const { return m_kind; }
    /// "Conversations" and so on: the window's title and its menu entry's text.
    static QString kindTitle(Kind kind);

    /// Follows `session`'s snapshots (null: shows nothing) and shows its last one now.
    void setSession(CaptureSession *session);
    CaptureSession *session() const { return m_session; }
    /// Shows `snapshot` in every tab (what each snapshotReady() does).
    void setSnapshot(const StatsSnapshotPtr &snapshot);
    const StatsSnapshotPtr &snapshot() const { return m_snapshot; }

    int tabCount() const;
    int currentTab() const;
    void setCurrentTab(int tab);
    /// "IPv4", "TCP", ... (without the row count the tab bar adds).
    QString tabName(int tab) const;
    QAbstractItemView *view(int tab) const;
    QAbstractItemModel *model(int tab) const;
    /// The table model of a tab (null for the protocol hierarchy).
    SnapshotTableModel *tableModel(int tab) const;
    ProtocolHierarchyModel *hierarchyModel() const;
    /// "N rows", and while the snapshot is partial which part of the total it shows.
    QString statusText() const;

    /// The selected rows of the current tab as CSV: the header line, then the rows in the
    /// view's order, CRLF line ends.
    QString selectionCsv() const;
    /// Every row of the current tab as CSV, in the view's order.
    QByteArray tabCsv() const;
    /// Writes tabCsv() to `path`; on failure false with a message naming the file.
    bool saveCsv(const QString &path, QString *error = nullptr) const;

public Q_SLOTS:
    /// Edit → Copy: selectionCsv() to the clipboard.
    void copySelection();
    /// File → Save as CSV…: asks for a file, writes it, says what went wrong.
    void saveCsvAs();

private:
    struct Tab {
        QString name;
        QAbstractItemView *view = nullptr;
        SnapshotTableModel *table = nullptr;    ///< the table tabs
        ProtocolHierarchyModel *tree = nullptr; ///< the hierarchy
        bool sized = false;                     ///< columns fitted to the first rows
    };
    void addTableTab(const QString &name, SnapshotTableModel *model);
    void addTreeTab();
    void updateTitle();
    void updateStatus();
    void fitColumns(Tab &tab);
    QModelIndexList rowsInViewOrder(const Tab &tab, bool selectedOnly) const;
    QByteArray csv(const Tab &tab, const QModelIndexList &rows) const;
    QString defaultFileName() const;

    Kind m_kind;
    QPointer<CaptureSession> m_session;
    QMetaObject::Connection m_snapshotConnection;
    StatsSnapshotPtr m_snapshot;
    std::vector<Tab> m_tabs;
    QTabWidget *m_tabWidget = nullptr;
    QLabel *m_status = nullptr;
    QAction *m_copyAction = nullptr;
    QAction *m_saveAction = nullptr;
};

} // namespace netlens
