// SPDX-License-Identifier: GPL-3.0-or-later
#include "details/packetdetailsview.h"

#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QHeaderView>
#include <QMenu>
#include <QPainter>
#include <QTreeWidgetItemIterator>
#include <algorithm>

namespace netlens {

namespace {

constexpr int kOffsetRole = Qt::UserRole;
constexpr int kLengthRole = Qt::UserRole + 1;
constexpr int kNameRole = Qt::UserRole + 2;

/// What a line is called, for remembering its state: "Flags" in "Flags: 0x018 (PSH, ACK)",
/// "Version" in "0100 .... = Version: 4", "Ethernet II" in "Ethernet II, Src: ...".
QString nameOf(const QString &text)
{
    qsizetype from = text.indexOf(QLatin1String(" = "));
    from = from < 0 ? 0 : from + 3;
    qsizetype to = text.size();
    for (const QLatin1String stop : {QLatin1String(":"), QLatin1String(","), QLatin1String(" (")}) {
        const qsizetype at = text.indexOf(stop, from);
        if (at >= 0)
            to = std::min(to, at);
    }
    return text.mid(from, to - from).trimmed();
}

} // namespace

PacketDetailsView::PacketDetailsView(QWidget *parent)
    : QTreeWidget(parent)
{
    setObjectName(QStringLiteral("packetDetails"));
    setColumnCount(1);
    setHeaderHidden(true);
    setUniformRowHeights(true); // thousands of lines stay cheap to lay out
    setSelectionMode(SingleSelection);
    setAnimated(false);
    // Long lines (HTTP headers, DNS answers) scroll rather than being cut.
    header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    header()->setStretchLastSection(false);
    setHorizontalScrollMode(ScrollPerPixel);
    connect(this, &QTreeWidget::currentItemChanged, this,
            [this](QTreeWidgetItem *current) { onCurrentItemChanged(current); });
    connect(this, &QTreeWidget::itemExpanded, this,
            [this](QTreeWidgetItem *item) { remember(item, true); });
    connect(this, &QTreeWidget::itemCollapsed, this,
            [this](QTreeWidgetItem *item) { remember(item, false); });
}

quint32 PacketDetailsView::itemOffset(const QTreeWidgetItem *item)
{
    return item ? item->data(0, kOffsetRole).toUInt() : 0;
}

quint32 PacketDetailsView::itemLength(const QTreeWidgetItem *item)
{
    return item ? item->data(0, kLengthRole).toUInt() : 0;
}

void PacketDetailsView::showFields(const std::vector<DissectedField> &fields)
{
    m_building = true;
    setUpdatesEnabled(false);
    QTreeWidget::clear();
    QList<QTreeWidgetItem *> layers;
    std::vector<QTreeWidgetItem *> open; // open[d]: the last item at depth d
    for (const DissectedField &f : fields) {
        // A line more than one level below the previous one hangs under the deepest open item.
        const std::size_t depth =
            std::min(static_cast<std::size_t>(std::max(f.depth, 0)), open.size());
        auto *item = depth == 0 ? new QTreeWidgetItem : new QTreeWidgetItem(open[depth - 1]);
        const QString text = QString::fromStdString(f.text);
        item->setText(0, text);
        item->setData(0, kOffsetRole, f.offset);
        item->setData(0, kLengthRole, f.length);
        item->setData(0, kNameRole, nameOf(text));
        if (f.length > 0)
            item->setToolTip(0, tr("Bytes %1–%2 (%n byte(s))", nullptr, int(f.length))
                                    .arg(f.offset)
                                    .arg(quint64(f.offset) + f.length - 1));
        if (depth == 0)
            layers.append(item);
        open.resize(depth);
        open.push_back(item);
    }
    addTopLevelItems(layers);
    for (QTreeWidgetItem *layer : layers)
        applyExpansion(layer);
    QTreeWidgetItem *again = nullptr;
    if (!m_selectedPath.isEmpty())
        for (QTreeWidgetItemIterator it(this); *it && !again; ++it)
            if (pathOf(*it) == m_selectedPath)
                again = *it;
    m_building = false;
    setUpdatesEnabled(true);
    if (again) {
        for (QTreeWidgetItem *p = again->parent(); p; p = p->parent())
            p->setExpanded(true);
        setCurrentItem(again);
        scrollToItem(again);
    } else {
        Q_EMIT fieldSelected(0, 0);
    }
}

void PacketDetailsView::clear()
{
    m_building = true;
    QTreeWidget::clear();
    m_building = false;
    Q_EMIT fieldSelected(0, 0);
}

void PacketDetailsView::selectByte(quint32 offset)
{
    // The narrowest range wins; among equal ones the deepest, which comes last.
    QTreeWidgetItem *best = nullptr;
    for (QTreeWidgetItemIterator it(this); *it; ++it) {
        const quint32 off = itemOffset(*it), len = itemLength(*it);
        if (len == 0 || offset < off || offset - off >= len)
            continue;
        if (!best || len <= itemLength(best))
            best = *it;
    }
    if (!best)
        return;
    m_building = true; // opening the way to it is not the user's choice to remember
    for (QTreeWidgetItem *p = best->parent(); p; p = p->parent())
        p->setExpanded(true);
    m_building = false;
    setCurrentItem(best);
    scrollToItem(best);
}

void PacketDetailsView::onCurrentItemChanged(QTreeWidgetItem *current)
{
    if (m_building)
        return;
    m_selectedPath = current ? pathOf(current) : QString();
    Q_EMIT fieldSelected(itemOffset(current), itemLength(current));
}

void PacketDetailsView::remember(QTreeWidgetItem *item, bool expanded)
{
    if (!m_building)
        m_expanded.insert(pathOf(item), expanded);
}

void PacketDetailsView::applyExpansion(QTreeWidgetItem *item)
{
    if (item->childCount() == 0)
        return;
    // Layers start open, their subtrees closed, until the user says otherwise.
    item->setExpanded(m_expanded.value(pathOf(item), item->parent() == nullptr));
    for (int i = 0; i < item->childCount(); ++i)
        applyExpansion(item->child(i));
}

void PacketDetailsView::setSubtreeExpanded(QTreeWidgetItem *item, bool expanded)
{
    if (item->childCount() == 0)
        return;
    item->setExpanded(expanded);
    for (int i = 0; i < item->childCount(); ++i)
        setSubtreeExpanded(item->child(i), expanded);
}

QString PacketDetailsView::pathOf(const QTreeWidgetItem *item)
{
    QString path = item->data(0, kNameRole).toString();
    for (const QTreeWidgetItem *p = item->parent(); p; p = p->parent())
        path = p->data(0, kNameRole).toString() + QLatin1Char('/') + path;
    return path;
}

void PacketDetailsView::contextMenuEvent(QContextMenuEvent *event)
{
    QTreeWidgetItem *item = itemAt(viewport()->mapFromGlobal(event->globalPos()));
    QMenu menu(this);
    if (item) {
        menu.addAction(tr("&Copy"), this,
                       [item] { QApplication::clipboard()->setText(item->text(0)); });
        menu.addSeparator();
        menu.addAction(tr("&Expand Subtrees"), this,
                       [this, item] { setSubtreeExpanded(item, true); });
        menu.addAction(tr("C&ollapse Subtrees"), this,
                       [this, item] { setSubtreeExpanded(item, false); });
    }
    menu.addAction(tr("Expand &All"), this, [this] {
        for (int i = 0; i < topLevelItemCount(); ++i)
            setSubtreeExpanded(topLevelItem(i), true);
    });
    menu.addAction(tr("Collapse A&ll"), this, [this] {
        for (int i = 0; i < topLevelItemCount(); ++i)
            setSubtreeExpanded(topLevelItem(i), false);
    });
    menu.exec(event->globalPos());
}

void PacketDetailsView::paintEvent(QPaintEvent *event)
{
    QTreeWidget::paintEvent(event);
    if (topLevelItemCount() > 0)
        return;
    QPainter p(viewport());
    p.setPen(palette().color(QPalette::Disabled, QPalette::Text));
    p.drawText(viewport()->rect(), Qt::AlignCenter, tr("Select a packet to see its details"));
}

} // namespace netlens
