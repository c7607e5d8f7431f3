// SPDX-License-Identifier: GPL-3.0-or-later
#include "analyzecommand.h"

#include "alertcommand.h"
#include "alerts/alertengine.h"
#include "engine/engine.h"
#include "engine/fileanalyzer.h"
#include "ipfix/ipfixexporter.h"
#include "ipfix/ipfixjson.h"
#include "ipfixoptions.h"
#include "limitoptions.h"
#include "reportoutput.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <algorithm>
#include <cstdio>

namespace netlens::cli {

int runAnalyze(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "cli", "Analyze capture files: per-packet CSV, JSON summary and a printed report."));
    parser.addHelpOption();
    parser.addPositionalArgument(
        QStringLiteral("files"),
        QCoreApplication::translate("cli",
                                    "pcap or pcapng files, read as one capture in this order"),
        QStringLiteral("FILE..."));
    const QCommandLineOption csvOpt(
        QStringLiteral("csv"),
        QCoreApplication::translate(
            "cli", "Write the per-packet CSV to PATH (default data/analyzed_data.csv)."),
        QStringLiteral("PATH"), QStringLiteral("data/analyzed_data.csv"));
    const QCommandLineOption noCsvOpt(QStringLiteral("no-csv"),
                                      QCoreApplication::translate("cli", "Do not write the CSV."));
    const QCommandLineOption jsonOpt(
        QStringLiteral("json"),
        QCoreApplication::translate("cli", "Write the JSON summary to PATH."),
        QStringLiteral("PATH"));
    const QCommandLineOption filterOpt(
        QStringLiteral("filter"),
        QCoreApplication::translate("cli", "Keep only packets matching this BPF expression."),
        QStringLiteral("BPF"));
    const QCommandLineOption topOpt(
        QStringLiteral("top"),
        QCoreApplication::translate(
            "cli", "How many talkers, conversations and flows to list (default 10)."),
        QStringLiteral("N"), QStringLiteral("10"));
    const QCommandLineOption quietOpt(
        QStringLiteral("quiet"),
        QCoreApplication::translate("cli", "Print no report and no progress."));
    const QCommandLineOption alertsOpt(
        QStringLiteral("alerts"),
        QCoreApplication::translate("cli", "Run the alert engine too and list its alerts after the "
                                           "report (no snippets; netlens-cli alert has them)."));
    const QCommandLineOption rulesOpt(
        QStringLiteral("rules"),
        QCoreApplication::translate("cli",
                                    "Alert rules file for --alerts (default: the built-in rules)."),
        QStringLiteral("PATH"));
    parser.addOptions(
        {csvOpt, noCsvOpt, jsonOpt, filterOpt, topOpt, quietOpt, alertsOpt, rulesOpt});
    const LimitOptions limitOptions;
    limitOptions.addTo(parser);
    const IpfixOptions ipfixOptions;
    ipfixOptions.addTo(parser);
    if (const int status = parseCommandLine(parser, arguments, "analyze"); status >= 0)
        return status;
    const QStringList files = captureFiles(parser, "analyze");
    if (files.isEmpty())
        return 2;
    if (parser.isSet(csvOpt) && parser.isSet(noCsvOpt)) {
        printError(QStringLiteral("netlens-cli analyze: --csv and --no-csv exclude each other"));
        return 2;
    }
    bool ok = false;
    const int top = parser.value(topOpt).toInt(&ok);
    if (!ok || top < 0) {
        printError(
            QStringLiteral("netlens-cli analyze: --top needs a number of 0 or more, not \"") +
            parser.value(topOpt) + QStringLiteral("\""));
        return 2;
    }
    const bool quiet = parser.isSet(quietOpt);

    // Only the CSV reads the per-packet rows; without it the store is not filled at all
    // (0.41 s instead of 0.50 s and 95 MB instead of 256 MB on the 1 GB benchmark file).
    EngineSettings engineSettings;
    engineSettings.keepRecords = !parser.isSet(noCsvOpt);
    QString limitError;
    if (!limitOptions.read(parser, engineSettings.limits, limitError)) {
        printError(QStringLiteral("netlens-cli analyze: ") + limitError);
        return 2;
    }
    IpfixSettings ipfixSettings;
    if (!ipfixOptions.read(parser, ipfixSettings, limitError)) {
        printError(QStringLiteral("netlens-cli analyze: ") + limitError);
        return 2;
    }
    Engine engine(engineSettings);
    std::string error;
    if (parser.isSet(filterOpt) &&
        !engine.setFilter(parser.value(filterOpt).toStdString(), error)) {
        printError(QStringLiteral("netlens-cli analyze: --filter \"") + parser.value(filterOpt) +
                   QStringLiteral("\": ") + QString::fromStdString(error));
        return 2;
    }

    std::unique_ptr<AlertEngine> alerts;
    if (parser.isSet(alertsOpt)) {
        AlertSettings alertSettings;
        alertSettings.enabled = true;
        alertSettings.dataDir.clear();
        if (!loadRulesOption(parser.value(rulesOpt), "analyze", alertSettings.rules))
            return 2;
        QString why;
        alerts = AlertEngine::create(engine, alertSettings, why);
        if (!alerts) {
            printError(QStringLiteral("netlens-cli analyze: ") + why);
            return 2;
        }
        engine.addPacketObserver(alerts.get());
    }

    // The flow export: every record is listed in the JSON, to hold the collector's against.
    std::unique_ptr<IpfixExporter> ipfix;
    if (ipfixSettings.enabled()) {
        ipfixSettings.keepRecords = parser.isSet(jsonOpt);
        ipfixSettings.maxFlows = engineSettings.limits.maxFlows;
        ipfix = IpfixExporter::create(engine, ipfixSettings, error);
        if (!ipfix) {
            printError(QStringLiteral("netlens-cli analyze: ") + QString::fromStdString(error));
            return 2;
        }
        engine.addPacketObserver(ipfix.get());
    }

    const std::vector<FileResult> results = analyzeFiles(engine, files, quiet);
    QList<Alert> alertList;
    if (alerts) {
        alerts->finish();
        for (const Alert &a : alerts->takeChanges())
            if (!a.isEngaged()) // each alert once, in its released state
                alertList << a;
    }
    int status = FileAnalyzer::exitStatus(results);
    ReportOptions report;
    report.csvPath = parser.isSet(noCsvOpt) ? QString() : parser.value(csvOpt);
    report.jsonPath = parser.value(jsonOpt);
    report.top = top;
    report.quiet = quiet;
    if (ipfix) {
        engine.finish(); // the flows' final protocols, before the last records go
        ipfix->finish();
        for (const std::string &w : ipfix->takeWarnings())
            printError(QStringLiteral("netlens-cli analyze: warning: ") +
                       QString::fromStdString(w));
        const IpfixStats st = ipfix->stats();
        if (!quiet)
            std::fprintf(stderr,
                         "ipfix: %llu flow records in %llu messages (largest %zu bytes), %llu "
                         "messages lost, %llu flows ended early at the cap\n",
                         static_cast<unsigned long long>(st.records),
                         static_cast<unsigned long long>(st.messages), st.largestMessage,
                         static_cast<unsigned long long>(st.lost),
                         static_cast<unsigned long long>(st.evicted));
        report.ipfix = ipfixJson(*ipfix);
        if (ipfixSettings.keepRecords)
            report.ipfixFlows = ipfixFlowsJson(*ipfix);
    }
    // The busiest `top` of each table is all the report lists: no need for every row.
    SnapshotOptions snapshot;
    snapshot.topN = static_cast<std::size_t>(top);
    snapshot.final = true;
    status = std::max(status, writeReport(engine, engine.buildSnapshot(snapshot), results, report));
    if (alerts && !quiet) {
        for (const Alert &a : alertList)
            std::printf("%s\n", qPrintable(alertLine(a)));
        std::fprintf(stderr,
                     "alerts: %lld raised; alert engine memory %.1f MB, %llu keys or alerts not "
                     "tracked (tables full)\n",
                     static_cast<long long>(alertList.size()),
                     static_cast<double>(alerts->memoryBytes()) / 1e6,
                     static_cast<unsigned long long>(alerts->dropped()));
    }
    return status;
}

} // namespace netlens::cli
