// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "alerts/alert.h"

#include <QObject>

namespace netlens {

/**
 * Desktop notifications through org.freedesktop.Notifications on the session bus, called
 * directly over Qt D-Bus: on Debian 12's Qt 6.4 QSystemTrayIcon::showMessage() only uses
 * that service when a StatusNotifier host is also there, and draws its own balloon
 * otherwise, so asking the service ourselves reaches every notification daemon (and works
 * without a tray at all).
 */
class DesktopNotifier final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DesktopNotifier)

public:
    explicit DesktopNotifier(QObject *parent = nullptr);
    /// A notification service is registered on the session bus now.
    static bool isAvailable();
    /// Sends one notification (asynchronously); shown() or failed() follows.
    void notify(const QString &title, const QString &body, Severity severity);

Q_SIGNALS:
    void shown(uint id);
    void failed(const QString &message);
};

} // namespace netlens
