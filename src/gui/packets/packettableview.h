#pragma once

#include <QTableView>

namespace netlens {

class PacketTableModel;

/**
 * The packet list. Follows new packets while the user is at the bottom (and stops when they
 * scroll up), offers "Filter on this value" on right-click, and reports the selected store row.
 */
class PacketTableView final : public QTableView {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PacketTableView)

public:
    explicit PacketTableView(QWidget *parent = nullptr);
    void setPacketModel(PacketTableModel *model);
    bool isFollowing() const { return m_follow; }

Q_SIGNALS:
    /// The current packet changed; -1 when none.
    void packetSelected(qint64 storeRow);
    /// The user picked "Filter on this value" (or a variant): apply this BPF expression.
    void filterRequested(const QString &expression);

protected:
    void contextMenuEvent(QContextMenuEvent *event) override;

private:
    PacketTableModel *m_model = nullptr;
    bool m_follow = true;
    qint64 m_selectedStoreRow = -1;
};

} // namespace netlens
