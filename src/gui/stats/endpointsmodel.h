// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "snapshottablemodel.h"

namespace netlens {

/// One tab of the Endpoints window: the hosts of one family, with what each sent (Tx) and
/// received (Rx).
class EndpointsModel final : public SnapshotTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EndpointsModel)

public:
    enum Column { Address, Packets, Bytes, TxPackets, TxBytes, RxPackets, RxBytes, ColumnCount };

    /// `family`: Family::V4, Family::V6 or Family::Mac (Ethernet: non-IP frames by MAC).
    explicit EndpointsModel(Family family, QObject *parent = nullptr);
    ~EndpointsModel() override;

    Family family() const { return m_family; }

    int bytesColumn() const override { return Bytes; }
    std::uint64_t snapshotRows() const override;
    std::uint64_t totalRows() const override;

protected:
    std::vector<std::uint32_t> selectItems(const StatsSnapshot &s) const override;
    int columns() const override { return ColumnCount; }
    QString columnTitle(int column) const override;
    QString itemText(const StatsSnapshot &s, std::uint32_t item, int column) const override;
    QVariant itemValue(const StatsSnapshot &s, std::uint32_t item, int column) const override;
    void sortItems(const StatsSnapshot &s, std::vector<std::uint32_t> &items, int column,
                   Qt::SortOrder order) const override;
    bool isTextColumn(int column) const override { return column == Address; }

private:
    static std::uint64_t value(const TwoWay &t, int column);

    Family m_family;
};

} // namespace netlens
