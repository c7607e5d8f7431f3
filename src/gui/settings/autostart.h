// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace netlens {

/**
 * "Start at login": the XDG autostart entry (autostart/netlens.desktop under the user's
 * config folder, as the Desktop Application Autostart Specification says) that starts NetLens
 * in the tray when the session starts. The file is the state: there is no setting besides it,
 * so removing it by hand is the same as unchecking the box.
 */
class Autostart {
    Q_DECLARE_TR_FUNCTIONS(Autostart)

public:
    /// The entry `configHome`/autostart/netlens.desktop runs `executable`.
    Autostart(const QString &configHome, const QString &executable);
    /// The user's entry: $XDG_CONFIG_HOME (when set and absolute, as the spec wants) or
    /// ~/.config; the running executable.
    static Autostart forUser();

    QString path() const { return m_path; }
    /// An entry is there and not disabled (Hidden=true).
    bool isEnabled() const;
    /// The entry also starts a capture (-k) on the default interface.
    bool capturesAtLogin() const;
    /// The arguments the entry runs: --tray, and -k when `capture`.
    static QStringList arguments(bool capture);
    /// Writes the entry atomically (QSaveFile), creating the folder. False with `error`
    /// naming the file.
    bool enable(bool capture, QString &error) const;
    /// Removes the entry (no entry is fine). False with `error` naming the file.
    bool disable(QString &error) const;
    /// The Exec line for `program` and `args`, quoted as the Desktop Entry spec says.
    static QString execLine(const QString &program, const QStringList &args);
    /// The command the entry there runs (its Exec, unquoted into words); empty when none.
    QStringList command() const;

private:
    QString m_path;
    QString m_executable;
};

} // namespace netlens
