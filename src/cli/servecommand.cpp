// SPDX-License-Identifier: GPL-3.0-or-later
#include "servecommand.h"

#include "alertcommand.h"
#include "reportoutput.h"
#include "session/capturesession.h"
#include "signalwatcher.h"
#include "web/dashboardfeed.h"
#include "web/sessionfeed.h"
#include "web/webserver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <cstdio>
#include <memory>

namespace netlens::cli {

int runServe(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "cli", "Analyze capture files and serve the web dashboard and its JSON API until "
               "interrupted."));
    parser.addHelpOption();
    parser.addPositionalArgument(
        QStringLiteral("files"),
        QCoreApplication::translate("cli",
                                    "pcap or pcapng files, read as one capture in this order"),
        QStringLiteral("FILE..."));
    const QCommandLineOption listenOpt(
        QStringLiteral("listen"),
        QCoreApplication::translate("cli", "Address and port to listen on (default "
                                           "127.0.0.1:5000; port 0 picks a free one)."),
        QStringLiteral("ADDR:PORT"), QStringLiteral("127.0.0.1:5000"));
    const QCommandLineOption tokenOpt(
        QStringLiteral("token"),
        QCoreApplication::translate("cli", "Token every request must carry (default: "
                                           "$NETLENS_WEB_TOKEN); needed off loopback."),
        QStringLiteral("TOKEN"));
    const QCommandLineOption alertsOpt(
        QStringLiteral("alerts"),
        QCoreApplication::translate("cli", "Run the alert engine too; the page lists its alerts."));
    const QCommandLineOption rulesOpt(
        QStringLiteral("rules"),
        QCoreApplication::translate("cli",
                                    "Alert rules file for --alerts (default: the built-in rules)."),
        QStringLiteral("PATH"));
    const QCommandLineOption quietOpt(
        QStringLiteral("quiet"),
        QCoreApplication::translate("cli", "Print only the URL and errors."));
    parser.addOptions({listenOpt, tokenOpt, alertsOpt, rulesOpt, quietOpt});
    if (const int status = parseCommandLine(parser, arguments, "serve"); status >= 0)
        return status;
    const QStringList files = captureFiles(parser, "serve");
    if (files.isEmpty())
        return 2;

    WebSettings web;
    QString error;
    if (!web.parseListen(parser.value(listenOpt), error)) {
        printError(QStringLiteral("netlens-cli serve: --listen ") + error);
        return 2;
    }
    web.token =
        parser.isSet(tokenOpt) ? parser.value(tokenOpt) : qEnvironmentVariable("NETLENS_WEB_TOKEN");
    AlertSettings alerts;
    if (parser.isSet(alertsOpt) || parser.isSet(rulesOpt)) {
        alerts.enabled = true;
        alerts.dataDir.clear(); // no snippets: serve only shows what the files hold
        if (!loadRulesOption(parser.value(rulesOpt), "serve", alerts.rules))
            return 2;
    }
    const bool quiet = parser.isSet(quietOpt);

    auto feed = std::make_shared<DashboardFeed>();
    // Listening before the files load: the page shows the progress, and a port in use is
    // reported before any time is spent reading.
    WebServer server(feed, web);
    if (!server.start(error)) {
        printError(QStringLiteral("netlens-cli serve: ") + error);
        return 2;
    }
    std::unique_ptr<CaptureSession> session(CaptureSession::openFiles(files, nullptr, 0, alerts));
    SessionFeed follower(feed);
    follower.follow(session.get());
    QObject::connect(session.get(), &CaptureSession::errorOccurred, &follower,
                     [](const QString &m) { printError(m); });
    QObject::connect(session.get(), &CaptureSession::finished, &follower,
                     [quiet, s = session.get()] {
                         if (quiet || !s->lastSnapshot())
                             return;
                         const StatsSnapshot &snap = *s->lastSnapshot();
                         std::fprintf(stderr, "Loaded %llu packets, %llu bytes; %lld alerts\n",
                                      static_cast<unsigned long long>(snap.total.packets),
                                      static_cast<unsigned long long>(snap.total.bytes),
                                      static_cast<long long>(s->alerts().size()));
                     });
    std::printf("Serving %s\n", qPrintable(server.url()));
    std::fflush(stdout);

    SignalWatcher watcher;
    QObject::connect(&watcher, &SignalWatcher::terminationRequested, &follower,
                     [](int) { QCoreApplication::quit(); });
    QCoreApplication::exec();
    server.stop();
    follower.follow(nullptr);
    session.reset();
    return 0;
}

} // namespace netlens::cli
