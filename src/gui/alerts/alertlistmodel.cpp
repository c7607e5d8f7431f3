// SPDX-License-Identifier: GPL-3.0-or-later
#include "alertlistmodel.h"

#include <QDateTime>
#include <QFont>
#include <QIcon>

namespace netlens {

AlertListModel::AlertListModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

int AlertListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int AlertListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString AlertListModel::severityText(netlens::Severity severity)
{
    switch (severity) {
    case Severity::Info: return tr("Info");
    case Severity::Warning: return tr("Warning");
    case Severity::Critical: return tr("Critical");
    }
    return {};
}

QString AlertListModel::kindText(AlertKind kind)
{
    switch (kind) {
    case AlertKind::Threshold: return tr("Threshold");
    case AlertKind::PortScan: return tr("Port scan");
    case AlertKind::HostSweep: return tr("Host sweep");
    case AlertKind::SynFlood: return tr("SYN flood");
    case AlertKind::IcmpFlood: return tr("ICMP flood");
    case AlertKind::TrafficSpike: return tr("Traffic spike");
    case AlertKind::NewHost: return tr("New host");
    case AlertKind::Blacklist: return tr("Blacklisted address");
    }
    return {};
}

QString AlertListModel::deliveryText(DeliveryStatus status)
{
    switch (status) {
    case DeliveryStatus::None: return QStringLiteral("—");
    case DeliveryStatus::Pending: return tr("Pending");
    case DeliveryStatus::Retrying: return tr("Retrying");
    case DeliveryStatus::Delivered: return tr("Delivered");
    case DeliveryStatus::Failed: return tr("Failed");
    case DeliveryStatus::Suppressed: return tr("Not sent");
    }
    return {};
}

QString AlertListModel::timeText(std::int64_t ns)
{
    // Capture time shown in local time: what the user compares with the clock on the wall.
    return QDateTime::fromMSecsSinceEpoch(ns / 1'000'000)
        .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

static QIcon severityIcon(Severity severity)
{
    switch (severity) {
    case Severity::Info: return QIcon(QStringLiteral(":/icons/severity-info.svg"));
    case Severity::Warning: return QIcon(QStringLiteral(":/icons/severity-warning.svg"));
    case Severity::Critical: return QIcon(QStringLiteral(":/icons/severity-critical.svg"));
    }
    return {};
}

QVariant AlertListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const AlertRecord &r = m_rows.at(index.row());
    const Alert &a = r.alert;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Time: return timeText(a.startNs);
        case Severity: return severityText(a.severity);
        case Type: return kindText(a.kind);
        case Key: return a.key;
        case Summary: return a.isEngaged() ? a.summary : tr("%1 (released)").arg(a.summary);
        case Email: return deliveryText(r.email);
        case Webhook: return deliveryText(r.webhook);
        }
        break;
    case Qt::DecorationRole:
        if (index.column() == Severity)
            return severityIcon(a.severity);
        break;
    case Qt::ToolTipRole:
        if ((index.column() == Email || index.column() == Webhook) && !r.deliveryError.isEmpty())
            return r.deliveryError;
        if (index.column() == Summary || index.column() == Key) // both are often elided
            return a.displayFilter.isEmpty()
                       ? a.summary
                       : tr("%1\nPackets: %2").arg(a.summary, a.displayFilter);
        break;
    case Qt::FontRole:
        if (!r.acknowledged) { // unacknowledged rows stand out until someone has seen them
            QFont f;
            f.setBold(true);
            return f;
        }
        break;
    case SeverityRole: return static_cast<int>(a.severity);
    case AcknowledgedRole: return r.acknowledged;
    case UidRole: return a.uid;
    case FilterTextRole:
        return QStringList{kindText(a.kind), alertKindName(a.kind), a.key, a.summary, a.ruleName,
                           a.ruleId}
            .join(QLatin1Char('\n'));
    default: break;
    }
    return {};
}

QVariant AlertListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Time: return tr("Time");
    case Severity: return tr("Severity");
    case Type: return tr("Type");
    case Key: return tr("Key");
    case Summary: return tr("Summary");
    case Email: return tr("E-mail");
    case Webhook: return tr("Webhook");
    }
    return {};
}

void AlertListModel::addAlerts(const QList<Alert> &alerts)
{
    QList<AlertRecord> fresh;
    for (const Alert &a : alerts) {
        const int row = m_byUid.value(a.uid, -1);
        if (row >= 0) {
            m_rows[row].alert = a;
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
            continue;
        }
        // A uid new in this batch and seen twice in it: the later copy wins.
        auto same = std::find_if(fresh.begin(), fresh.end(),
                                 [&](const AlertRecord &r) { return r.alert.uid == a.uid; });
        if (same != fresh.end()) {
            same->alert = a;
            continue;
        }
        AlertRecord r;
        r.alert = a;
        fresh.prepend(r);
    }
    if (fresh.isEmpty())
        return;
    beginInsertRows({}, 0, static_cast<int>(fresh.size()) - 1);
    m_rows = fresh + m_rows;
    reindex();
    endInsertRows();
    recount();
}

void AlertListModel::upsertRecord(const AlertRecord &record)
{
    const int row = m_byUid.value(record.alert.uid, -1);
    if (row >= 0) {
        m_rows[row] = record;
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    } else {
        beginInsertRows({}, 0, 0);
        m_rows.prepend(record);
        reindex();
        endInsertRows();
    }
    recount();
}

void AlertListModel::setRecords(const QList<AlertRecord> &records)
{
    beginResetModel();
    m_rows = records;
    reindex();
    endResetModel();
    recount();
}

void AlertListModel::setDelivery(const QString &uid, Channel channel, DeliveryStatus status,
                                 const QString &message)
{
    const int row = m_byUid.value(uid, -1);
    if (row < 0)
        return;
    AlertRecord &r = m_rows[row];
    (channel == Channel::Email ? r.email : r.webhook) = status;
    if (status == DeliveryStatus::Failed || status == DeliveryStatus::Retrying)
        r.deliveryError = message;
    const int column = channel == Channel::Email ? Email : Webhook;
    Q_EMIT dataChanged(index(row, column), index(row, column));
}

QList<AlertRecord> AlertListModel::acknowledge(const QList<int> &rows)
{
    QList<AlertRecord> changed;
    for (int row : rows) {
        if (row < 0 || row >= m_rows.size() || m_rows[row].acknowledged)
            continue;
        m_rows[row].acknowledged = true;
        changed << m_rows[row];
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
    if (!changed.isEmpty())
        recount();
    return changed;
}

QList<AlertRecord> AlertListModel::acknowledgeAll()
{
    QList<int> rows;
    for (int i = 0; i < m_rows.size(); ++i)
        rows << i;
    return acknowledge(rows);
}

void AlertListModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_byUid.clear();
    endResetModel();
    recount();
}

void AlertListModel::reindex()
{
    m_byUid.clear();
    m_byUid.reserve(m_rows.size());
    for (int i = 0; i < m_rows.size(); ++i)
        m_byUid.insert(m_rows[i].alert.uid, i);
}

void AlertListModel::recount()
{
    const int n = static_cast<int>(std::count_if(
        m_rows.cbegin(), m_rows.cend(), [](const AlertRecord &r) { return !r.acknowledged; }));
    if (n == m_unacknowledged)
        return;
    m_unacknowledged = n;
    Q_EMIT unacknowledgedCountChanged(n);
}

} // namespace netlens
