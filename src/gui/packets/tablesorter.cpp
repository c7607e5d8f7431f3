// SPDX-License-Identifier: GPL-3.0-or-later
#include "tablesorter.h"

#include "decode/dissector.h"
#include "engine/engine.h"
#include "engine/packetbytes.h"
#include "packettablemodel.h"

#include <algorithm>
#include <string>
#include <unordered_map>

namespace netlens {

namespace {
/// Rank of every address id in numeric order (MAC, then IPv4, then IPv6).
std::vector<std::uint32_t> addressRanks(const AddressTable &table)
{
    const std::uint32_t n = table.size();
    std::vector<std::uint32_t> ids(n);
    for (std::uint32_t i = 0; i < n; ++i)
        ids[i] = i;
    std::sort(ids.begin(), ids.end(), [&](std::uint32_t a, std::uint32_t b) {
        const Address &x = table.at(a), &y = table.at(b);
        if (x.family != y.family)
            return x.family < y.family;
        return x.bytes < y.bytes;
    });
    std::vector<std::uint32_t> rank(n);
    for (std::uint32_t i = 0; i < n; ++i)
        rank[ids[i]] = i;
    return rank;
}

/// Sorts `rows` by `keys` (one per row). The permutation is of positions in `rows`, which a
/// view holds fewer than 2^31 of, so 32 bits; the keys go before the sorted copy is made, so
/// the peak stays at rows + keys + two permutations.
template <typename Key> void sortByKey(RowList &rows, std::vector<Key> keys, bool descending)
{
    std::vector<std::uint32_t> idx(rows.size());
    for (std::uint32_t i = 0; i < idx.size(); ++i)
        idx[i] = i;
    std::stable_sort(idx.begin(), idx.end(), [&](std::uint32_t a, std::uint32_t b) {
        return descending ? keys[b] < keys[a] : keys[a] < keys[b];
    });
    keys = {};
    RowList out(rows.size());
    for (std::size_t i = 0; i < idx.size(); ++i)
        out[i] = rows[idx[i]];
    rows.swap(out);
}
} // namespace

void TableSorter::sortRows(const Engine &engine, const PacketBytesReader *bytes, RowList &rows,
                           int column, bool descending)
{
    const PacketStore &store = engine.store();
    const RowId first = store.firstRow();
    std::erase_if(rows, [first](RowId r) { return r < first; });
    // A live capture at its cap keeps retiring rows while the sort runs: such a row sorts as
    // an empty record, and the model drops it when it learns the new first row.
    const PacketRecord gone{};
    const auto rec = [&](RowId row) -> const PacketRecord & {
        const PacketRecord *r = store.find(row);
        return r ? *r : gone;
    };
    switch (column) {
    case PacketTableModel::Source:
    case PacketTableModel::Destination: {
        const auto rank = addressRanks(engine.addresses());
        std::vector<std::uint64_t> keys(rows.size());
        for (std::size_t i = 0; i < rows.size(); ++i) {
            const std::uint32_t id =
                column == PacketTableModel::Source ? rec(rows[i]).src : rec(rows[i]).dst;
            keys[i] = id < rank.size() ? rank[id] : UINT64_MAX;
        }
        sortByKey(rows, std::move(keys), descending);
        return;
    }
    case PacketTableModel::Protocol: {
        std::unordered_map<std::string_view, std::uint32_t> rankOf;
        std::vector<std::string_view> names(rows.size());
        for (std::size_t i = 0; i < rows.size(); ++i) {
            names[i] = engine.protocolName(rec(rows[i]));
            rankOf.emplace(names[i], 0);
        }
        std::vector<std::string_view> distinct;
        for (const auto &[name, r] : rankOf)
            distinct.push_back(name);
        std::sort(distinct.begin(), distinct.end());
        for (std::uint32_t i = 0; i < distinct.size(); ++i)
            rankOf[distinct[i]] = i;
        std::vector<std::uint32_t> keys(rows.size());
        for (std::size_t i = 0; i < rows.size(); ++i)
            keys[i] = rankOf[names[i]];
        sortByKey(rows, std::move(keys), descending);
        return;
    }
    case PacketTableModel::Info: {
        std::vector<std::string> keys(rows.size());
        std::vector<std::uint8_t> buf;
        for (std::size_t i = 0; i < rows.size(); ++i) {
            const PacketRecord &r = rec(rows[i]);
            if (&r != &gone && bytes && bytes->read(r, buf))
                keys[i] = packetInfo(buf.data(), r.capLen, r.wireLen, r.linkType);
        }
        sortByKey(rows, std::move(keys), descending);
        return;
    }
    case PacketTableModel::Length: {
        std::vector<std::uint32_t> keys(rows.size());
        for (std::size_t i = 0; i < rows.size(); ++i)
            keys[i] = rec(rows[i]).wireLen;
        sortByKey(rows, std::move(keys), descending);
        return;
    }
    case PacketTableModel::Time: {
        std::vector<std::int64_t> keys(rows.size());
        for (std::size_t i = 0; i < rows.size(); ++i)
            keys[i] = rec(rows[i]).tsNs;
        sortByKey(rows, std::move(keys), descending);
        return;
    }
    default: // Number: store order is frame order
        std::sort(rows.begin(), rows.end());
        if (descending)
            std::reverse(rows.begin(), rows.end());
        return;
    }
}

} // namespace netlens
