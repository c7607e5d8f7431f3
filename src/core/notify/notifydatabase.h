// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSqlDatabase>
#include <QString>

namespace netlens {

/**
 * The SQLite file that holds the alert history and the outbox (data/netlens.db). Each
 * instance opens its own named Qt SQL connection (never the default one, so two hubs or a
 * hub and a test can share a process), in WAL mode so a reader does not block the writer.
 * Tables are created when missing; `user_version` records the schema for later migrations.
 */
class NotifyDatabase {
public:
    explicit NotifyDatabase(QString path);
    ~NotifyDatabase();
    NotifyDatabase(const NotifyDatabase &) = delete;
    NotifyDatabase &operator=(const NotifyDatabase &) = delete;

    /// Opens (creating the file and its directory) and makes the schema. The message names
    /// the file.
    bool open(QString &error);
    bool isOpen() const;
    QSqlDatabase database() const;
    const QString &path() const { return m_path; }
    /// "netlens.db: <what the driver said>"
    QString errorText(const QString &what) const;

private:
    bool exec(const QString &sql, QString &error);

    QString m_path;
    QString m_connection;
};

} // namespace netlens
