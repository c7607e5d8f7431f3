// SPDX-License-Identifier: GPL-3.0-or-later
#include "desktopnotifier.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QVariantMap>

namespace netlens {

namespace {
const QString kService = QStringLiteral("org.freedesktop.Notifications");
const QString kPath = QStringLiteral("/org/freedesktop/Notifications");
} // namespace

DesktopNotifier::DesktopNotifier(QObject *parent)
    : QObject(parent)
{
}

bool DesktopNotifier::isAvailable()
{
    const QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected() || !bus.interface())
        return false;
    // Activatable services count too: the daemon starts on the first call.
    if (bus.interface()->isServiceRegistered(kService))
        return true;
    const QStringList activatable = bus.interface()->activatableServiceNames();
    return activatable.contains(kService);
}

void DesktopNotifier::notify(const QString &title, const QString &body, Severity severity)
{
    QDBusMessage call =
        QDBusMessage::createMethodCall(kService, kPath, kService, QStringLiteral("Notify"));
    // The spec's urgency: 0 low, 1 normal, 2 critical (critical ones stay until closed).
    const uchar urgency = severity == Severity::Critical  ? 2
                          : severity == Severity::Warning ? 1
                                                          : 0;
    QVariantMap hints;
    hints.insert(QStringLiteral("urgency"), QVariant::fromValue(urgency));
    hints.insert(QStringLiteral("desktop-entry"), QStringLiteral("netlens"));
    call << QStringLiteral("NetLens") << uint(0) << QStringLiteral("netlens") << title << body
         << QStringList() << hints << int(-1);
    auto *watcher =
        new QDBusPendingCallWatcher(QDBusConnection::sessionBus().asyncCall(call), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this](QDBusPendingCallWatcher *w) {
        const QDBusPendingReply<uint> reply = *w;
        if (reply.isError())
            Q_EMIT failed(tr("Desktop notification failed: %1").arg(reply.error().message()));
        else
            Q_EMIT shown(reply.value());
        w->deleteLater();
    });
}

} // namespace netlens
