// SPDX-License-Identifier: GPL-3.0-or-later
#include "ipfixoptions.h"

#include "stats/memorylimits.h"

#include <QCommandLineParser>
#include <QCoreApplication>

namespace netlens::cli {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("cli", text);
}
} // namespace

IpfixOptions::IpfixOptions()
    : m_collector(QStringLiteral("ipfix"),
                  tr("Export flows over UDP to the IPFIX collector at HOST:PORT (port 4739 if "
                     "left out; [ADDRESS]:PORT for IPv6)."),
                  QStringLiteral("HOST:PORT"))
    , m_file(QStringLiteral("ipfix-file"), tr("Write the flows to an IPFIX file (RFC 5655)."),
             QStringLiteral("PATH"))
    , m_idle(QStringLiteral("ipfix-idle"),
             tr("End an exported flow after this many seconds without a packet (default 15)."),
             QStringLiteral("S"))
    , m_active(QStringLiteral("ipfix-active"),
               tr("Export a flow still active after this many seconds and go on with a new "
                  "record (default 1800)."),
               QStringLiteral("S"))
    , m_domain(QStringLiteral("ipfix-domain"), tr("IPFIX observation domain id (default 1)."),
               QStringLiteral("N"))
    , m_rate(QStringLiteral("ipfix-rate"),
             tr("Send at most N IPFIX messages a second over UDP, so the collector keeps up "
                "(default 10000; 0: no limit)."),
             QStringLiteral("N"))
{
}

void IpfixOptions::addTo(QCommandLineParser &parser) const
{
    parser.addOptions({m_collector, m_file, m_idle, m_active, m_domain, m_rate});
}

bool IpfixOptions::read(const QCommandLineParser &parser, IpfixSettings &settings,
                        QString &error) const
{
    std::string why;
    if (parser.isSet(m_collector) &&
        !parseCollector(parser.value(m_collector).toStdString(), settings.collectorHost,
                        settings.collectorPort, why)) {
        error = QStringLiteral("--ipfix ") + QString::fromStdString(why);
        return false;
    }
    if (parser.isSet(m_file)) {
        settings.filePath = parser.value(m_file).toStdString();
        if (settings.filePath.empty()) {
            error = QStringLiteral("--ipfix-file needs a path");
            return false;
        }
    }
    const bool tuned = parser.isSet(m_idle) || parser.isSet(m_active) || parser.isSet(m_domain) ||
                       parser.isSet(m_rate);
    if (tuned && !settings.enabled()) {
        error = QStringLiteral("--ipfix-idle, --ipfix-active, --ipfix-domain and --ipfix-rate "
                               "need --ipfix or --ipfix-file");
        return false;
    }
    const auto timeout = [&](const QCommandLineOption &o, const char *name, std::int64_t &out) {
        if (!parser.isSet(o))
            return true;
        std::int64_t ns = 0;
        if (!parseTimeout(parser.value(o).toStdString(), name, ns, why))
            return false;
        if (ns == 0) {
            why = std::string(name) + " must be 1 second or more";
            return false;
        }
        out = ns;
        return true;
    };
    if (!timeout(m_idle, "--ipfix-idle", settings.idleTimeoutNs) ||
        !timeout(m_active, "--ipfix-active", settings.activeTimeoutNs)) {
        error = QString::fromStdString(why);
        return false;
    }
    if (parser.isSet(m_domain)) {
        bool ok = false;
        const qulonglong domain = parser.value(m_domain).toULongLong(&ok);
        if (!ok || domain > 0xffffffffull) {
            error = QStringLiteral("--ipfix-domain needs a whole number from 0 to 4294967295, "
                                   "not \"") +
                    parser.value(m_domain) + QStringLiteral("\"");
            return false;
        }
        settings.observationDomain = static_cast<std::uint32_t>(domain);
    }
    if (parser.isSet(m_rate)) {
        bool ok = false;
        const uint rate = parser.value(m_rate).toUInt(&ok);
        if (!ok || rate > 10000000) {
            error = QStringLiteral("--ipfix-rate needs a whole number of messages a second from "
                                   "0 (no limit) to 10000000, not \"") +
                    parser.value(m_rate) + QStringLiteral("\"");
            return false;
        }
        settings.messagesPerSecond = rate;
    }
    return true;
}

} // namespace netlens::cli
