// SPDX-License-Identifier: GPL-3.0-or-later
#include "appsettings.h"

#include <QCoreApplication>
#include <QDir>
#include <QSettings>

namespace netlens {

static Severity severityValue(const QSettings &s, const QString &key, Severity fallback)
{
    Severity out = fallback;
    return parseSeverity(s.value(key).toString(), out) ? out : fallback;
}

static void loadNotify(const QSettings &s, AppSettings &a)
{
    SmtpSettings &m = a.notify.smtp;
    m.enabled = s.value(QStringLiteral("email/enabled"), m.enabled).toBool();
    m.host = s.value(QStringLiteral("email/host")).toString();
    m.port = s.value(QStringLiteral("email/port"), m.port).toInt();
    const int security = s.value(QStringLiteral("email/security"), int(m.security)).toInt();
    if (security >= 0 && security <= int(SmtpSettings::Security::Tls))
        m.security = static_cast<SmtpSettings::Security>(security);
    m.user = s.value(QStringLiteral("email/user")).toString();
    m.from = s.value(QStringLiteral("email/from")).toString();
    m.to = s.value(QStringLiteral("email/to")).toStringList();
    m.caFile = s.value(QStringLiteral("email/caFile")).toString();
    m.verifyPeer = s.value(QStringLiteral("email/verifyPeer"), m.verifyPeer).toBool();
    WebhookSettings &w = a.notify.webhook;
    w.enabled = s.value(QStringLiteral("webhook/enabled"), w.enabled).toBool();
    w.url = s.value(QStringLiteral("webhook/url")).toString();
    const int format = s.value(QStringLiteral("webhook/format"), int(w.format)).toInt();
    if (format >= 0 && format <= int(WebhookSettings::Format::Discord))
        w.format = static_cast<WebhookSettings::Format>(format);
    a.notify.minSeverity =
        severityValue(s, QStringLiteral("notify/minSeverity"), a.notify.minSeverity);
    a.trayMinSeverity = severityValue(s, QStringLiteral("tray/minSeverity"), a.trayMinSeverity);
    a.trayNoticeShown = s.value(QStringLiteral("tray/noticeShown"), false).toBool();
}

static void saveNotify(QSettings &s, const AppSettings &a)
{
    // No password and no secret: those go to the keychain only (SecretKeeper).
    const SmtpSettings &m = a.notify.smtp;
    s.setValue(QStringLiteral("email/enabled"), m.enabled);
    s.setValue(QStringLiteral("email/host"), m.host);
    s.setValue(QStringLiteral("email/port"), m.port);
    s.setValue(QStringLiteral("email/security"), int(m.security));
    s.setValue(QStringLiteral("email/user"), m.user);
    s.setValue(QStringLiteral("email/from"), m.from);
    s.setValue(QStringLiteral("email/to"), m.to);
    s.setValue(QStringLiteral("email/caFile"), m.caFile);
    s.setValue(QStringLiteral("email/verifyPeer"), m.verifyPeer);
    const WebhookSettings &w = a.notify.webhook;
    s.setValue(QStringLiteral("webhook/enabled"), w.enabled);
    s.setValue(QStringLiteral("webhook/url"), w.url);
    s.setValue(QStringLiteral("webhook/format"), int(w.format));
    s.setValue(QStringLiteral("notify/minSeverity"), severityName(a.notify.minSeverity));
    s.setValue(QStringLiteral("tray/minSeverity"), severityName(a.trayMinSeverity));
    s.setValue(QStringLiteral("tray/noticeShown"), a.trayNoticeShown);
}

AppSettings AppSettings::load(const QSettings &s)
{
    AppSettings a;
    a.dataDir = s.value(QStringLiteral("capture/dataDir"), a.dataDir).toString();
    a.defaultInterface = s.value(QStringLiteral("capture/defaultInterface")).toString();
    // Out of range (a hand-edited file, or 4096 MiB from before the bound): the default.
    const auto bounded = [&s](const char *key, int fallback, int max) {
        const int v = s.value(QLatin1String(key), fallback).toInt();
        return v >= 1 && v <= max ? v : fallback;
    };
    a.snapLen = bounded("capture/snapLen", a.snapLen, kMaxSnapLen);
    a.bufferMiB = bounded("capture/bufferMiB", a.bufferMiB, kMaxBufferMiB);
    a.promiscuous = s.value(QStringLiteral("capture/promiscuous"), a.promiscuous).toBool();
    a.storeCapacity =
        s.value(QStringLiteral("capture/storeCapacity"), a.storeCapacity).toLongLong();
    // Caps out of range (a hand-edited file) fall back to the defaults.
    const auto cap = [&s](const char *key, qint64 fallback) {
        const qint64 v = s.value(QLatin1String(key), fallback).toLongLong();
        return v >= 0 && v <= 4'000'000'000 ? v : fallback;
    };
    a.maxFlows = cap("memory/maxFlows", a.maxFlows);
    a.maxHosts = cap("memory/maxHosts", a.maxHosts);
    a.maxConversations = cap("memory/maxConversations", a.maxConversations);
    const int timeout = s.value(QStringLiteral("memory/flowTimeoutS"), a.flowTimeoutS).toInt();
    if (timeout >= 0 && timeout <= 366 * 86400)
        a.flowTimeoutS = timeout;
    a.timeFormat = s.value(QStringLiteral("view/timeFormat"), a.timeFormat).toInt();
    a.language = s.value(QStringLiteral("view/language")).toString();
    a.theme = s.value(QStringLiteral("view/theme")).toString();
    loadNotify(s, a);
    a.web.address = s.value(QStringLiteral("web/address"), a.web.address).toString();
    const int port = s.value(QStringLiteral("web/port"), a.web.port).toInt();
    if (port > 0 && port < 65536)
        a.web.port = static_cast<quint16>(port);
    a.web.token = s.value(QStringLiteral("web/token")).toString();
    a.webAutoStart = s.value(QStringLiteral("web/autoStart"), a.webAutoStart).toBool();
    a.ipfixEnabled = s.value(QStringLiteral("ipfix/enabled"), a.ipfixEnabled).toBool();
    a.ipfixCollector = s.value(QStringLiteral("ipfix/collector"), a.ipfixCollector).toString();
    a.ipfixIdleS = bounded("ipfix/idleS", a.ipfixIdleS, 3600);
    a.ipfixActiveS = bounded("ipfix/activeS", a.ipfixActiveS, 86400);
    const qint64 domain = s.value(QStringLiteral("ipfix/domain"), a.ipfixDomain).toLongLong();
    if (domain >= 0 && domain <= 2147483647)
        a.ipfixDomain = domain;
    a.historyEnabled = s.value(QStringLiteral("history/enabled"), a.historyEnabled).toBool();
    a.historyMinuteDays = bounded("history/minuteDays", a.historyMinuteDays, 366);
    a.historyHourDays = bounded("history/hourDays", a.historyHourDays, 3660);
    a.historyDayDays = bounded("history/dayDays", a.historyDayDays, 36600);
    a.historyHosts = bounded("history/hostsPerPeriod", a.historyHosts, 100000);
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
    s.setValue(QStringLiteral("memory/maxFlows"), maxFlows);
    s.setValue(QStringLiteral("memory/maxHosts"), maxHosts);
    s.setValue(QStringLiteral("memory/maxConversations"), maxConversations);
    s.setValue(QStringLiteral("memory/flowTimeoutS"), flowTimeoutS);
    s.setValue(QStringLiteral("view/timeFormat"), timeFormat);
    s.setValue(QStringLiteral("view/language"), language);
    s.setValue(QStringLiteral("view/theme"), theme);
    saveNotify(s, *this);
    s.setValue(QStringLiteral("web/address"), web.address);
    s.setValue(QStringLiteral("web/port"), web.port);
    s.setValue(QStringLiteral("web/token"), web.token);
    s.setValue(QStringLiteral("web/autoStart"), webAutoStart);
    s.setValue(QStringLiteral("ipfix/enabled"), ipfixEnabled);
    s.setValue(QStringLiteral("ipfix/collector"), ipfixCollector);
    s.setValue(QStringLiteral("ipfix/idleS"), ipfixIdleS);
    s.setValue(QStringLiteral("ipfix/activeS"), ipfixActiveS);
    s.setValue(QStringLiteral("ipfix/domain"), ipfixDomain);
    s.setValue(QStringLiteral("history/enabled"), historyEnabled);
    s.setValue(QStringLiteral("history/minuteDays"), historyMinuteDays);
    s.setValue(QStringLiteral("history/hourDays"), historyHourDays);
    s.setValue(QStringLiteral("history/dayDays"), historyDayDays);
    s.setValue(QStringLiteral("history/hostsPerPeriod"), historyHosts);
}

HistorySettings AppSettings::historySettings() const
{
    HistorySettings h;
    h.enabled = historyEnabled;
    h.dbPath = QDir(dataDir).filePath(QStringLiteral("netlens.db"));
    h.minuteDays = historyMinuteDays;
    h.hourDays = historyHourDays;
    h.dayDays = historyDayDays;
    h.hostsPerPeriod = historyHosts;
    return h;
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
    c.limits = memoryLimits();
    // A collector that does not parse (a hand-edited file) leaves export off; the settings
    // dialog refuses one.
    std::string why;
    if (ipfixEnabled && parseCollector(ipfixCollector.trimmed().toStdString(),
                                       c.ipfix.collectorHost, c.ipfix.collectorPort, why)) {
        c.ipfix.idleTimeoutNs = std::int64_t{ipfixIdleS} * IpfixSettings::kSecondNs;
        c.ipfix.activeTimeoutNs = std::int64_t{ipfixActiveS} * IpfixSettings::kSecondNs;
        c.ipfix.observationDomain = static_cast<std::uint32_t>(ipfixDomain);
        c.ipfix.maxFlows = c.limits.maxFlows;
    }
    c.executablePath = QCoreApplication::applicationFilePath().toStdString();
    c.history = historySettings();
    c.history.localAddresses = interfaceAddresses(interface);
    return c;
}

MemoryLimits AppSettings::memoryLimits() const
{
    MemoryLimits l;
    l.maxFlows = static_cast<std::uint64_t>(maxFlows);
    l.maxHosts = static_cast<std::uint64_t>(maxHosts);
    l.maxConversations = static_cast<std::uint64_t>(maxConversations);
    l.flowIdleNs = std::int64_t{flowTimeoutS} * MemoryLimits::kSecondNs;
    return l;
}

} // namespace netlens
