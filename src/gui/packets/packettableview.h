// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QTableView>

namespace netlens {

class PacketTableModel;

/**
 * The packet list. During a live capture it follows new packets while the user is at the
 * bottom (and stops when they scroll up); an opened file stays at its first packets, as in
 * Wireshark. Offers "Filter on this value" on right-click, and reports the selected store row.
 */
class PacketTableView final : public QTableView {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PacketTableView)

public:
    explicit PacketTableView(QWidget *parent = nullptr);
    void setPacketModel(PacketTableModel *model);
    /// Whether new rows scroll the table to the bottom (while the user stays there). On for a
    /// live capture, off for a file; turning it on starts following again.
    void setFollowNewRows(bool follow);
    bool followsNewRows() const { return m_followNewRows; }
    /// New rows scroll the table now: following is on and the user has not scrolled away.
    bool isFollowing() const { return m_followNewRows && m_follow; }
    /// Forgets the selected packet (a new capture: its store rows mean other packets).
    void forgetSelection() { m_selectedStoreRow = -1; }

Q_SIGNALS:
    /// The current packet changed; -1 when none.
    void packetSelected(qint64 storeRow);
    /// The user picked "Filter on this value" (or a variant): apply this BPF expression.
    void filterRequested(const QString &expression);

protected:
    void contextMenuEvent(QContextMenuEvent *event) override;

private:
    PacketTableModel *m_model = nullptr;
    bool m_followNewRows = false;
    bool m_follow = true; ///< the user is at the bottom (or has not scrolled yet)
    qint64 m_selectedStoreRow = -1;
};

} // namespace netlens
