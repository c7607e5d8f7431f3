// SPDX-License-Identifier: GPL-3.0-or-later
#include "limitoptions.h"

#include <QCommandLineParser>
#include <QCoreApplication>

namespace netlens::cli {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("cli", text);
}
} // namespace

LimitOptions::LimitOptions()
    : m_maxFlows(QStringLiteral("max-flows"),
                 tr("Flows held in memory at most (default 1000000; 0: no limit); new flows "
                    "past it are counted under \"other\"."),
                 QStringLiteral("N"))
    , m_maxHosts(QStringLiteral("max-hosts"),
                 tr("Hosts held in memory at most (default 1000000; 0: no limit)."),
                 QStringLiteral("N"))
    , m_maxConversations(QStringLiteral("max-conversations"),
                         tr("Conversations held in memory at most (default 1000000; 0: no "
                            "limit)."),
                         QStringLiteral("N"))
    , m_flowTimeout(QStringLiteral("flow-timeout"),
                    tr("Fold flows idle this many seconds into the totals (default 300; 0: "
                       "never)."),
                    QStringLiteral("S"))
{
}

void LimitOptions::addTo(QCommandLineParser &parser) const
{
    parser.addOptions({m_maxFlows, m_maxHosts, m_maxConversations, m_flowTimeout});
}

bool LimitOptions::read(const QCommandLineParser &parser, MemoryLimits &limits,
                        QString &error) const
{
    std::string why;
    const auto cap = [&](const QCommandLineOption &o, const char *name, std::uint64_t &out) {
        return !parser.isSet(o) || parseCap(parser.value(o).toStdString(), name, out, why);
    };
    const bool ok =
        cap(m_maxFlows, "--max-flows", limits.maxFlows) &&
        cap(m_maxHosts, "--max-hosts", limits.maxHosts) &&
        cap(m_maxConversations, "--max-conversations", limits.maxConversations) &&
        (!parser.isSet(m_flowTimeout) || parseTimeout(parser.value(m_flowTimeout).toStdString(),
                                                      "--flow-timeout", limits.flowIdleNs, why));
    if (!ok)
        error = QString::fromStdString(why);
    return ok;
}

} // namespace netlens::cli
