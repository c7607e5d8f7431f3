// SPDX-License-Identifier: GPL-3.0-or-later
#include "capturecommand.h"

#include "alertcommand.h"
#include "capture/captureworker.h"
#include "capture/helperprocess.h"
#include "capture/interfaces.h"
#include "deliveryoptions.h"
#include "engine/engine.h"
#include "history/historysettings.h"
#include "ipfixoptions.h"
#include "limitoptions.h"
#include "notify/alerthub.h"
#include "reportoutput.h"
#include "session/capturesession.h"
#include "signalwatcher.h"
#include "web/dashboardfeed.h"
#include "web/sessionfeed.h"
#include "web/webserver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QHash>
#include <QThread>
#include <cstdio>
#include <limits>

namespace netlens::cli {

namespace {
QString tr(const char *text)
{
    return QCoreApplication::translate("cli", text);
}

bool parseCount(const QString &text, const char *name, quint64 &out,
                quint64 max = std::numeric_limits<quint64>::max())
{
    bool ok = false;
    out = text.toULongLong(&ok);
    if (!ok || out == 0) {
        printError(QStringLiteral("netlens-cli capture: %1 \"%2\" is not a positive number")
                       .arg(QLatin1String(name), text));
        return false;
    }
    if (out > max) {
        // Said, not clamped: a capture that silently runs with less than was asked is worse.
        printError(QStringLiteral("netlens-cli capture: %1 %2 is too large (at most %3)")
                       .arg(QLatin1String(name), text)
                       .arg(max));
        return false;
    }
    return true;
}

void printStats(const CaptureStats &s, const char *prefix)
{
    std::fprintf(stderr,
                 "%s%llu packets, %llu bytes, %.0f pkt/s, %.2f Mbit/s, dropped %llu (kernel) %llu "
                 "(interface), %s\n",
                 prefix, static_cast<unsigned long long>(s.packets),
                 static_cast<unsigned long long>(s.bytes), s.packetsPerSec, s.bytesPerSec * 8 / 1e6,
                 static_cast<unsigned long long>(s.droppedKernel),
                 static_cast<unsigned long long>(s.droppedInterface),
                 s.file.isEmpty() ? "not recording" : qPrintable(s.file));
}
} // namespace

int runCapture(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Capture live traffic to a pcap file and analyze it."));
    parser.addHelpOption();
    const QCommandLineOption ifOpt(
        {QStringLiteral("i"), QStringLiteral("interface")},
        tr("Interface to capture on (default: the first that is up and not loopback)."),
        QStringLiteral("IFACE"));
    const QCommandLineOption filterOpt({QStringLiteral("f"), QStringLiteral("filter")},
                                       tr("BPF capture filter."), QStringLiteral("BPF"));
    const QCommandLineOption writeOpt(
        {QStringLiteral("w"), QStringLiteral("write")},
        tr("Capture file (default data/capture-YYYYmmdd-HHMMSS.pcap)."), QStringLiteral("FILE"));
    const QCommandLineOption dirOpt(QStringLiteral("dir"),
                                    tr("Directory for capture files (default data)."),
                                    QStringLiteral("DIR"), QStringLiteral("data"));
    const QCommandLineOption countOpt({QStringLiteral("c"), QStringLiteral("count")},
                                      tr("Stop after COUNT packets."), QStringLiteral("COUNT"));
    const QCommandLineOption autoOpt(
        {QStringLiteral("a"), QStringLiteral("autostop")},
        tr("Stop when packets:N, duration:S or filesize:KB is reached."),
        QStringLiteral("KEY:VALUE"));
    const QCommandLineOption ringOpt({QStringLiteral("b"), QStringLiteral("ring-buffer")},
                                     tr("New file at filesize:KB or duration:S; keep files:N."),
                                     QStringLiteral("KEY:VALUE"));
    const QCommandLineOption snapOpt(QStringLiteral("snaplen"),
                                     tr("Bytes kept per packet (default 262144)."),
                                     QStringLiteral("N"), QStringLiteral("262144"));
    const QCommandLineOption bufOpt(QStringLiteral("buffer"),
                                    tr("Kernel buffer in MiB (default 16)."), QStringLiteral("MiB"),
                                    QStringLiteral("16"));
    const QCommandLineOption noPromiscOpt(QStringLiteral("no-promisc"),
                                          tr("Do not use promiscuous mode."));
    const QCommandLineOption noWriteOpt(QStringLiteral("no-write"),
                                        tr("Do not record a capture file."));
    const QCommandLineOption capOpt(
        QStringLiteral("store-cap"),
        tr("Packet rows kept in memory (default 5000000); statistics stay complete."),
        QStringLiteral("N"), QStringLiteral("5000000"));
    const QCommandLineOption csvOpt(QStringLiteral("csv"), tr("Write the per-packet CSV to PATH."),
                                    QStringLiteral("PATH"));
    const QCommandLineOption jsonOpt(QStringLiteral("json"), tr("Write the JSON summary to PATH."),
                                     QStringLiteral("PATH"));
    const QCommandLineOption topOpt(QStringLiteral("top"),
                                    tr("Rows in the top lists (default 10)."), QStringLiteral("N"),
                                    QStringLiteral("10"));
    const QCommandLineOption quietOpt(QStringLiteral("quiet"),
                                      tr("No status lines and no report."));
    const QCommandLineOption alertsOpt(
        QStringLiteral("alerts"),
        tr("Run the alert engine and print each alert as it engages and is released (its "
           "packet snippets go under the --dir folder's alerts/)."));
    const QCommandLineOption rulesOpt(QStringLiteral("rules"),
                                      tr("Alert rules file (default: the built-in rules)."),
                                      QStringLiteral("PATH"));
    const QCommandLineOption webOpt(
        QStringLiteral("web"),
        tr("Serve the web dashboard at [ADDR:]PORT while capturing (127.0.0.1 unless given)."),
        QStringLiteral("[ADDR:]PORT"));
    const QCommandLineOption tokenOpt(
        QStringLiteral("token"),
        tr("Access token for the web dashboard (default: $NETLENS_WEB_TOKEN); needed for an "
           "address other than loopback."),
        QStringLiteral("TOKEN"));
    const QCommandLineOption keepOpt(
        QStringLiteral("keep-serving"),
        tr("With --web: when the capture stops on its own (-c, -a), keep serving the finished "
           "capture until interrupted."));
    parser.addOptions({ifOpt,   filterOpt, writeOpt,     dirOpt,     countOpt, autoOpt,  ringOpt,
                       snapOpt, bufOpt,    noPromiscOpt, noWriteOpt, capOpt,   csvOpt,   jsonOpt,
                       topOpt,  quietOpt,  alertsOpt,    rulesOpt,   webOpt,   tokenOpt, keepOpt});
    // The traffic history (netlens-cli history), on by default for live captures.
    const QCommandLineOption noHistoryOpt(QStringLiteral("no-history"),
                                          tr("Do not record the per-minute traffic history."));
    const QCommandLineOption historyDbOpt(
        QStringLiteral("history-db"),
        tr("Record the traffic history in PATH (default data/netlens.db)."), QStringLiteral("PATH"),
        QStringLiteral("data/netlens.db"));
    parser.addOptions({noHistoryOpt, historyDbOpt});
    // A monitor keeps retrying a server that is down for a day (pending deliveries also
    // survive a restart in the database).
    DeliveryOptions delivery(86400);
    delivery.addTo(parser);
    const LimitOptions limitOptions;
    limitOptions.addTo(parser);
    const IpfixOptions ipfixOptions;
    ipfixOptions.addTo(parser);
    if (const int status = parseCommandLine(parser, arguments, "capture"); status >= 0)
        return status;

    CaptureSettings settings;
    settings.executablePath = QCoreApplication::applicationFilePath().toStdString();
    settings.filter = parser.value(filterOpt).toStdString();
    settings.outputFile = parser.value(writeOpt).toStdString();
    settings.outputDir = parser.value(dirOpt).toStdString();
    settings.promiscuous = !parser.isSet(noPromiscOpt);
    settings.record = !parser.isSet(noWriteOpt);
    quint64 n = 0;
    if (!parseCount(parser.value(snapOpt), "--snaplen", n, kMaxSnapLen))
        return 2;
    settings.snapLen = static_cast<int>(n);
    if (!parseCount(parser.value(bufOpt), "--buffer", n, kMaxBufferMiB))
        return 2;
    settings.bufferMiB = static_cast<int>(n);
    if (!parseCount(parser.value(capOpt), "--store-cap", n))
        return 2;
    settings.storeCapacity = n;
    QString limitError;
    if (!limitOptions.read(parser, settings.limits, limitError) ||
        !ipfixOptions.read(parser, settings.ipfix, limitError)) {
        printError(QStringLiteral("netlens-cli capture: ") + limitError);
        return 2;
    }
    settings.ipfix.maxFlows = settings.limits.maxFlows;
    if (parser.isSet(countOpt)) {
        if (!parseCount(parser.value(countOpt), "-c", n))
            return 2;
        settings.autoStop.packets = n;
    }
    std::string error;
    for (const QString &a : parser.values(autoOpt))
        if (!parseAutoStopOption(a.toStdString(), settings.autoStop, error)) {
            printError(QStringLiteral("netlens-cli capture: ") + QString::fromStdString(error));
            return 2;
        }
    for (const QString &b : parser.values(ringOpt))
        if (!parseRingOption(b.toStdString(), settings.ring, error)) {
            printError(QStringLiteral("netlens-cli capture: ") + QString::fromStdString(error));
            return 2;
        }
    if (settings.ring.files && !settings.ring.enabled()) {
        printError(QStringLiteral(
            "netlens-cli capture: -b files:N needs -b filesize:KB or -b duration:S"));
        return 2;
    }
    const bool quiet = parser.isSet(quietOpt);
    settings.interface = parser.value(ifOpt).toStdString();
    if (settings.interface.empty()) {
        const auto list = listInterfaces(
            findCaptureHelper(QCoreApplication::applicationDirPath().toStdString()), error);
        settings.interface = defaultInterface(list);
        if (settings.interface.empty()) {
            printError(QStringLiteral(
                "netlens-cli capture: no interface is up (besides loopback); name one with -i"));
            return 2;
        }
        std::fprintf(stderr, "Capturing on %s (the first interface that is up and not loopback)\n",
                     settings.interface.c_str());
    }

    WebSettings web;
    if (parser.isSet(webOpt)) {
        QString webError;
        if (!web.parseListen(parser.value(webOpt), webError)) {
            printError(QStringLiteral("netlens-cli capture: --web: ") + webError);
            return 2;
        }
        web.token = parser.isSet(tokenOpt) ? parser.value(tokenOpt)
                                           : qEnvironmentVariable("NETLENS_WEB_TOKEN");
    } else if (parser.isSet(tokenOpt) || parser.isSet(keepOpt)) {
        printError(QStringLiteral("netlens-cli capture: --token and --keep-serving need --web"));
        return 2;
    }

    if (parser.isSet(rulesOpt) && !parser.isSet(alertsOpt)) {
        printError(QStringLiteral("netlens-cli capture: --rules needs --alerts"));
        return 2;
    }
    QString deliveryError;
    if (!delivery.read(parser, deliveryError)) {
        printError(QStringLiteral("netlens-cli capture: ") + deliveryError);
        return 2;
    }
    if ((delivery.wanted() || parser.isSet(QStringLiteral("db"))) && !parser.isSet(alertsOpt)) {
        printError(
            QStringLiteral("netlens-cli capture: --email-to, --webhook and --db need --alerts"));
        return 2;
    }
    // Every alert goes to the history (and the outbox of each channel asked for), also when
    // no channel is: the GUI and the next run can list what a headless monitor saw.
    std::unique_ptr<AlertHub> hub;
    if (parser.isSet(alertsOpt)) {
        NotifySettings notify = delivery.settings();
        // An alert waits (bounded) for its snippet, written a few seconds after the trigger,
        // so the e-mail can attach it.
        notify.snippetWaitMs = (settings.alerts.snippetAfterSeconds + 3) * 1000;
        QString hubError;
        hub = openHub(delivery, hubError);
        if (!hub) {
            printError(QStringLiteral("netlens-cli capture: ") + hubError);
            return 2;
        }
        hub->setSettings(notify);
        hub->setGiveUpAfter(delivery.giveUpAfterS());
        QObject::connect(hub.get(), &AlertHub::storageError, hub.get(), [](const QString &m) {
            printError(QStringLiteral("netlens-cli capture: ") + m);
        });
    }
    if (parser.isSet(alertsOpt)) {
        settings.alerts.enabled = true;
        settings.alerts.dataDir = QString::fromStdString(settings.outputDir);
        if (!loadRulesOption(parser.value(rulesOpt), "capture", settings.alerts.rules))
            return 2;
    }

    if (parser.isSet(historyDbOpt) && parser.isSet(noHistoryOpt)) {
        printError(QStringLiteral("netlens-cli capture: --history-db and --no-history contradict"));
        return 2;
    }
    settings.history.enabled = !parser.isSet(noHistoryOpt);
    settings.history.dbPath = parser.value(historyDbOpt);
    settings.history.localAddresses =
        interfaceAddresses(QString::fromStdString(settings.interface));

    // The same session the window drives: one vocabulary, no worker wiring here.
    CaptureSession *session = CaptureSession::startCapture(settings);
    // The page reads the same session through a feed; a port in use is said and the capture
    // goes on without it.
    std::unique_ptr<WebServer> server;
    std::unique_ptr<SessionFeed> sessionFeed;
    if (parser.isSet(webOpt)) {
        auto feed = std::make_shared<DashboardFeed>();
        sessionFeed = std::make_unique<SessionFeed>(feed);
        sessionFeed->follow(session);
        server = std::make_unique<WebServer>(feed, web);
        QString webError;
        if (server->start(webError)) {
            std::fprintf(stderr, "Web dashboard at %s\n", qPrintable(server->url()));
        } else {
            printError(QStringLiteral("netlens-cli capture: web dashboard: %1 (capturing without "
                                      "it)")
                           .arg(webError));
            server.reset();
        }
    }
    // Printed as they come (the coordinator's delivery hooks in with deliverAlerts()).
    // An alert comes again when its snippet is written and when it is released: one line for
    // each news (ALERT, SNIPPET, RELEASED), in the order they happen.
    struct Shown {
        bool engaged = false, snippet = false, released = false;
    };
    QHash<QString, Shown> shown; // by uid
    QObject::connect(session, &CaptureSession::alertsReady, session,
                     [&shown, &hub](const QList<Alert> &alerts) {
                         for (const Alert &a : alerts) {
                             if (hub)
                                 hub->submit(a);
                             Shown &s = shown[a.uid];
                             if (!s.engaged) {
                                 s.engaged = true;
                                 Alert engaged = a;
                                 engaged.state = Alert::State::Engaged;
                                 std::printf("%s\n", qPrintable(alertLine(engaged)));
                             }
                             if (!a.snippetPath.isEmpty() && !s.snippet) {
                                 s.snippet = true;
                                 std::printf("%s\n", qPrintable(alertLine(a, true)));
                             }
                             if (!a.isEngaged() && !s.released) {
                                 s.released = true;
                                 std::printf("%s\n", qPrintable(alertLine(a)));
                             }
                         }
                         std::fflush(stdout);
                     });
    bool failed = false;
    CaptureStats last;
    QObject::connect(session, &CaptureSession::captureStarted, session,
                     [quiet](const QString &ifname, int, const QString &file) {
                         if (!quiet)
                             std::fprintf(stderr, "Capturing on %s, writing %s\n",
                                          qPrintable(ifname),
                                          file.isEmpty() ? "nothing" : qPrintable(file));
                     });
    QObject::connect(session, &CaptureSession::statsTick, session,
                     [quiet, &last](const CaptureStats &s) {
                         last = s;
                         if (!quiet)
                             printStats(s, "");
                     });
    QObject::connect(session, &CaptureSession::errorOccurred, session, [&failed](const QString &m) {
        failed = true;
        printError(QStringLiteral("netlens-cli capture: ") + m);
    });
    // The export's trouble (a collector down) is said once and does not fail the capture.
    QObject::connect(session, &CaptureSession::warningOccurred, session, [](const QString &m) {
        printError(QStringLiteral("netlens-cli capture: warning: ") + m);
    });
    QObject::connect(session, &CaptureSession::finished, session, [] { QCoreApplication::quit(); });
    SignalWatcher watcher;
    bool interrupted = false;
    QObject::connect(&watcher, &SignalWatcher::terminationRequested, session,
                     [session, &interrupted](int) {
                         interrupted = true;
                         session->stop();
                     });
    QCoreApplication::exec();
    last = session->lastStats();

    printStats(last, "Final: ");
    if (settings.ipfix.enabled())
        std::fprintf(stderr, "ipfix: %llu flow records exported, %llu messages lost\n",
                     static_cast<unsigned long long>(last.flowsExported),
                     static_cast<unsigned long long>(last.exportLost));
    std::fprintf(stderr,
                 "Kernel received %llu, dropped %llu by the kernel and %llu by the interface\n",
                 static_cast<unsigned long long>(last.received),
                 static_cast<unsigned long long>(last.droppedKernel),
                 static_cast<unsigned long long>(last.droppedInterface));
    std::vector<FileResult> files;
    const QStringList paths = session->files();
    const std::vector<quint64> written = session->filePackets();
    for (qsizetype i = 0; i < paths.size(); ++i) {
        // Gone: a ring buffer file deleted again to keep -b files:N (its packets are still in
        // the statistics, but the report lists only files that can be opened).
        if (!QFileInfo::exists(paths[i]))
            continue;
        FileResult r;
        r.path = paths[i].toStdString();
        r.format = "pcap (written by NetLens)";
        r.packets =
            static_cast<std::size_t>(i) < written.size() ? written[static_cast<std::size_t>(i)] : 0;
        files.push_back(r);
    }
    ReportOptions report;
    report.csvPath = parser.value(csvOpt);
    report.jsonPath = parser.value(jsonOpt);
    report.top = parser.value(topOpt).toInt();
    report.quiet = quiet;
    const int status = writeReport(session->engine(), session->lastSnapshot(), files, report);
    bool delivered = true;
    if (hub) {
        // Deliveries in flight get a little time; what is still pending stays in the outbox
        // and goes out at the next start.
        QStringList uids;
        for (const Alert &a : session->alerts())
            uids << a.uid;
        delivered = waitForDeliveries(*hub, uids, 15000);
    }
    if (server && parser.isSet(keepOpt) && !interrupted) {
        // The page keeps the finished capture (the feed has its final snapshot) until Ctrl-C.
        std::fprintf(stderr, "Capture finished; still serving %s until interrupted\n",
                     qPrintable(server->url()));
        QObject::connect(&watcher, &SignalWatcher::terminationRequested, server.get(),
                         [](int) { QCoreApplication::quit(); });
        QCoreApplication::exec();
    }
    server.reset();
    sessionFeed.reset();
    delete session;
    return failed || !delivered ? 2 : status;
}

} // namespace netlens::cli
