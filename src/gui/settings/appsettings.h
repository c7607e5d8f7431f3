// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "capture/capturesettings.h"
#include "notify/notifysettings.h"
#include "web/websettings.h"

#include <QString>

class QSettings;

namespace netlens {

/// The user's preferences, as a value: loaded from and saved to QSettings here (with
/// WindowState, the only GUI code that touches QSettings), handed to whatever needs them.
struct AppSettings {
    QString dataDir = QStringLiteral("data");
    QString defaultInterface; ///< empty: the first interface that is up
    int snapLen = 262144;
    int bufferMiB = 16;
    bool promiscuous = true;
    qint64 storeCapacity = 5'000'000;
    /// Flows, hosts and conversations held in memory (0: no limit) and the idle time after
    /// which a flow is folded into the totals (0: never); see MemoryLimits.
    qint64 maxFlows = 1'000'000;
    qint64 maxHosts = 1'000'000;
    qint64 maxConversations = 1'000'000;
    int flowTimeoutS = 300;
    int timeFormat = 0; ///< PacketTableModel::TimeFormat
    QString language;   ///< "", "en" or "zh_CN" ("" follows the system)
    QString theme;      ///< "", "light" or "dark" ("" follows the system)
    /// E-mail and webhook delivery. The SMTP password and the webhook secret are never saved
    /// here (they stay empty in QSettings): they live in the keychain.
    NotifySettings notify;
    Severity trayMinSeverity = Severity::Warning; ///< desktop notifications from this up
    bool trayNoticeShown = false; ///< "NetLens keeps running in the tray" was said once
    /// The web dashboard: where it listens and its token (a local credential, kept here and
    /// shown in the settings so it can be copied to the other screen).
    WebSettings web;
    bool webAutoStart = false; ///< start the dashboard with the window
    /// IPFIX flow export of live captures (IpfixSettings): off by default.
    bool ipfixEnabled = false;
    QString ipfixCollector = QStringLiteral("127.0.0.1:4739");
    int ipfixIdleS = 15;
    int ipfixActiveS = 1800;
    qint64 ipfixDomain = 1;
    /// The traffic history live captures record in dataDir/netlens.db (HistorySettings).
    bool historyEnabled = true;
    int historyMinuteDays = 7;
    int historyHourDays = 90;
    int historyDayDays = 365;
    int historyHosts = 100;

    static AppSettings load(const QSettings &settings);
    /// From the application's settings (organisation and application name).
    static AppSettings load();
    void save(QSettings &settings) const;
    void save() const;
    /// Capture settings for `interface` with `filter`, from these preferences.
    CaptureSettings captureSettings(const QString &interface, const QString &filter) const;
    /// Where the history is (dataDir/netlens.db) and how long it is kept; no local addresses.
    HistorySettings historySettings() const;
    /// The memory caps and flow timeout as the engine takes them.
    MemoryLimits memoryLimits() const;
    bool operator==(const AppSettings &) const = default;
};

} // namespace netlens
