// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "notify/alerthub.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

namespace netlens {

/**
 * The alert panel's rows: one per alert uid, newest first, with its delivery state and the
 * user's acknowledgement. Fed in batches (the session's alertsReady, the hub's history and
 * record changes); an update of a known uid changes its row in place.
 */
class AlertListModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AlertListModel)

public:
    enum Column { Time, Severity, Type, Key, Summary, Email, Webhook, ColumnCount };
    /// Roles besides the display ones, for the filter proxy and the tests.
    enum Role {
        SeverityRole = Qt::UserRole + 1, ///< int(netlens::Severity)
        AcknowledgedRole,                ///< bool
        UidRole,                         ///< QString
        FilterTextRole,                  ///< the row's text the filter line searches
    };

    explicit AlertListModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    /// New, updated or released alerts (by uid); unknown uids become new rows at the top.
    void addAlerts(const QList<Alert> &alerts);
    /// A record from the history (by uid): replaces the row's alert and marks, or adds it.
    void upsertRecord(const AlertRecord &record);
    /// Replaces every row with `records` (the history, newest first).
    void setRecords(const QList<AlertRecord> &records);
    void setDelivery(const QString &uid, Channel channel, DeliveryStatus status,
                     const QString &message);
    /// Marks rows acknowledged; returns those that were not, as they are now.
    QList<AlertRecord> acknowledge(const QList<int> &rows);
    QList<AlertRecord> acknowledgeAll();
    void clear();

    const AlertRecord &record(int row) const { return m_rows.at(row); }
    int rowOfUid(const QString &uid) const { return m_byUid.value(uid, -1); }
    int unacknowledgedCount() const { return m_unacknowledged; }

    /// Localised names, shared with the CSV export and the tray.
    static QString severityText(netlens::Severity severity);
    static QString kindText(AlertKind kind);
    static QString deliveryText(DeliveryStatus status);
    static QString timeText(std::int64_t ns);

Q_SIGNALS:
    void unacknowledgedCountChanged(int count);

private:
    void reindex();
    void recount();

    QList<AlertRecord> m_rows; ///< newest first
    QHash<QString, int> m_byUid;
    int m_unacknowledged = 0;
};

} // namespace netlens
