// SPDX-License-Identifier: GPL-3.0-or-later
#include "packettableview.h"

#include "packettablemodel.h"

#include <QContextMenuEvent>
#include <QHeaderView>
#include <QMenu>
#include <QScrollBar>

namespace netlens {

PacketTableView::PacketTableView(QWidget *parent)
    : QTableView(parent)
{
    setSelectionBehavior(SelectRows);
    setSelectionMode(SingleSelection);
    setSortingEnabled(false); // sorting is asked through the header, run off the UI thread
    setWordWrap(false);
    setAlternatingRowColors(false);
    setShowGrid(false);
    verticalHeader()->hide();
    // Fixed row heights keep a 10 M-row table cheap: no per-row size queries.
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 4);
    horizontalHeader()->setStretchLastSection(true);
    horizontalHeader()->setSectionsClickable(true);
    horizontalHeader()->setSortIndicatorShown(true);
    horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    horizontalHeader()->setHighlightSections(false);
    setHorizontalScrollMode(ScrollPerPixel);
    // The user scrolling away from the bottom stops following; coming back resumes it.
    connect(verticalScrollBar(), &QScrollBar::actionTriggered, this, [this] {
        QScrollBar *bar = verticalScrollBar();
        m_follow = bar->sliderPosition() >= bar->maximum();
    });
    connect(verticalScrollBar(), &QScrollBar::valueChanged, this, [this](int value) {
        if (value >= verticalScrollBar()->maximum())
            m_follow = true;
    });
}

void PacketTableView::setPacketModel(PacketTableModel *model)
{
    m_model = model;
    setModel(model);
    connect(model, &QAbstractItemModel::rowsInserted, this, [this] {
        if (isFollowing())
            scrollToBottom();
    });
    connect(model, &QAbstractItemModel::modelReset, this, [this] {
        // Keep the selected packet selected across filters and sorts.
        const int row = m_model->viewRow(m_selectedStoreRow);
        if (row < 0)
            return;
        selectRow(row);
        scrollTo(m_model->index(row, 0), PositionAtCenter);
        m_follow = false;
    });
    connect(horizontalHeader(), &QHeaderView::sortIndicatorChanged, this,
            [this](int section, Qt::SortOrder order) { m_model->sort(section, order); });
    connect(selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                m_selectedStoreRow = current.isValid() ? m_model->storeRow(current.row()) : -1;
                Q_EMIT packetSelected(m_selectedStoreRow);
            });
    const int widths[] = {80, 130, 170, 170, 90, 70};
    for (int c = 0; c < 6; ++c)
        setColumnWidth(c, widths[c]);
}

void PacketTableView::setFollowNewRows(bool follow)
{
    m_followNewRows = follow;
    m_follow = true;
    if (follow && m_model && m_model->rowCount() > 0)
        scrollToBottom();
}

void PacketTableView::contextMenuEvent(QContextMenuEvent *event)
{
    const QModelIndex idx = indexAt(event->pos());
    if (!idx.isValid() || !m_model)
        return;
    QMenu menu(this);
    QStringList seen;
    const auto add = [&](const QString &label, const QString &expr) {
        if (expr.isEmpty() || seen.contains(expr))
            return;
        seen << expr;
        menu.addAction(label.arg(expr), this, [this, expr] { Q_EMIT filterRequested(expr); });
    };
    const int row = idx.row();
    add(tr("Filter on this value: %1"),
        m_model->data(idx, PacketTableModel::FilterExpressionRole).toString());
    // The usual choices, whatever the column: the hosts, then the protocol and port.
    const auto expr = [&](int column) {
        return m_model->data(m_model->index(row, column), PacketTableModel::FilterExpressionRole)
            .toString();
    };
    add(tr("Filter on source: %1"), expr(PacketTableModel::Source));
    add(tr("Filter on destination: %1"), expr(PacketTableModel::Destination));
    add(tr("Filter on protocol: %1"), expr(PacketTableModel::Protocol));
    if (menu.isEmpty())
        return;
    menu.exec(event->globalPos());
}

} // namespace netlens
