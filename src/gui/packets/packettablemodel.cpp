// SPDX-License-Identifier: GPL-3.0-or-later
#include "packettablemodel.h"

#include "decode/decodedpacket.h"
#include "decode/dissector.h"
#include "engine/engine.h"
#include "engine/packetbytes.h"
#include "session/capturesession.h"
#include "tablesorter.h"

#include <QDateTime>
#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>

namespace netlens {

namespace {
QString latin(std::string_view s)
{
    return QString::fromLatin1(s.data(), static_cast<qsizetype>(s.size()));
}

QString seconds(std::int64_t ns, bool nano)
{
    const bool negative = ns < 0;
    const std::uint64_t a =
        negative ? static_cast<std::uint64_t>(-ns) : static_cast<std::uint64_t>(ns);
    const std::uint64_t frac = nano ? a % 1000000000 : (a % 1000000000) / 1000;
    return (negative ? QStringLiteral("-") : QString()) + QString::number(a / 1000000000) +
           QLatin1Char('.') + QStringLiteral("%1").arg(frac, nano ? 9 : 6, 10, QLatin1Char('0'));
}
} // namespace

PacketTableModel::PacketTableModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_infoCache(4000)
{
}

PacketTableModel::~PacketTableModel() = default;

CaptureSession *PacketTableModel::session() const
{
    return m_session;
}

void PacketTableModel::setSession(CaptureSession *session)
{
    beginResetModel();
    ++m_generation;
    m_session = session;
    m_engine = session ? &session->engine() : nullptr;
    m_bytes = session ? session->bytes() : nullptr;
    m_base = m_engine ? m_engine->store().firstRow() : 0;
    m_count = 0;
    m_covered = m_base;
    m_filtered = m_sorted = false;
    m_rows.clear();
    m_infoCache.clear();
    endResetModel();
}

void PacketTableModel::dropRetiredRows()
{
    if (!m_engine)
        return;
    const RowId first = m_engine->store().firstRow();
    if (first <= m_base)
        return;
    if (!m_filtered && !m_sorted) {
        const std::size_t gone = static_cast<std::size_t>(std::min<RowId>(first - m_base, m_count));
        if (gone) {
            beginRemoveRows({}, 0, static_cast<int>(gone) - 1);
            m_count -= gone;
            m_base += gone;
            endRemoveRows();
        }
        m_base = first;
        return;
    }
    // Rare (only past the in-memory cap): rebuild the shown list without the retired rows.
    beginResetModel();
    std::erase_if(m_rows, [first](RowId r) { return r < first; });
    m_base = first;
    m_covered = std::max(m_covered, first);
    endResetModel();
}

void PacketTableModel::appendRows(qsizetype first, qsizetype end)
{
    if (!m_engine || end <= first)
        return;
    dropRetiredRows();
    if (m_filtered)
        return; // the display filter examines new rows and calls appendDisplayedRows()
    const RowId from = std::max<RowId>(static_cast<RowId>(first), m_base + m_count);
    const RowId to = static_cast<RowId>(end);
    if (to <= from)
        return;
    const int firstView = rowCount();
    beginInsertRows({}, firstView, firstView + static_cast<int>(to - from) - 1);
    if (m_sorted)
        for (RowId r = from; r < to; ++r)
            m_rows.push_back(r);
    m_count += to - from;
    m_covered = to;
    endInsertRows();
}

void PacketTableModel::setDisplayedRows(RowList rows, RowId coveredEnd)
{
    beginResetModel();
    ++m_generation;
    m_sorted = false;
    m_filtered = true;
    m_rows = std::move(rows);
    if (m_engine) {
        // Only the rows the filter examined count as covered: rows stored while it ran are
        // still to be filtered, not skipped.
        const PacketStore &store = m_engine->store();
        m_base = store.firstRow();
        m_covered = std::clamp(coveredEnd, m_base, store.size());
        std::erase_if(m_rows, [this](RowId r) { return r < m_base || r >= m_covered; });
    }
    endResetModel();
}

void PacketTableModel::showAllRows()
{
    beginResetModel();
    ++m_generation;
    m_sorted = m_filtered = false;
    m_rows.clear();
    if (m_engine) {
        m_base = m_engine->store().firstRow();
        m_count = m_engine->store().size() - m_base;
        m_covered = m_engine->store().size();
    }
    endResetModel();
}

void PacketTableModel::appendDisplayedRows(const RowList &rows, RowId coveredEnd)
{
    if (!m_filtered || !m_engine)
        return;
    // Rows below the coverage are shown already (or were retired): never twice.
    const auto from = std::lower_bound(rows.begin(), rows.end(), m_covered);
    const auto to = std::lower_bound(from, rows.end(), coveredEnd);
    if (from != to) {
        const int firstView = rowCount();
        beginInsertRows({}, firstView, firstView + static_cast<int>(to - from) - 1);
        m_rows.insert(m_rows.end(), from, to);
        endInsertRows();
    }
    // A pass that matched nothing still examined its rows: the next one starts after them.
    m_covered = std::max(m_covered, std::min(coveredEnd, m_engine->store().size()));
}

RowList PacketTableModel::displayedStoreRows() const
{
    RowList rows;
    if (m_filtered || m_sorted) {
        rows = m_rows;
        if (m_sorted)
            std::sort(rows.begin(), rows.end());
    } else {
        rows.resize(m_count);
        for (std::size_t i = 0; i < m_count; ++i)
            rows[i] = m_base + i;
    }
    return rows;
}

void PacketTableModel::setTimeFormat(TimeFormat format)
{
    if (format == m_timeFormat)
        return;
    m_timeFormat = format;
    if (rowCount())
        Q_EMIT dataChanged(index(0, Time), index(rowCount() - 1, Time), {Qt::DisplayRole});
    Q_EMIT headerDataChanged(Qt::Horizontal, Time, Time);
}

void PacketTableModel::setDarkPalette(bool dark)
{
    m_dark = dark;
    if (rowCount())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1),
                           {Qt::BackgroundRole});
}

int PacketTableModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid())
        return 0;
    return static_cast<int>(m_filtered || m_sorted ? m_rows.size() : m_count);
}

int PacketTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

qint64 PacketTableModel::storeRow(int viewRow) const
{
    if (viewRow < 0 || viewRow >= rowCount())
        return -1;
    return static_cast<qint64>(m_filtered || m_sorted ? m_rows[static_cast<std::size_t>(viewRow)]
                                                      : m_base + static_cast<RowId>(viewRow));
}

int PacketTableModel::viewRow(qint64 row) const
{
    if (row < 0)
        return -1;
    if (!m_filtered && !m_sorted) {
        const auto r = static_cast<RowId>(row);
        return r >= m_base && r < m_base + m_count ? static_cast<int>(r - m_base) : -1;
    }
    const auto r = static_cast<RowId>(row);
    if (!m_sorted) { // filtered rows stay in store order
        const auto it = std::lower_bound(m_rows.begin(), m_rows.end(), r);
        return it != m_rows.end() && *it == r ? static_cast<int>(it - m_rows.begin()) : -1;
    }
    const auto it = std::find(m_rows.begin(), m_rows.end(), r);
    return it != m_rows.end() ? static_cast<int>(it - m_rows.begin()) : -1;
}

const PacketRecord *PacketTableModel::record(int viewRow) const
{
    const qint64 row = storeRow(viewRow);
    if (row < 0 || !m_engine)
        return nullptr;
    // A row may have been retired an instant ago: find() says so.
    return m_engine->store().find(static_cast<RowId>(row));
}

QString PacketTableModel::timeText(int viewRow, const PacketRecord &r) const
{
    const bool nano = r.flags & pktflag::Nanosecond;
    switch (m_timeFormat) {
    case TimeFormat::Absolute: {
        const QDateTime t = QDateTime::fromMSecsSinceEpoch(r.tsNs / 1000000);
        const std::int64_t sub = ((r.tsNs % 1000000000) + 1000000000) % 1000000000;
        return t.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.")) +
               QStringLiteral("%1").arg(nano ? sub : sub / 1000, nano ? 9 : 6, 10,
                                        QLatin1Char('0'));
    }
    case TimeFormat::Delta: {
        const PacketRecord *prev = viewRow > 0 ? record(viewRow - 1) : nullptr;
        return seconds(prev ? r.tsNs - prev->tsNs : 0, nano);
    }
    case TimeFormat::Relative: break;
    }
    const PacketStore &store = m_engine->store();
    const PacketRecord *first = store.find(store.firstRow());
    const std::int64_t origin = first ? first->tsNs : r.tsNs;
    return seconds(r.tsNs - origin, nano);
}

QString PacketTableModel::infoText(RowId row, const PacketRecord &r) const
{
    if (const QString *cached = m_infoCache.object(row))
        return *cached;
    if (m_bytes && m_bytes->read(r, m_scratch)) {
        auto *text = new QString(
            QString::fromStdString(packetInfo(m_scratch.data(), r.capLen, r.wireLen, r.linkType)));
        const QString copy = *text;
        m_infoCache.insert(row, text);
        return copy;
    }
    // Bytes not on disk yet (a live capture flushes every second): say what the row knows.
    if (r.flags & pktflag::HasPorts)
        return QStringLiteral("%1 → %2").arg(r.srcPort).arg(r.dstPort);
    return latin(transportName(r.transport));
}

QColor PacketTableModel::background(const PacketRecord &r) const
{
    // Wireshark's default colouring rules in spirit, toned down; a darker set for dark themes.
    struct Pair {
        QRgb light, dark;
    };
    static constexpr Pair kTcp{0xe7e6ff, 0x2f2d4d}, kUdp{0xdaeeff, 0x1f3447},
        kHttp{0xe4ffc7, 0x2c4620}, kIcmp{0xfce0ff, 0x48294a}, kArp{0xfaf0d7, 0x4a4128},
        kSynFin{0xdcdcdc, 0x3a3a3a}, kRst{0xf6c8c8, 0x5a2626}, kBad{0xffd0d0, 0x602020},
        kRouting{0xfff3d6, 0x4a4330};
    Pair p{0, 0};
    if (r.flags & (pktflag::Malformed))
        p = kBad;
    else if (r.transport == Transport::TCP && (r.tcpFlags & 0x04))
        p = kRst;
    else if (r.transport == Transport::TCP && (r.tcpFlags & 0x03))
        p = kSynFin;
    else if (r.transport == Transport::TCP || r.transport == Transport::UDP) {
        const std::string_view proto = m_engine->protocolName(r);
        if (proto == "HTTP")
            p = kHttp;
        else
            p = r.transport == Transport::TCP ? kTcp : kUdp;
    } else if (r.transport == Transport::ICMP || r.transport == Transport::ICMPv6)
        p = kIcmp;
    else if (r.transport == Transport::ARP)
        p = kArp;
    else if (r.transport == Transport::OSPF || r.transport == Transport::EIGRP ||
             r.transport == Transport::PIM || r.transport == Transport::VRRP ||
             r.transport == Transport::IGMP)
        p = kRouting;
    if (!p.light)
        return {};
    return QColor::fromRgb(m_dark ? p.dark : p.light);
}

QString PacketTableModel::cellText(int viewRow, int column) const
{
    const PacketRecord *r = record(viewRow);
    if (!r)
        return {};
    const AddressTable &addr = m_engine->addresses();
    switch (column) {
    case Number: return QString::number(r->frameNumber());
    case Time: return timeText(viewRow, *r);
    case Source: return latin(addr.text(r->src));
    case Destination: return latin(addr.text(r->dst));
    case Protocol: return latin(m_engine->protocolName(*r));
    case Length: return QString::number(r->wireLen);
    case Info: return infoText(static_cast<RowId>(storeRow(viewRow)), *r);
    default: return {};
    }
}

QVariant PacketTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || !m_engine)
        return {};
    const PacketRecord *r = record(index.row());
    if (!r)
        return {};
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        if (role == Qt::ToolTipRole && index.column() != Info)
            return {};
        return cellText(index.row(), index.column());
    case Qt::BackgroundRole: {
        const QColor c = background(*r);
        return c.isValid() ? QVariant(c) : QVariant();
    }
    case Qt::TextAlignmentRole:
        if (index.column() == Number || index.column() == Length)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case FilterExpressionRole: return filterExpression(*r, index.column());
    case StoreRowRole: return storeRow(index.row());
    case SortRole:
        switch (index.column()) {
        case Number: return static_cast<qulonglong>(r->frameNumber());
        case Time: return static_cast<qlonglong>(r->tsNs);
        case Length: return static_cast<qulonglong>(r->wireLen);
        default: return cellText(index.row(), index.column());
        }
    default: return {};
    }
}

QString PacketTableModel::filterExpression(const PacketRecord &r, int column) const
{
    const AddressTable &addr = m_engine->addresses();
    const auto host = [&](std::uint32_t id, const char *dir) -> QString {
        if (id == kNoAddress)
            return {};
        const bool mac = addr.at(id).family == Address::Mac;
        return QLatin1String(mac ? "ether " : "") + QLatin1String(dir) + QStringLiteral("host ") +
               latin(addr.text(id));
    };
    const QString transport = latin(transportName(r.transport)).toLower();
    switch (column) {
    case Source: return host(r.src, "src ");
    case Destination: return host(r.dst, "dst ");
    case Length: return QStringLiteral("len = %1").arg(r.wireLen);
    case Protocol:
    case Info:
        if ((r.flags & pktflag::HasPorts) &&
            (r.transport == Transport::TCP || r.transport == Transport::UDP ||
             r.transport == Transport::SCTP))
            return QStringLiteral("%1 port %2").arg(transport).arg(std::min(r.srcPort, r.dstPort));
        if (r.transport == Transport::ICMPv6)
            return QStringLiteral("icmp6");
        if (isIpTransport(r.transport) && r.transport != Transport::OtherIP)
            return transport == QLatin1String("ipv4") ? QStringLiteral("ip proto 4") : transport;
        if (r.transport == Transport::ARP)
            return QStringLiteral("arp");
        return {};
    default: return {};
    }
}

QVariant PacketTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Number: return tr("No.");
    case Time:
        switch (m_timeFormat) {
        case TimeFormat::Absolute: return tr("Time");
        case TimeFormat::Delta: return tr("Delta");
        case TimeFormat::Relative: return tr("Time (s)");
        }
        return tr("Time");
    case Source: return tr("Source");
    case Destination: return tr("Destination");
    case Protocol: return tr("Protocol");
    case Length: return tr("Length");
    case Info: return tr("Info");
    default: return {};
    }
}

void PacketTableModel::sort(int column, Qt::SortOrder order)
{
    if (!m_engine || column < 0 || column >= ColumnCount)
        return;
    // Snapshot what is shown now; rows that arrive while sorting are appended afterwards.
    RowList rows;
    if (m_filtered || m_sorted)
        rows = m_rows;
    else {
        rows.resize(m_count);
        for (std::size_t i = 0; i < m_count; ++i)
            rows[i] = m_base + i;
    }
    const quint64 generation = m_generation;
    Q_EMIT sortingStarted();
    auto *watcher = new QFutureWatcher<RowList>(this);
    connect(watcher, &QFutureWatcherBase::finished, this,
            [this, watcher, generation, column, order] {
                // Taken, not copied: the future would otherwise keep a second list until the
                // next sort (160 MB for 20 M rows).
                applySorted(generation, watcher->future().takeResult(), column, order);
                watcher->deleteLater();
            });
    const Engine *engine = m_engine;
    auto bytes = m_bytes;
    m_sortJob = QtConcurrent::run([engine, bytes, rows = std::move(rows), column, order]() mutable {
        TableSorter::sortRows(*engine, bytes.get(), rows, column, order == Qt::DescendingOrder);
        return std::move(rows);
    });
    watcher->setFuture(m_sortJob);
}

void PacketTableModel::waitForSort()
{
    if (m_sortJob.isValid()) // not once its result was taken: waiting would never return
        m_sortJob.waitForFinished();
}

void PacketTableModel::applySorted(quint64 generation, RowList order, int, Qt::SortOrder)
{
    if (generation != m_generation) {
        Q_EMIT sortingFinished();
        return; // the model was reset meanwhile
    }
    beginResetModel();
    const std::size_t snapshot = order.size();
    const std::size_t shown = m_filtered || m_sorted ? m_rows.size() : m_count;
    for (std::size_t i = snapshot; i < shown; ++i) // rows that came in during the sort
        order.push_back(m_filtered || m_sorted ? m_rows[i] : m_base + i);
    m_rows = std::move(order);
    m_sorted = true;
    endResetModel();
    Q_EMIT sortingFinished();
}

} // namespace netlens
