// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/fileanalyzer.h"
#include "stats/statssnapshot.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <vector>

namespace netlens {
class Engine;
}

class QCommandLineParser;

namespace netlens::cli {

/// What `analyze` and `capture` write at the end; the same for both commands.
struct ReportOptions {
    QString csvPath;  ///< empty: no CSV
    QString jsonPath; ///< empty: no JSON
    int top = 10;
    bool quiet = false;
    QJsonObject ipfix;      ///< the JSON's "ipfix" section; empty: none
    std::string ipfixFlows; ///< its records (ipfixFlowsJson())
};

/// Writes the CSV (rows of `engine`) and the JSON (from `stats`, the last snapshot) and prints
/// the report. Returns 2 if an output could not be written (the message, naming the file, is
/// on stderr), else 0.
int writeReport(const Engine &engine, const StatsSnapshotPtr &stats,
                const std::vector<FileResult> &files, const ReportOptions &options);

/// Reads `files` into `engine` as one capture, with a progress bar unless `quiet`, and prints
/// one line on stderr for each file that could not be fully read (analyze, visualize).
std::vector<FileResult> analyzeFiles(Engine &engine, const QStringList &files, bool quiet);

/// One line on stderr.
void printError(const QString &message);

/// Parses a command's `arguments`. Returns -1 to go on; else the exit status after printing
/// the error prefixed by "netlens-cli COMMAND: " (2) or the help (0).
int parseCommandLine(QCommandLineParser &parser, const QStringList &arguments, const char *command);
/// The positional capture files; empty after printing "no capture file given" for `command`.
QStringList captureFiles(const QCommandLineParser &parser, const char *command);

} // namespace netlens::cli
