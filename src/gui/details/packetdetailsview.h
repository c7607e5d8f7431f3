// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "decode/dissector.h"

#include <QHash>
#include <QStringList>
#include <QTreeWidget>
#include <vector>

namespace netlens {

/**
 * The packet details tree: one top-level item per layer, fields below it. Like Wireshark, the
 * view remembers which subtrees the user opened or closed, by layer name ("Internet Protocol
 * Version 4", "Transmission Control Protocol / Flags"), and applies that to the next packet;
 * layers start expanded, deeper subtrees collapsed. It also reselects the field that was
 * selected, if the next packet has one with the same name.
 */
class PacketDetailsView final : public QTreeWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PacketDetailsView)

public:
    explicit PacketDetailsView(QWidget *parent = nullptr);

    /// Replaces the tree with these lines (depth 0 = layer).
    void showFields(const std::vector<DissectedField> &fields);
    /// Empties the tree; the remembered expansion state stays.
    void clear();

    /// Byte range of an item built by showFields().
    static quint32 itemOffset(const QTreeWidgetItem *item);
    static quint32 itemLength(const QTreeWidgetItem *item);

public Q_SLOTS:
    /// Selects the narrowest field that covers byte `offset` (a click in the hex view).
    void selectByte(quint32 offset);

Q_SIGNALS:
    /// The current field changed; (0, 0) when there is none.
    void fieldSelected(quint32 offset, quint32 length);

protected:
    void contextMenuEvent(QContextMenuEvent *event) override;
    void paintEvent(QPaintEvent *event) override;

private:
    void onCurrentItemChanged(QTreeWidgetItem *current);
    void remember(QTreeWidgetItem *item, bool expanded);
    void applyExpansion(QTreeWidgetItem *item);
    void setSubtreeExpanded(QTreeWidgetItem *item, bool expanded);
    /// "Internet Protocol Version 4/Flags": the names of the item and its ancestors.
    static QString pathOf(const QTreeWidgetItem *item);

    QHash<QString, bool> m_expanded; // path -> state the user chose
    QString m_selectedPath;          // to reselect the same field in the next packet
    bool m_building = false;
};

} // namespace netlens
