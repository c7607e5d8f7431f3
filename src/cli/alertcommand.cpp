// SPDX-License-Identifier: GPL-3.0-or-later
#include "alertcommand.h"

#include "alerts/alertengine.h"
#include "alerts/alertjson.h"
#include "alerts/alertrules.h"
#include "deliveryoptions.h"
#include "engine/engine.h"
#include "engine/fileanalyzer.h"
#include "engine/packetbytes.h"
#include "notify/alerthub.h"
#include "reportoutput.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <cstdio>

namespace netlens::cli {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("cli", text);
}

QString timeText(std::int64_t ns)
{
    return QDateTime::fromMSecsSinceEpoch(ns / 1'000'000, Qt::UTC)
        .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
}

void printTable(const QList<Alert> &alerts)
{
    if (alerts.isEmpty()) {
        std::printf("No alerts.\n");
        return;
    }
    std::printf("%-23s  %-8s  %-8s  %-13s  %-32s  %s\n", "start (UTC)", "duration", "severity",
                "type", "key", "summary");
    for (const Alert &a : alerts) {
        const QString duration =
            a.isEngaged()
                ? QStringLiteral("-")
                : QString::number(static_cast<double>(a.endNs - a.startNs) / 1e9, 'f', 0) +
                      QLatin1Char('s');
        std::printf("%-23s  %-8s  %-8s  %-13s  %-32s  %s\n", qPrintable(timeText(a.startNs)),
                    qPrintable(duration), qPrintable(severityName(a.severity)),
                    qPrintable(alertKindName(a.kind)), qPrintable(a.key), qPrintable(a.summary));
        if (!a.snippetPath.isEmpty())
            std::printf("%-23s  snippet: %s (%u packets)\n", "", qPrintable(a.snippetPath),
                        a.snippetPackets);
    }
}
} // namespace

int deliverAlerts(const QList<Alert> &alerts, const DeliveryOptions &options, bool databaseAsked)
{
    if (!options.wanted() && !databaseAsked)
        return 0;
    QString error;
    const std::unique_ptr<AlertHub> hub = openHub(options, error);
    if (!hub) {
        printError(QStringLiteral("netlens-cli alert: ") + error);
        return 2;
    }
    QObject::connect(hub.get(), &AlertHub::storageError, hub.get(), [](const QString &m) {
        printError(QStringLiteral("netlens-cli alert: ") + m);
    });
    QStringList uids;
    bool stored = true;
    for (const Alert &a : alerts) {
        stored &= hub->submit(a);
        uids << a.uid;
    }
    return waitForDeliveries(*hub, uids) && stored ? 0 : 2;
}

bool loadRulesOption(const QString &path, const char *command, RuleSet &rules)
{
    if (path.isEmpty()) {
        rules = RuleSet::defaults();
        return true;
    }
    AlertRules loaded;
    RuleError error;
    if (!loaded.load(path, error)) {
        printError(QStringLiteral("netlens-cli %1: ").arg(QLatin1String(command)) + error.text());
        return false;
    }
    rules = loaded.rules();
    return true;
}

QString alertLine(const Alert &a, bool snippetNews)
{
    const QString state = snippetNews     ? QStringLiteral("SNIPPET")
                          : a.isEngaged() ? QStringLiteral("ALERT")
                                          : QStringLiteral("RELEASED");
    QString line = QStringLiteral("%1 %2 %3 %4 %5: %6")
                       .arg(state, timeText(a.isEngaged() ? a.lastNs : a.endNs),
                            severityName(a.severity), alertKindName(a.kind), a.key, a.summary);
    if (!a.snippetPath.isEmpty())
        line += QStringLiteral(" [%1]").arg(a.snippetPath);
    return line;
}

int runAlert(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Run the alert engine over capture files (capture time: the same alerts as the live "
           "capture gave). Exit status 0 no alert, 3 alerts raised, 2 an error."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("files"),
                                 tr("pcap or pcapng files, read as one capture in this order"),
                                 QStringLiteral("FILE..."));
    const QCommandLineOption rulesOpt(QStringLiteral("rules"),
                                      tr("Alert rules file (default: the built-in rules)."),
                                      QStringLiteral("PATH"));
    const QCommandLineOption jsonOpt(QStringLiteral("json"),
                                     tr("Print one JSON object per alert per line."));
    const QCommandLineOption snippetsOpt(
        QStringLiteral("snippets"),
        tr("Save each alert's packets as a pcap under DIR/alerts (default data)."),
        QStringLiteral("DIR"), QStringLiteral("data"));
    const QCommandLineOption noSnippetsOpt(QStringLiteral("no-snippets"),
                                           tr("Do not save packet snippets."));
    const QCommandLineOption quietOpt(QStringLiteral("quiet"), tr("Print no progress."));
    parser.addOptions({rulesOpt, jsonOpt, snippetsOpt, noSnippetsOpt, quietOpt});
    // A run over files waits for its deliveries: two minutes of retries, not a day.
    DeliveryOptions delivery(120);
    delivery.addTo(parser);
    if (const int status = parseCommandLine(parser, arguments, "alert"); status >= 0)
        return status;
    const QStringList files = captureFiles(parser, "alert");
    if (files.isEmpty())
        return 2;
    QString error;
    if (!delivery.read(parser, error)) {
        printError(QStringLiteral("netlens-cli alert: ") + error);
        return 2;
    }
    AlertSettings settings;
    settings.enabled = true;
    settings.dataDir = parser.isSet(noSnippetsOpt) ? QString() : parser.value(snippetsOpt);
    if (!loadRulesOption(parser.value(rulesOpt), "alert", settings.rules))
        return 2;

    EngineSettings engineSettings;
    engineSettings.keepRecords = false; // alerts need the flows, not the rows
    Engine engine(engineSettings);
    const std::unique_ptr<AlertEngine> alerts = AlertEngine::create(engine, settings, error);
    if (!alerts) {
        printError(QStringLiteral("netlens-cli alert: ") + error);
        return 2;
    }
    std::vector<std::string> paths;
    for (const QString &f : files)
        paths.push_back(f.toStdString());
    alerts->setBytesReader(std::make_shared<PacketBytesReader>(paths));
    engine.addPacketObserver(alerts.get());
    const std::vector<FileResult> results = analyzeFiles(engine, files, parser.isSet(quietOpt));
    alerts->finish();

    // Latest state of each alert, in the order they engaged.
    QList<Alert> list;
    QHash<QString, qsizetype> index;
    for (const Alert &a : alerts->takeChanges()) {
        const auto it = index.constFind(a.uid);
        if (it == index.constEnd()) {
            index.insert(a.uid, list.size());
            list << a;
        } else {
            list[*it] = a;
        }
    }
    if (parser.isSet(jsonOpt)) {
        for (const Alert &a : list)
            std::printf("%s\n", alertToJsonLine(a).constData());
    } else {
        printTable(list);
    }
    if (alerts->dropped() && !parser.isSet(quietOpt))
        printError(QStringLiteral("netlens-cli alert: %1 keys or alerts not tracked (tables full)")
                       .arg(alerts->dropped()));
    const int delivered = deliverAlerts(list, delivery, parser.isSet(QStringLiteral("db")));
    bool unreadable = false;
    for (const FileResult &r : results)
        unreadable |= r.outcome == FileResult::Outcome::Failed;
    if (unreadable || delivered == 2)
        return 2;
    return list.isEmpty() ? 0 : 3;
}

} // namespace netlens::cli
