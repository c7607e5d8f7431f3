// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "snapshottablemodel.h"

namespace netlens {

/// Every 5-tuple flow of the snapshot with its transport, application protocol and server name.
class FlowsModel final : public SnapshotTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FlowsModel)

public:
    enum Column {
        AddressA,
        PortA,
        AddressB,
        PortB,
        TransportColumn,
        Protocol,
        ServerName,
        Packets,
        Bytes,
        FirstSeen,
        LastSeen,
        Duration,
        ColumnCount
    };

    explicit FlowsModel(QObject *parent = nullptr);
    ~FlowsModel() override;

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
    bool isTextColumn(int column) const override;
};

} // namespace netlens
