// SPDX-License-Identifier: GPL-3.0-or-later
#include "visualizecommand.h"

#include "alertcommand.h"
#include "alerts/alertengine.h"
#include "charts/protocolpiechart.h"
#include "charts/toptalkerschart.h"
#include "charts/trafficchart.h"
#include "engine/engine.h"
#include "engine/fileanalyzer.h"
#include "export/csvsnapshot.h"
#include "export/summary.h"
#include "reportoutput.h"
#include "web/dashboardfeed.h"
#include "web/reportwriter.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSaveFile>
#include <algorithm>
#include <cstdio>
#include <functional>

namespace netlens::cli {

namespace {
QString tr(const char *s)
{
    return QCoreApplication::translate("cli", s);
}

/// The numbers each chart draws, so a test (or a script) can check them against the JSON
/// summary without reading pixels.
QJsonObject chartData(const ProtocolPieChart &pie, const TopTalkersChart &top,
                      const TrafficChart &traffic)
{
    QJsonArray slices;
    for (const auto &s : pie.slices()) {
        QJsonObject slice{{QStringLiteral("name"), s.name},
                          {QStringLiteral("value"), static_cast<qint64>(s.value)},
                          {QStringLiteral("percent"), s.percent}};
        if (s.other)
            slice.insert(QStringLiteral("other"), true); // the merged slices under 2 %
        slices.append(slice);
    }
    QJsonArray bars;
    for (const auto &b : top.bars())
        bars.append(
            QJsonObject{{QStringLiteral("address"), b.address},
                        {QStringLiteral("sent_bytes"), static_cast<qint64>(b.sent)},
                        {QStringLiteral("received_bytes"), static_cast<qint64>(b.received)}});
    QJsonArray keys, values;
    for (const double k : traffic.keys())
        keys.append(k);
    for (const double v : traffic.totalValues())
        values.append(v);
    return {{QStringLiteral("protocol_distribution"), slices},
            {QStringLiteral("top_talkers"), bars},
            {QStringLiteral("traffic_over_time"),
             QJsonObject{{QStringLiteral("unit"), traffic.unit() == TrafficChart::Unit::Bits
                                                      ? QStringLiteral("bits/s")
                                                      : QStringLiteral("packets/s")},
                         {QStringLiteral("interval_s"), traffic.intervalSeconds()},
                         {QStringLiteral("t"), keys},
                         {QStringLiteral("total"), values}}}};
}
} // namespace

int runVisualize(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Render the protocol distribution, traffic over time and "
           "top talkers charts of capture files (or of a CSV written "
           "by analyze) as images, without a display; or write them as "
           "one self-contained HTML report (--report)."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("files"),
                                 tr("pcap or pcapng files, read as one capture in this order"),
                                 QStringLiteral("FILE..."));
    const QCommandLineOption csvOpt(QStringLiteral("from-csv"),
                                    tr("Read the packets from a CSV written by analyze instead."),
                                    QStringLiteral("PATH"));
    const QCommandLineOption outOpt(QStringLiteral("out"), tr("Write the images into DIR."),
                                    QStringLiteral("DIR"));
    const QCommandLineOption formatOpt(QStringLiteral("format"), tr("png (default) or svg."),
                                       QStringLiteral("FORMAT"), QStringLiteral("png"));
    const QCommandLineOption sizeOpt(QStringLiteral("size"), tr("Image size (default 1200x800)."),
                                     QStringLiteral("WxH"), QStringLiteral("1200x800"));
    const QCommandLineOption topOpt(QStringLiteral("top"),
                                    tr("Bars in the top talkers chart (default 10)."),
                                    QStringLiteral("N"), QStringLiteral("10"));
    const QCommandLineOption quietOpt(QStringLiteral("quiet"), tr("Print nothing but errors."));
    const QCommandLineOption reportOpt(
        QStringLiteral("report"),
        tr("Write the web dashboard as one self-contained HTML file (opens offline)."),
        QStringLiteral("FILE.html"));
    const QCommandLineOption langOpt(QStringLiteral("lang"),
                                     tr("The report's language: en (default) or zh-CN."),
                                     QStringLiteral("LANG"), QStringLiteral("en"));
    const QCommandLineOption alertsOpt(
        QStringLiteral("alerts"), tr("Run the alert engine and put its alerts in the report."));
    const QCommandLineOption rulesOpt(
        QStringLiteral("rules"), tr("Alert rules file for --alerts (default: the built-in rules)."),
        QStringLiteral("PATH"));
    parser.addOptions({csvOpt, outOpt, formatOpt, sizeOpt, topOpt, quietOpt, reportOpt, langOpt,
                       alertsOpt, rulesOpt});
    const QString cmd = QStringLiteral("netlens-cli visualize: ");
    if (const int status = parseCommandLine(parser, arguments, "visualize"); status >= 0)
        return status;
    const QStringList files = parser.positionalArguments();
    if (files.isEmpty() == !parser.isSet(csvOpt)) {
        printError(cmd + QStringLiteral(
                             "give capture files or --from-csv PATH (one of the two; try --help)"));
        return 2;
    }
    if (!parser.isSet(outOpt) && !parser.isSet(reportOpt)) {
        printError(cmd + QStringLiteral("give --out DIR, --report FILE.html or both (try --help)"));
        return 2;
    }
    const QString lang = parser.value(langOpt);
    if (lang != QLatin1String("en") && lang != QLatin1String("zh-CN")) {
        printError(cmd + QStringLiteral("--lang must be en or zh-CN, not \"") + lang +
                   QStringLiteral("\""));
        return 2;
    }
    if (parser.isSet(alertsOpt) && parser.isSet(csvOpt)) {
        printError(cmd + QStringLiteral("--alerts needs capture files: a CSV has no packets to "
                                        "run the rules on"));
        return 2;
    }
    const QString format = parser.value(formatOpt).toLower();
    if (format != QLatin1String("png") && format != QLatin1String("svg")) {
        printError(cmd + QStringLiteral("--format must be png or svg, not \"") +
                   parser.value(formatOpt) + QStringLiteral("\""));
        return 2;
    }
    static const QRegularExpression sizeRe(QStringLiteral("^([0-9]{2,5})x([0-9]{2,5})$"));
    const auto size = sizeRe.match(parser.value(sizeOpt));
    const int w = size.hasMatch() ? size.captured(1).toInt() : 0;
    const int h = size.hasMatch() ? size.captured(2).toInt() : 0;
    if (w < 200 || h < 150 || w > 10000 || h > 10000) {
        printError(
            cmd +
            QStringLiteral("--size must be WIDTHxHEIGHT between 200x150 and 10000x10000, not \"") +
            parser.value(sizeOpt) + QStringLiteral("\""));
        return 2;
    }
    bool ok = false;
    const int top = parser.value(topOpt).toInt(&ok);
    if (!ok || top < 1 || top > 100) {
        printError(cmd + QStringLiteral("--top needs a number from 1 to 100, not \"") +
                   parser.value(topOpt) + QStringLiteral("\""));
        return 2;
    }
    const bool quiet = parser.isSet(quietOpt);

    int status = 0;
    StatsSnapshotPtr snapshot;
    std::vector<FileResult> results;
    QList<Alert> alertList;
    SnapshotOptions options;
    // The report's page can show 20 talkers whatever --top says.
    options.topN = static_cast<std::size_t>(std::max(top, parser.isSet(reportOpt) ? 20 : 10));
    options.final = true;
    if (parser.isSet(csvOpt)) {
        const CsvSnapshotReader::Result read =
            CsvSnapshotReader::read(parser.value(csvOpt).toStdString(), options);
        if (!read.snapshot) {
            printError(QString::fromStdString(read.error));
            return 2;
        }
        snapshot = read.snapshot;
    } else {
        EngineSettings settings;
        settings.keepRecords = false;
        Engine engine(settings);
        std::unique_ptr<AlertEngine> alerts;
        if (parser.isSet(alertsOpt)) {
            // As analyze --alerts: the built-in rules or --rules, no snippets.
            AlertSettings alertSettings;
            alertSettings.enabled = true;
            alertSettings.dataDir.clear();
            if (!loadRulesOption(parser.value(rulesOpt), "visualize", alertSettings.rules))
                return 2;
            QString why;
            alerts = AlertEngine::create(engine, alertSettings, why);
            if (!alerts) {
                printError(cmd + why);
                return 2;
            }
            engine.addPacketObserver(alerts.get());
        }
        results = analyzeFiles(engine, files, quiet);
        status = FileAnalyzer::exitStatus(results);
        if (status == 2 && engine.framesSeen() == 0)
            return 2; // nothing could be read at all: no empty charts
        snapshot = engine.buildSnapshot(options);
        if (alerts) {
            alerts->finish();
            for (const Alert &a : alerts->takeChanges())
                if (!a.isEngaged()) // each alert once, in its released state
                    alertList << a;
        }
    }

    if (parser.isSet(reportOpt)) {
        DashboardFeed feed;
        feed.setSnapshot(snapshot);
        feed.setFiles(results);
        WebStatus finished;
        finished.state = WebStatus::State::Finished;
        finished.files = parser.isSet(csvOpt) ? QStringList{parser.value(csvOpt)} : files;
        finished.file = finished.files.value(0);
        feed.setStatus(finished);
        feed.addAlerts(alertList);
        const QString path = parser.value(reportOpt);
        QString error;
        if (!ReportWriter::write(path, feed, lang, error, parser.isSet(alertsOpt))) {
            printError(error);
            return 2;
        }
        if (!quiet)
            std::printf("%s\n", qPrintable(path));
        if (!parser.isSet(outOpt))
            return status;
    }

    const QString dir = parser.value(outOpt);
    if (!QDir().mkpath(dir)) {
        printError(dir + QStringLiteral(": cannot create the output folder"));
        return 2;
    }
    const QSize imageSize(w, h);
    ProtocolPieChart pie;
    TopTalkersChart talkers;
    TrafficChart traffic;
    talkers.setBarCount(top);
    pie.setSnapshot(snapshot);
    talkers.setSnapshot(snapshot);
    traffic.setSnapshot(snapshot);
    // The three chart classes share no base; each entry saves one of them.
    using Save = std::function<bool(const QString &, QString *)>;
    const std::pair<const char *, Save> charts[] = {
        {"protocol_distribution",
         [&](const QString &p, QString *e) { return pie.saveImage(p, imageSize, e); }},
        {"traffic_over_time",
         [&](const QString &p, QString *e) { return traffic.saveImage(p, imageSize, e); }},
        {"top_talkers",
         [&](const QString &p, QString *e) { return talkers.saveImage(p, imageSize, e); }}};
    for (const auto &[name, save] : charts) {
        const QString path = QDir(dir).filePath(QLatin1String(name) + QLatin1Char('.') + format);
        QString error;
        if (!save(path, &error)) {
            printError(error);
            return 2;
        }
        if (!quiet)
            std::printf("%s\n", qPrintable(path));
    }
    const QString dataPath = QDir(dir).filePath(QStringLiteral("charts.json"));
    QSaveFile data(dataPath);
    if (!data.open(QIODevice::WriteOnly) ||
        data.write(QJsonDocument(chartData(pie, talkers, traffic)).toJson()) < 0 ||
        !data.commit()) {
        printError(dataPath + QStringLiteral(": cannot write: ") + data.errorString());
        return 2;
    }
    if (!quiet)
        std::printf("%s\n", qPrintable(dataPath));
    return status;
}

} // namespace netlens::cli
