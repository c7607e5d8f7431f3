// SPDX-License-Identifier: GPL-3.0-or-later
#include "historycommand.h"

#include "history/historyperiod.h"
#include "history/historystore.h"
#include "reportoutput.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cstdio>

namespace netlens::cli {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("cli", text);
}

QString localTime(std::int64_t sec)
{
    return QDateTime::fromSecsSinceEpoch(sec).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

QString utcIso(std::int64_t sec)
{
    return QDateTime::fromSecsSinceEpoch(sec, Qt::UTC).toString(Qt::ISODate);
}

const char *resolutionName(int res)
{
    return res == historyres::kMinute ? "minute" : res == historyres::kHour ? "hour" : "day";
}

QJsonObject countsJson(const HistoryCounts &c)
{
    // Counts as JSON numbers: exact up to 2^53, far beyond a year of any link.
    return {{QStringLiteral("bytes_in"), qint64(c.bytesIn)},
            {QStringLiteral("bytes_out"), qint64(c.bytesOut)},
            {QStringLiteral("packets_in"), qint64(c.packetsIn)},
            {QStringLiteral("packets_out"), qint64(c.packetsOut)}};
}

QJsonObject withCounts(QJsonObject o, const HistoryCounts &c)
{
    const QJsonObject counts = countsJson(c);
    for (auto it = counts.begin(); it != counts.end(); ++it)
        o.insert(it.key(), it.value());
    return o;
}

void printJson(const HistoryReport &r, bool byHost)
{
    QJsonObject root{{QStringLiteral("since"), utcIso(r.sinceSec)},
                     {QStringLiteral("until"), utcIso(r.untilSec)},
                     {QStringLiteral("resolution"), QLatin1String(resolutionName(r.resolution))},
                     {QStringLiteral("resolution_seconds"), r.resolution},
                     {QStringLiteral("total"), countsJson(r.total)}};
    if (byHost) {
        QJsonArray hosts;
        for (const HistoryEntry &h : r.hosts)
            hosts.append(withCounts({{QStringLiteral("host"), h.key}}, h.counts));
        root.insert(QStringLiteral("hosts"), hosts);
        root.insert(QStringLiteral("other_hosts"), countsJson(r.otherHosts));
    } else {
        QJsonArray protocols;
        for (const HistorySeries &s : r.protocols) {
            QJsonArray points;
            for (const HistoryPoint &p : s.points)
                points.append(
                    withCounts({{QStringLiteral("start"), utcIso(p.startSec)}}, p.counts));
            QJsonObject o = withCounts({{QStringLiteral("protocol"), s.protocol}}, s.total);
            o.insert(QStringLiteral("points"), points);
            protocols.append(o);
        }
        root.insert(QStringLiteral("protocols"), protocols);
    }
    std::printf("%s\n", QJsonDocument(root).toJson(QJsonDocument::Indented).constData());
}

void printRow(const QString &name, const HistoryCounts &c)
{
    std::printf("%-40s %15llu %15llu %12llu %12llu\n", qPrintable(name),
                static_cast<unsigned long long>(c.bytesIn),
                static_cast<unsigned long long>(c.bytesOut),
                static_cast<unsigned long long>(c.packetsIn),
                static_cast<unsigned long long>(c.packetsOut));
}

void printTable(const HistoryReport &r, bool byHost)
{
    std::printf("%s\n", qPrintable(tr("History from %1 to %2 (local time), per %3")
                                       .arg(localTime(r.sinceSec), localTime(r.untilSec),
                                            QLatin1String(resolutionName(r.resolution)))));
    std::printf("%-40s %15s %15s %12s %12s\n", byHost ? "host" : "protocol", "bytes in",
                "bytes out", "packets in", "packets out");
    if (byHost) {
        for (const HistoryEntry &h : r.hosts)
            printRow(h.key, h.counts);
        if (r.otherHosts.packets())
            printRow(tr("(other hosts)"), r.otherHosts);
    } else {
        for (const HistorySeries &s : r.protocols)
            printRow(s.protocol, s.total);
        printRow(tr("total"), r.total);
    }
}
} // namespace

int runHistory(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Print the traffic history recorded by live captures (bytes and packets in and out, "
           "by protocol or by host). TIME: YYYY-MM-DD, \"YYYY-MM-DD HH:MM\" (local time), ISO "
           "8601, or back from now: 30m, 24h, 7d, 2w."));
    parser.addHelpOption();
    const QCommandLineOption sinceOpt(QStringLiteral("since"),
                                      tr("Start of the period (default 24h: a day back)."),
                                      QStringLiteral("TIME"), QStringLiteral("24h"));
    const QCommandLineOption untilOpt(
        QStringLiteral("until"), tr("End of the period (default now)."), QStringLiteral("TIME"));
    const QCommandLineOption byOpt(QStringLiteral("by"),
                                   tr("protocol (default): totals and a series per protocol; "
                                      "host: the busiest hosts."),
                                   QStringLiteral("host|protocol"), QStringLiteral("protocol"));
    const QCommandLineOption topOpt(QStringLiteral("top"),
                                    tr("How many hosts --by host lists (default 20)."),
                                    QStringLiteral("N"), QStringLiteral("20"));
    const QCommandLineOption jsonOpt(QStringLiteral("json"), tr("Print JSON."));
    const QCommandLineOption dbOpt(QStringLiteral("db"),
                                   tr("The database (default data/netlens.db)."),
                                   QStringLiteral("PATH"), QStringLiteral("data/netlens.db"));
    parser.addOptions({sinceOpt, untilOpt, byOpt, topOpt, jsonOpt, dbOpt});
    if (const int status = parseCommandLine(parser, arguments, "history"); status >= 0)
        return status;
    if (!parser.positionalArguments().isEmpty()) {
        printError(QStringLiteral("netlens-cli history: unexpected argument \"%1\"")
                       .arg(parser.positionalArguments().constFirst()));
        return 2;
    }
    const QDateTime now = QDateTime::currentDateTime();
    std::int64_t since = 0, until = now.toSecsSinceEpoch();
    QString error;
    if (!parseHistoryTime(parser.value(sinceOpt), now, since, error)) {
        printError(QStringLiteral("netlens-cli history: --since: ") + error);
        return 2;
    }
    if (parser.isSet(untilOpt) && !parseHistoryTime(parser.value(untilOpt), now, until, error)) {
        printError(QStringLiteral("netlens-cli history: --until: ") + error);
        return 2;
    }
    if (until <= since) {
        printError(QStringLiteral("netlens-cli history: --until (%1) is not after --since (%2)")
                       .arg(localTime(until), localTime(since)));
        return 2;
    }
    const QString by = parser.value(byOpt);
    if (by != QLatin1String("host") && by != QLatin1String("protocol")) {
        printError(QStringLiteral("netlens-cli history: --by: \"%1\" is neither host nor protocol")
                       .arg(by));
        return 2;
    }
    bool topOk = false;
    const int top = parser.value(topOpt).toInt(&topOk);
    if (!topOk || top < 1) {
        printError(QStringLiteral("netlens-cli history: --top: \"%1\" is not a positive number")
                       .arg(parser.value(topOpt)));
        return 2;
    }
    HistorySettings settings;
    settings.dbPath = parser.value(dbOpt);
    HistoryStore store(settings);
    if (!store.open(error, true)) {
        printError(QStringLiteral("netlens-cli history: --db ") + error);
        return 2;
    }
    HistoryReport report;
    if (!store.query(since, until, top, report, error)) {
        printError(QStringLiteral("netlens-cli history: ") + error);
        return 2;
    }
    const bool byHost = by == QLatin1String("host");
    if (parser.isSet(jsonOpt))
        printJson(report, byHost);
    else if (report.empty())
        std::printf("%s\n", qPrintable(tr("No history between %1 and %2 (local time).")
                                           .arg(localTime(since), localTime(until))));
    else
        printTable(report, byHost);
    return 0;
}

} // namespace netlens::cli
