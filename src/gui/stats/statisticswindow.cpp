// SPDX-License-Identifier: GPL-3.0-or-later
#include "statisticswindow.h"

#include "conversationsmodel.h"
#include "endpointsmodel.h"
#include "export/csvwriter.h"
#include "flowsmodel.h"
#include "protocolhierarchymodel.h"
#include "session/capturesession.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QScreen>
#include <QScrollBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTreeView>
#include <QVBoxLayout>
#include <algorithm>
#include <climits>
#include <string>

namespace netlens {

StatisticsWindow *StatisticsWindow::create(Kind kind, CaptureSession *session, QWidget *parent)
{
    auto *w = new StatisticsWindow(kind, parent);
    w->setAttribute(Qt::WA_DeleteOnClose);
    w->setSession(session);
    return w;
}

StatisticsWindow::StatisticsWindow(Kind kind, QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_kind(kind)
{
    auto *menuBar = new QMenuBar(this);
    QMenu *file = menuBar->addMenu(tr("&File"));
    m_saveAction = file->addAction(tr("&Save as CSV…"), this, &StatisticsWindow::saveCsvAs);
    m_saveAction->setShortcut(QKeySequence::Save);
    file->addSeparator();
    QAction *close = file->addAction(tr("&Close"), this, &QWidget::close);
    close->setShortcut(QKeySequence::Close);
    QMenu *edit = menuBar->addMenu(tr("&Edit"));
    m_copyAction = edit->addAction(tr("&Copy as CSV"), this, &StatisticsWindow::copySelection);
    m_copyAction->setShortcut(QKeySequence::Copy);
    // On the window too, so Ctrl+C reaches it from the views (which would copy one cell).
    addAction(m_copyAction);
    addAction(m_saveAction);
    addAction(close);

    m_tabWidget = new QTabWidget(this);
    m_tabWidget->setTabBarAutoHide(true); // the single-view windows show no tab bar
    m_tabWidget->setDocumentMode(true);

    auto *saveButton = new QPushButton(tr("Save as CSV…"), this);
    connect(saveButton, &QPushButton::clicked, this, &StatisticsWindow::saveCsvAs);
    m_status = new QLabel(this);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_status, 1);
    bottom->addWidget(saveButton);

    auto *layout = new QVBoxLayout(this);
    layout->setMenuBar(menuBar);
    layout->addWidget(m_tabWidget, 1);
    layout->addLayout(bottom);

    switch (kind) {
    case Kind::ProtocolHierarchy:
        addTreeTab();
        resize(760, 460);
        break;
    case Kind::Conversations:
        addTableTab(tr("IPv4"), new ConversationsModel(ConversationsModel::Kind::IPv4, this));
        addTableTab(tr("IPv6"), new ConversationsModel(ConversationsModel::Kind::IPv6, this));
        addTableTab(tr("TCP"), new ConversationsModel(ConversationsModel::Kind::TCP, this));
        addTableTab(tr("UDP"), new ConversationsModel(ConversationsModel::Kind::UDP, this));
        resize(1280, 520);
        break;
    case Kind::Endpoints:
        addTableTab(tr("IPv4"), new EndpointsModel(Family::V4, this));
        addTableTab(tr("IPv6"), new EndpointsModel(Family::V6, this));
        addTableTab(tr("Ethernet"), new EndpointsModel(Family::Mac, this));
        resize(860, 520);
        break;
    case Kind::Flows:
        addTableTab(tr("Flows"), new FlowsModel(this));
        resize(1280, 520);
        break;
    }
    connect(m_tabWidget, &QTabWidget::currentChanged, this, &StatisticsWindow::updateStatus);
    updateTitle();
    updateStatus();
}

StatisticsWindow::~StatisticsWindow() = default;

QString StatisticsWindow::kindTitle(Kind kind)
{
    switch (kind) {
    case Kind::ProtocolHierarchy: return tr("Protocol Hierarchy");
    case Kind::Conversations: return tr("Conversations");
    case Kind::Endpoints: return tr("Endpoints");
    case Kind::Flows: return tr("Flows");
    }
    return {};
}

void StatisticsWindow::addTableTab(const QString &name, SnapshotTableModel *model)
{
    auto *view = new QTableView(this);
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->setCornerButtonEnabled(false);
    view->verticalHeader()->hide();
    // Fixed rows: with a million rows any per-row size query would be noticed.
    view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 6);
    view->horizontalHeader()->setHighlightSections(false);
    view->horizontalHeader()->setStretchLastSection(true);
    view->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    // Busiest first, as the snapshot comes, and the header says so.
    view->horizontalHeader()->setSortIndicator(model->bytesColumn(), Qt::DescendingOrder);
    view->setSortingEnabled(true);
    m_tabs.push_back({name, view, model, nullptr, false});
    m_tabWidget->addTab(view, name);
}

void StatisticsWindow::addTreeTab()
{
    auto *model = new ProtocolHierarchyModel(this);
    auto *view = new QTreeView(this);
    view->setModel(model);
    view->setUniformRowHeights(true);
    view->setAlternatingRowColors(true);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    view->header()->setStretchLastSection(false);
    // The tree arrives ordered by packets; a new shape (a protocol appearing) resets it.
    connect(model, &QAbstractItemModel::modelReset, view, &QTreeView::expandAll);
    m_tabs.push_back({tr("Protocol Hierarchy"), view, nullptr, model, false});
    m_tabWidget->addTab(view, m_tabs.back().name);
}

void StatisticsWindow::setSession(CaptureSession *session)
{
    if (m_snapshotConnection)
        disconnect(m_snapshotConnection);
    m_session = session;
    if (session)
        m_snapshotConnection =
            connect(session, &CaptureSession::snapshotReady, this, &StatisticsWindow::setSnapshot);
    setSnapshot(session ? session->lastSnapshot() : StatsSnapshotPtr());
}

void StatisticsWindow::setSnapshot(const StatsSnapshotPtr &snapshot)
{
    m_snapshot = snapshot;
    for (int i = 0; i < static_cast<int>(m_tabs.size()); ++i) {
        Tab &tab = m_tabs[static_cast<std::size_t>(i)];
        if (tab.table) {
            tab.table->setSnapshot(snapshot);
            // Wireshark's "IPv4 · 12": how much each tab holds without opening it.
            m_tabWidget->setTabText(i, tr("%1 · %2").arg(tab.name).arg(tab.table->rowCount()));
        } else {
            tab.tree->setSnapshot(snapshot);
        }
        if (!tab.sized && tab.view->model()->rowCount() > 0)
            fitColumns(tab);
    }
    updateTitle();
    updateStatus();
}

void StatisticsWindow::fitColumns(Tab &tab)
{
    tab.sized = true;
    const int columns = tab.view->model()->columnCount();
    if (auto *tree = qobject_cast<QTreeView *>(tab.view)) {
        tree->expandAll();
        for (int c = 0; c < columns; ++c) {
            tree->resizeColumnToContents(c);
            if (c)
                tree->setColumnWidth(c, tree->columnWidth(c) + 24);
        }
        // Room for deeper names than the first snapshot had.
        tree->setColumnWidth(0, std::max(tree->columnWidth(0) + 40, 220));
        return;
    }
    auto *table = static_cast<QTableView *>(tab.view);
    // Looks at the rows near the top only (resizeContentsPrecision), not a million of them.
    table->resizeColumnsToContents();
    int needed = 0;
    for (int c = 0; c < columns; ++c) {
        table->setColumnWidth(c, table->columnWidth(c) + 8);
        needed += table->columnWidth(c);
    }
    // The window grows to the widest tab's columns (up to a wide screen's width), so the last
    // column is not cut off behind a scroll bar when the window opens. The viewport has no
    // size before the window is shown: the margins around it are counted instead.
    const QMargins margins = layout()->contentsMargins();
    const int extra = needed + table->verticalScrollBar()->sizeHint().width() +
                      2 * table->frameWidth() + margins.left() + margins.right() - width();
    // Never wider than the screen it opens on: a 1366 px laptop would cut the window off.
    int widest = 1600;
    if (const QScreen *s = screen())
        widest = std::min(widest, s->availableGeometry().width());
    if (extra > 0)
        resize(std::max(width(), std::min(width() + extra, widest)), height());
}

void StatisticsWindow::updateTitle()
{
    QString source;
    if (m_session) {
        if (m_session->kind() == CaptureSession::Kind::Live)
            source = tr("live capture");
        else if (!m_session->files().isEmpty())
            source = QFileInfo(m_session->files().constFirst()).fileName();
    }
    setWindowTitle(source.isEmpty() ? tr("%1 — NetLens").arg(kindTitle(m_kind))
                                    : tr("%1 — %2 — NetLens").arg(kindTitle(m_kind), source));
}

QString StatisticsWindow::statusText() const
{
    return m_status->text();
}

void StatisticsWindow::updateStatus()
{
    const int current = currentTab();
    if (!m_snapshot || current < 0) {
        m_status->setText(tr("No statistics yet"));
        return;
    }
    const Tab &tab = m_tabs[static_cast<std::size_t>(current)];
    QString text;
    if (tab.table) {
        text = tr("%1 rows").arg(tab.table->rowCount());
        if (!m_snapshot->complete)
            text += QStringLiteral(" · ") +
                    tr("Showing the busiest %1 of %2; every row once the capture ends")
                        .arg(tab.table->snapshotRows())
                        .arg(tab.table->totalRows());
    } else {
        text = tr("%1 rows").arg(tab.tree->allIndexes().size());
    }
    // What memory did not hold (Settings: the caps and the flow timeout): counted, not listed.
    const StatsSnapshot &s = *m_snapshot;
    const StatsSnapshot::Other *other = m_kind == Kind::Flows           ? &s.otherFlows
                                        : m_kind == Kind::Endpoints     ? &s.otherHosts
                                        : m_kind == Kind::Conversations ? &s.otherConversations
                                                                        : nullptr;
    if (m_kind == Kind::Flows && s.flowsFolded)
        text += QStringLiteral(" · ") +
                tr("%n flow(s) folded into the totals after going idle", nullptr,
                   static_cast<int>(std::min<std::uint64_t>(s.flowsFolded, INT_MAX)));
    if (other && other->traffic.packets)
        text += QStringLiteral(" · ") + tr("Other (%1 not held): %2 packets, %3 bytes")
                                            .arg(other->entries)
                                            .arg(other->traffic.packets)
                                            .arg(other->traffic.bytes);
    m_status->setText(text);
}

int StatisticsWindow::tabCount() const
{
    return static_cast<int>(m_tabs.size());
}

int StatisticsWindow::currentTab() const
{
    return m_tabWidget->currentIndex();
}

void StatisticsWindow::setCurrentTab(int tab)
{
    m_tabWidget->setCurrentIndex(tab);
}

QString StatisticsWindow::tabName(int tab) const
{
    return tab >= 0 && tab < tabCount() ? m_tabs[static_cast<std::size_t>(tab)].name : QString();
}

QAbstractItemView *StatisticsWindow::view(int tab) const
{
    return tab >= 0 && tab < tabCount() ? m_tabs[static_cast<std::size_t>(tab)].view : nullptr;
}

QAbstractItemModel *StatisticsWindow::model(int tab) const
{
    QAbstractItemView *v = view(tab);
    return v ? v->model() : nullptr;
}

SnapshotTableModel *StatisticsWindow::tableModel(int tab) const
{
    return tab >= 0 && tab < tabCount() ? m_tabs[static_cast<std::size_t>(tab)].table : nullptr;
}

ProtocolHierarchyModel *StatisticsWindow::hierarchyModel() const
{
    return m_tabs.empty() ? nullptr : m_tabs.front().tree;
}

QModelIndexList StatisticsWindow::rowsInViewOrder(const Tab &tab, bool selectedOnly) const
{
    QModelIndexList rows;
    if (tab.tree) {
        // Tree order: depth-first, as the rows read on screen when expanded.
        const QModelIndexList all = tab.tree->allIndexes();
        if (!selectedOnly)
            return all;
        const QItemSelectionModel *selection = tab.view->selectionModel();
        for (const QModelIndex &i : all)
            if (selection->isRowSelected(i.row(), i.parent()))
                rows << i;
        return rows;
    }
    if (!selectedOnly) {
        const int n = tab.table->rowCount();
        rows.reserve(n);
        for (int r = 0; r < n; ++r)
            rows << tab.table->index(r, 0);
        return rows;
    }
    rows = tab.view->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(),
              [](const QModelIndex &x, const QModelIndex &y) { return x.row() < y.row(); });
    return rows;
}

QByteArray StatisticsWindow::csv(const Tab &tab, const QModelIndexList &rows) const
{
    const QAbstractItemModel *m = tab.view->model();
    const int columns = m->columnCount();
    std::string out;
    out.reserve(static_cast<std::size_t>(rows.size() + 1) * static_cast<std::size_t>(columns) * 12);
    for (int c = 0; c < columns; ++c) {
        if (c)
            out += ',';
        CsvWriter::appendField(out, m->headerData(c, Qt::Horizontal).toString().toStdString());
    }
    out += "\r\n";
    for (const QModelIndex &row : rows) {
        for (int c = 0; c < columns; ++c) {
            if (c)
                out += ',';
            // The table's text() skips the QVariant: Save as CSV of a million rows adds up.
            QString text = tab.table ? tab.table->text(row.row(), c)
                                     : m->index(row.row(), c, row.parent()).data().toString();
            // A protocol's depth as leading spaces, as the tree indents it: "UDP" under IPv4
            // and under IPv6 stay apart in a spreadsheet.
            if (tab.tree && c == 0)
                for (QModelIndex p = row.parent(); p.isValid(); p = p.parent())
                    text.prepend(QStringLiteral("  "));
            CsvWriter::appendField(out, text.toStdString());
        }
        out += "\r\n";
    }
    return QByteArray::fromStdString(out);
}

QString StatisticsWindow::selectionCsv() const
{
    const int current = currentTab();
    if (current < 0)
        return {};
    const Tab &tab = m_tabs[static_cast<std::size_t>(current)];
    return QString::fromUtf8(csv(tab, rowsInViewOrder(tab, true)));
}

QByteArray StatisticsWindow::tabCsv() const
{
    const int current = currentTab();
    if (current < 0)
        return {};
    const Tab &tab = m_tabs[static_cast<std::size_t>(current)];
    return csv(tab, rowsInViewOrder(tab, false));
}

bool StatisticsWindow::saveCsv(const QString &path, QString *error) const
{
    const QString shown = QDir::toNativeSeparators(path);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = tr("Cannot write %1: %2").arg(shown, file.errorString());
        return false;
    }
    file.write(tabCsv());
    if (!file.commit()) {
        if (error)
            *error = tr("Writing %1 failed: %2").arg(shown, file.errorString());
        return false;
    }
    return true;
}

void StatisticsWindow::copySelection()
{
    if (auto *clipboard = QGuiApplication::clipboard())
        clipboard->setText(selectionCsv());
}

QString StatisticsWindow::defaultFileName() const
{
    static const char *const kNames[] = {"protocol-hierarchy", "conversations", "endpoints",
                                         "flows"};
    QString name = QLatin1String(kNames[static_cast<int>(m_kind)]);
    if (tabCount() > 1)
        name += QLatin1Char('-') + m_tabs[static_cast<std::size_t>(currentTab())].name.toLower();
    return name + QStringLiteral(".csv");
}

void StatisticsWindow::saveCsvAs()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Save as CSV"), defaultFileName(),
                                                      tr("CSV files (*.csv);;All files (*)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!saveCsv(path, &error))
        QMessageBox::warning(this, tr("Save as CSV"), error);
}

} // namespace netlens
