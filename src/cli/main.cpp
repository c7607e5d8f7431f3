// SPDX-License-Identifier: GPL-3.0-or-later
// netlens-cli: the headless front end over netlens_core, one subcommand per job of the
// original prototype (interfaces, capture, analyze, visualize, alert).
#include "alertcommand.h"
#include "analyzecommand.h"
#include "capture/effectivecapabilities.h"
#include "capturecommand.h"
#include "historycommand.h"
#include "interfacescommand.h"
#include "servecommand.h"
#ifdef NETLENS_HAVE_CHARTS
#include "visualizecommand.h"

#include <QApplication>
#endif

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <unistd.h>

namespace {
const char *kUsage =
    "usage: netlens-cli <command> [options]\n"
    "\n"
    "commands:\n"
    "  interfaces        list capture interfaces\n"
    "  capture           capture live traffic to a pcap file, then report\n"
    "  analyze FILE...   analyze capture files: per-packet CSV, JSON summary, report\n"
    "  visualize FILE... render the charts as images (--out) or an HTML report (--report)\n"
    "  alert FILE...     run the alert rules over capture files (exit 3 when alerts fired)\n"
    "  serve FILE...     analyze capture files and serve the web dashboard and its JSON API\n"
    "  history           the traffic history live captures recorded (data/netlens.db)\n"
    "\n"
    "Run 'netlens-cli <command> --help' for a command's options.\n";
}

int main(int argc, char *argv[])
{
    // First, before any thread: capabilities are per thread (see clearEffectiveCapabilities).
    if (std::string error; !netlens::clearEffectiveCapabilities(error))
        std::fprintf(stderr, "netlens-cli: %s\n", error.c_str());
    // Charts are widgets: visualize needs a QApplication, on the offscreen platform unless
    // the caller chose one (no display is needed, or used). The other commands stay on
    // QCoreApplication and never load a platform plugin.
    const bool visualize = argc > 1 && std::strcmp(argv[1], "visualize") == 0;
#ifdef NETLENS_HAVE_CHARTS
    if (visualize && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    // Without a session (cron, ssh, CI) Qt would warn about a missing runtime folder on every
    // run; give it a private one, as a login would.
    if (visualize && qEnvironmentVariableIsEmpty("XDG_RUNTIME_DIR")) {
        const QByteArray dir =
            QDir::tempPath().toLocal8Bit() + "/netlens-runtime-" + QByteArray::number(getuid());
        if (QDir().mkpath(QString::fromLocal8Bit(dir)) &&
            QFile::setPermissions(QString::fromLocal8Bit(dir),
                                  QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner))
            qputenv("XDG_RUNTIME_DIR", dir);
    }
    std::unique_ptr<QCoreApplication> appPtr(visualize ? new QApplication(argc, argv)
                                                       : new QCoreApplication(argc, argv));
#else
    std::unique_ptr<QCoreApplication> appPtr(new QCoreApplication(argc, argv));
#endif
    QCoreApplication &app = *appPtr;
    (void)app;
    QCoreApplication::setApplicationName(QStringLiteral("netlens-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(NETLENS_VERSION));
    QStringList args = QCoreApplication::arguments();
    if (args.size() < 2 || args[1] == QLatin1String("--help") || args[1] == QLatin1String("-h")) {
        std::fputs(kUsage, args.size() < 2 ? stderr : stdout);
        return args.size() < 2 ? 2 : 0;
    }
    if (args[1] == QLatin1String("--version")) {
        std::printf("netlens-cli %s\n", NETLENS_VERSION);
        return 0;
    }
    const QString command = args[1];
    args.removeAt(1); // the parser sees "netlens-cli OPTIONS..."
    if (command == QLatin1String("analyze"))
        return netlens::cli::runAnalyze(args);
    if (command == QLatin1String("capture"))
        return netlens::cli::runCapture(args);
    if (command == QLatin1String("alert"))
        return netlens::cli::runAlert(args);
    if (command == QLatin1String("serve"))
        return netlens::cli::runServe(args);
    if (command == QLatin1String("history"))
        return netlens::cli::runHistory(args);
    if (command == QLatin1String("interfaces"))
        return netlens::cli::runInterfaces(args);
    if (visualize) {
#ifdef NETLENS_HAVE_CHARTS
        return netlens::cli::runVisualize(args);
#else
        std::fputs("netlens-cli: visualize needs a build with the GUI (NETLENS_BUILD_GUI=ON)\n",
                   stderr);
        return 2;
#endif
    }
    std::fprintf(stderr, "netlens-cli: unknown command \"%s\"\n%s", qPrintable(command), kUsage);
    return 2;
}
