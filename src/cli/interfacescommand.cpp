// SPDX-License-Identifier: GPL-3.0-or-later
#include "interfacescommand.h"

#include "capture/helperprocess.h"
#include "capture/interfaces.h"
#include "reportoutput.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cstdio>
#include <pcap/pcap.h>

namespace netlens::cli {

namespace {
std::string flagsText(const InterfaceInfo &i)
{
    std::string f;
    const auto add = [&f](const char *s) { f += f.empty() ? s : std::string(",") + s; };
    if (i.up)
        add("up");
    if (i.running)
        add("running");
    if (i.loopback)
        add("loopback");
    if (i.wireless)
        add("wireless");
    return f.empty() ? "-" : f;
}
} // namespace

int runInterfaces(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("cli", "List capture interfaces."));
    parser.addHelpOption();
    const QCommandLineOption jsonOpt(QStringLiteral("json"),
                                     QCoreApplication::translate("cli", "Print JSON."));
    parser.addOption(jsonOpt);
    if (const int status = parseCommandLine(parser, arguments, "interfaces"); status >= 0)
        return status;
    std::string error;
    // Through the capture helper: it may open the interfaces, and so knows their link types.
    const auto list = listInterfaces(
        findCaptureHelper(QCoreApplication::applicationDirPath().toStdString()), error);
    if (!error.empty()) {
        std::fprintf(stderr, "netlens-cli interfaces: %s\n", error.c_str());
        return 2;
    }
    const std::string def = defaultInterface(list);
    if (parser.isSet(jsonOpt)) {
        QJsonArray arr;
        for (const auto &i : list) {
            QJsonArray addrs;
            for (const auto &a : i.addresses)
                addrs.append(QString::fromStdString(a));
            const char *ltName = i.linkType >= 0 ? pcap_datalink_val_to_name(i.linkType) : nullptr;
            arr.append(
                QJsonObject{{QStringLiteral("name"), QString::fromStdString(i.name)},
                            {QStringLiteral("description"), QString::fromStdString(i.description)},
                            {QStringLiteral("addresses"), addrs},
                            {QStringLiteral("up"), i.up},
                            {QStringLiteral("running"), i.running},
                            {QStringLiteral("loopback"), i.loopback},
                            {QStringLiteral("wireless"), i.wireless},
                            {QStringLiteral("link_type"), i.linkType},
                            {QStringLiteral("link_type_name"),
                             ltName ? QString::fromLatin1(ltName) : QString()},
                            {QStringLiteral("default"), i.name == def}});
        }
        std::fputs(QJsonDocument(arr).toJson(QJsonDocument::Indented).constData(), stdout);
        return 0;
    }
    std::printf("  %-16s %-24s %-12s %s\n", "NAME", "FLAGS", "LINK", "ADDRESSES / DESCRIPTION");
    for (const auto &i : list) {
        std::string addrs;
        for (const auto &a : i.addresses)
            addrs += (addrs.empty() ? "" : " ") + a;
        if (!i.description.empty())
            addrs += (addrs.empty() ? "" : "  ") + std::string("(") + i.description + ")";
        const char *lt = i.linkType >= 0 ? pcap_datalink_val_to_name(i.linkType) : nullptr;
        std::printf("%c %-16s %-24s %-12s %s\n", i.name == def ? '*' : ' ', i.name.c_str(),
                    flagsText(i).c_str(), lt ? lt : "?", addrs.c_str());
    }
    std::printf("\n* default interface for capture\n");
    return 0;
}

} // namespace netlens::cli
