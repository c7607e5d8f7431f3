// SPDX-License-Identifier: GPL-3.0-or-later
#include "reportoutput.h"

#include "engine/engine.h"
#include "export/csvwriter.h"
#include "export/jsonexport.h"
#include "export/summary.h"
#include "progressbar.h"

#include <QCommandLineParser>
#include <cstdio>

namespace netlens::cli {

void printError(const QString &message)
{
    std::fprintf(stderr, "%s\n", message.toLocal8Bit().constData());
}

int parseCommandLine(QCommandLineParser &parser, const QStringList &arguments, const char *command)
{
    if (!parser.parse(arguments)) {
        printError(
            QStringLiteral("netlens-cli %1: %2").arg(QLatin1String(command), parser.errorText()));
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        std::fputs(parser.helpText().toLocal8Bit().constData(), stdout);
        return 0;
    }
    return -1;
}

QStringList captureFiles(const QCommandLineParser &parser, const char *command)
{
    const QStringList files = parser.positionalArguments();
    if (files.isEmpty())
        printError(QStringLiteral("netlens-cli %1: no capture file given (try --help)")
                       .arg(QLatin1String(command)));
    return files;
}

std::vector<FileResult> analyzeFiles(Engine &engine, const QStringList &files, bool quiet)
{
    std::vector<std::string> paths;
    for (const QString &f : files)
        paths.push_back(f.toStdString());
    FileAnalyzer analyzer(engine);
    ProgressBar bar;
    if (!quiet)
        analyzer.setProgress([&bar](std::uint64_t d, std::uint64_t t) { bar.update(d, t); });
    std::vector<FileResult> results = analyzer.run(paths);
    bar.finish();
    for (const auto &r : results)
        if (r.outcome != FileResult::Outcome::Ok)
            printError(QString::fromStdString(r.message));
    return results;
}

int writeReport(const Engine &engine, const StatsSnapshotPtr &stats,
                const std::vector<FileResult> &files, const ReportOptions &options)
{
    int status = 0;
    if (!options.csvPath.isEmpty()) {
        std::string error;
        if (!CsvWriter::write(options.csvPath.toStdString(), engine, error)) {
            printError(QString::fromStdString(error));
            status = 2;
        }
    }
    Summary summary = Summary::fromSnapshot(stats, static_cast<std::size_t>(options.top), files);
    summary.ipfix = options.ipfix;
    summary.ipfixFlows = options.ipfixFlows;
    if (!options.jsonPath.isEmpty()) {
        QString error;
        if (!writeSummaryJson(options.jsonPath, summary, error)) {
            printError(error);
            status = 2;
        }
    }
    if (!options.quiet)
        std::fputs(formatSummaryText(summary).c_str(), stdout);
    return status;
}

} // namespace netlens::cli
