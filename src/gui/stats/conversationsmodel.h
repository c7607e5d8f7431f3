// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "snapshottablemodel.h"

namespace netlens {

/**
 * One tab of the Conversations window: address pairs of one family (IPv4, IPv6), or TCP and
 * UDP flows with their ports. A is the end the engine saw first.
 */
class ConversationsModel final : public SnapshotTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConversationsModel)

public:
    enum class Kind { IPv4, IPv6, TCP, UDP };
    /// Every column; IPv4 and IPv6 have no ports (columnFor() maps a column to one of these).
    enum Field {
        AddressA,
        PortA,
        AddressB,
        PortB,
        Packets,
        Bytes,
        PacketsAB,
        BytesAB,
        PacketsBA,
        BytesBA,
        Start,
        Duration,
        BitsAB,
        BitsBA,
        FieldCount
    };

    explicit ConversationsModel(Kind kind, QObject *parent = nullptr);
    ~ConversationsModel() override;

    Kind kind() const { return m_kind; }
    bool hasPorts() const { return m_kind == Kind::TCP || m_kind == Kind::UDP; }
    /// The view column of a field (-1 for the ports of IPv4 and IPv6).
    int columnFor(Field field) const;
    Field fieldAt(int column) const;

    int bytesColumn() const override { return columnFor(Bytes); }
    std::uint64_t snapshotRows() const override;
    std::uint64_t totalRows() const override;

protected:
    std::vector<std::uint32_t> selectItems(const StatsSnapshot &s) const override;
    int columns() const override;
    QString columnTitle(int column) const override;
    QString itemText(const StatsSnapshot &s, std::uint32_t item, int column) const override;
    QVariant itemValue(const StatsSnapshot &s, std::uint32_t item, int column) const override;
    void sortItems(const StatsSnapshot &s, std::vector<std::uint32_t> &items, int column,
                   Qt::SortOrder order) const override;
    bool isTextColumn(int column) const override;

private:
    /// The pair, ports and counters of a row, whichever vector it comes from.
    struct Row {
        std::uint32_t a;
        std::uint32_t b;
        std::uint16_t portA;
        std::uint16_t portB;
        const TwoWay *traffic;
    };
    Row row(const StatsSnapshot &s, std::uint32_t item) const;

    Kind m_kind;
};

} // namespace netlens
