// SPDX-License-Identifier: GPL-3.0-or-later
#include "notify/notifydatabase.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>

namespace netlens {

namespace {
constexpr int kSchemaVersion = 1;
} // namespace

NotifyDatabase::NotifyDatabase(QString path)
    : m_path(std::move(path))
    // Unique while this object lives, which is as long as the connection does.
    , m_connection(QStringLiteral("netlens-notify-%1").arg(quintptr(this), 0, 16))
{
}

NotifyDatabase::~NotifyDatabase()
{
    if (QSqlDatabase::contains(m_connection)) {
        {
            QSqlDatabase db = QSqlDatabase::database(m_connection, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_connection);
    }
}

QSqlDatabase NotifyDatabase::database() const
{
    return QSqlDatabase::database(m_connection, false);
}

bool NotifyDatabase::isOpen() const
{
    return QSqlDatabase::contains(m_connection) && database().isOpen();
}

QString NotifyDatabase::errorText(const QString &what) const
{
    return QStringLiteral("%1: %2").arg(m_path, what);
}

bool NotifyDatabase::exec(const QString &sql, QString &error)
{
    QSqlQuery q(database());
    if (!q.exec(sql)) {
        error = errorText(q.lastError().text());
        return false;
    }
    return true;
}

bool NotifyDatabase::open(QString &error)
{
    if (isOpen())
        return true;
    const QFileInfo info(m_path);
    if (!QDir().mkpath(info.absolutePath())) {
        error =
            errorText(QStringLiteral("cannot create the directory %1").arg(info.absolutePath()));
        return false;
    }
    QSqlDatabase db = QSqlDatabase::contains(m_connection)
                          ? QSqlDatabase::database(m_connection, false)
                          : QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    if (!db.isValid()) {
        error = errorText(QStringLiteral("the Qt SQLite driver (QSQLITE) is not available"));
        return false;
    }
    db.setDatabaseName(m_path);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!db.open()) {
        error = errorText(db.lastError().text());
        return false;
    }
    QSqlQuery version(db);
    if (!version.exec(QStringLiteral("PRAGMA user_version")) || !version.next()) {
        error = errorText(
            QStringLiteral("not an SQLite database (%1)").arg(version.lastError().text()));
        db.close();
        return false;
    }
    if (version.value(0).toInt() > kSchemaVersion) {
        error = errorText(QStringLiteral("made by a newer NetLens (schema %1, this one knows %2)")
                              .arg(version.value(0).toInt())
                              .arg(kSchemaVersion));
        db.close();
        return false;
    }
    version.finish();
    const char *const statements[] = {
        "PRAGMA journal_mode=WAL",
        "PRAGMA synchronous=NORMAL",
        // The history: one row per alert uid; an update or release rewrites it.
        "CREATE TABLE IF NOT EXISTS alerts ("
        " id INTEGER PRIMARY KEY AUTOINCREMENT, uid TEXT NOT NULL UNIQUE,"
        " kind TEXT NOT NULL, severity INTEGER NOT NULL, severity_name TEXT NOT NULL,"
        " state TEXT NOT NULL, key TEXT NOT NULL, summary TEXT NOT NULL,"
        " start_ns INTEGER NOT NULL, end_ns INTEGER NOT NULL, last_ns INTEGER NOT NULL,"
        " json TEXT NOT NULL, acknowledged INTEGER NOT NULL DEFAULT 0,"
        " email_status INTEGER NOT NULL DEFAULT 0, webhook_status INTEGER NOT NULL DEFAULT 0,"
        " delivery_error TEXT NOT NULL DEFAULT '', stored_ms INTEGER NOT NULL)",
        "CREATE INDEX IF NOT EXISTS alerts_start ON alerts(start_ns)",
        // The outbox: one row per (alert or digest, channel).
        "CREATE TABLE IF NOT EXISTS outbox ("
        " id INTEGER PRIMARY KEY AUTOINCREMENT, uid TEXT NOT NULL, channel INTEGER NOT NULL,"
        " is_digest INTEGER NOT NULL DEFAULT 0, payload TEXT NOT NULL,"
        " status INTEGER NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,"
        " created_ms INTEGER NOT NULL, next_ms INTEGER NOT NULL,"
        " last_error TEXT NOT NULL DEFAULT '', digest_uid TEXT NOT NULL DEFAULT '',"
        " done_ms INTEGER NOT NULL DEFAULT 0, UNIQUE(uid, channel))",
        "CREATE INDEX IF NOT EXISTS outbox_due ON outbox(channel, status, next_ms)",
    };
    for (const char *sql : statements)
        if (!exec(QString::fromLatin1(sql), error)) {
            db.close();
            return false;
        }
    return exec(QStringLiteral("PRAGMA user_version=%1").arg(kSchemaVersion), error);
}

} // namespace netlens
