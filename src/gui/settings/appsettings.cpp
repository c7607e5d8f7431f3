// SPDX-License-Identifier: GPL-3.0-or-later
#include "appsettings.h"

#include <QCoreApplication>
#include <QSettings>

namespace netlens {

AppSettings AppSettings::load(const QSettings &s)
{
    AppSettings a;
    a.dataDir = s.value(QStringLiteral("capture/dataDir"), a.dataDir).toString();
    a.defaultInterface = s.value(QStringLiteral("capture/defaultInterface")).toString();
    a.snapLen = s.value(QStringLiteral("capture/snapLen"), a.snapLen).toInt();
    a.bufferMiB = s.value(QStringLiteral("capture/bufferMiB"), a.bufferMiB).toInt();
    a.promiscuous = s.value(QStringLiteral("capture/promiscuous"), a.promiscuous).toBool();
    a.storeCapacity =
        s.value(QStringLiteral("capture/storeCapacity"), a.storeCapacity).toLongLong();
    a.timeFormat = s.value(QStringLiteral("view/timeFormat"), a.timeFormat).toInt();
    a.language = s.value(QStringLiteral("view/language")).toString();
    a.theme = s.value(QStringLiteral("view/theme")).toString();
    return a;
}

AppSettings AppSettings::load()
{
    return load(QSettings());
}

void AppSettings::save() const
{
    QSettings s;
    save(s);
}

void AppSettings::save(QSettings &s) const
{
    s.setValue(QStringLiteral("capture/dataDir"), dataDir);
    s.setValue(QStringLiteral("capture/defaultInterface"), defaultInterface);
    s.setValue(QStringLiteral("capture/snapLen"), snapLen);
    s.setValue(QStringLiteral("capture/bufferMiB"), bufferMiB);
    s.setValue(QStringLiteral("capture/promiscuous"), promiscuous);
    s.setValue(QStringLiteral("capture/storeCapacity"), storeCapacity);
    s.setValue(QStringLiteral("view/timeFormat"), timeFormat);
    s.setValue(QStringLiteral("view/language"), language);
    s.setValue(QStringLiteral("view/theme"), theme);
}

CaptureSettings AppSettings::captureSettings(const QString &interface, const QString &filter) const
{
    CaptureSettings c;
    c.interface = interface.toStdString();
    c.filter = filter.toStdString();
    c.snapLen = snapLen;
    c.bufferMiB = bufferMiB;
    c.promiscuous = promiscuous;
    c.outputDir = dataDir.toStdString();
    c.storeCapacity = static_cast<std::size_t>(storeCapacity);
    c.executablePath = QCoreApplication::applicationFilePath().toStdString();
    return c;
}

} // namespace netlens
