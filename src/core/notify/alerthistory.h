// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "notify/alertrecord.h"

#include <QList>

namespace netlens {

class NotifyDatabase;

/**
 * Every alert, in the `alerts` table of the notify database: upserted by uid (an update or
 * release rewrites the row but keeps its id, acknowledgement and delivery state), listed
 * newest first through a HistoryFilter, acknowledged, cleared and exported as CSV.
 */
class AlertHistory {
public:
    explicit AlertHistory(NotifyDatabase &db);

    /// Stores the alert; `created` tells whether the uid was new. False on a database error.
    /// `json`: the alert's JSON text (alertToJson), which the caller has made already.
    bool upsert(const Alert &alert, const QByteArray &json, AlertRecord &record, bool &created,
                QString &error);
    std::optional<AlertRecord> find(const QString &uid) const;
    QList<AlertRecord> list(const HistoryFilter &filter) const;
    bool setStatus(const QString &uid, Channel channel, DeliveryStatus status,
                   const QString &error);
    bool acknowledge(qint64 id);
    bool clear();
    /// RFC 4180 CSV of list(filter), cells made spreadsheet-safe by CsvWriter. The message
    /// names the file.
    bool exportCsv(const QString &path, const HistoryFilter &filter, QString &error) const;

private:
    NotifyDatabase &m_db;
};

} // namespace netlens
