// SPDX-License-Identifier: GPL-3.0-or-later
#include "startupoptions.h"

#include <QCommandLineParser>

namespace netlens {

namespace {
/// `text` with control characters written as escapes, so a message stays one line.
QString printable(const QString &text)
{
    QString out;
    for (const QChar c : text)
        out += c.isPrint() ? QString(c)
                           : QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'));
    return out;
}
} // namespace

StartupOptions StartupOptions::failure(const QString &message)
{
    StartupOptions o;
    o.m_action = Action::Error;
    o.m_text = QStringLiteral("netlens: ") + message;
    return o;
}

bool StartupOptions::asksForHelpOrVersion(const QStringList &arguments)
{
    static const QStringList asks = {QStringLiteral("-h"), QStringLiteral("--help"),
                                     QStringLiteral("-?"), QStringLiteral("--help-all"),
                                     QStringLiteral("-v"), QStringLiteral("--version")};
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        if (arguments[i] == QLatin1String("--"))
            return false; // file names from here on
        if (asks.contains(arguments[i]))
            return true;
    }
    return false;
}

StartupOptions StartupOptions::parse(const QStringList &arguments)
{
    QCommandLineParser p;
    p.setApplicationDescription(tr("NetLens, a network traffic monitor and analyzer."));
    const QCommandLineOption help = p.addHelpOption();
    const QCommandLineOption version = p.addVersionOption();
    const QCommandLineOption iface(
        {QStringLiteral("i"), QStringLiteral("interface")},
        tr("The interface to capture on (preselected; with -k, captured on at once)."),
        tr("IFACE"));
    const QCommandLineOption start(QStringLiteral("k"),
                                   tr("Start capturing at once, on -i's interface or else the "
                                      "default one (Edit → Settings, or the first that is up)."));
    const QCommandLineOption filter({QStringLiteral("f"), QStringLiteral("capture-filter")},
                                    tr("The capture filter (BPF), e.g. \"tcp port 443\"."),
                                    tr("BPF"));
    const QCommandLineOption tray(QStringLiteral("tray"),
                                  tr("Start in the system tray without showing the window "
                                     "(the window shows if no tray appears within 15 s)."));
    p.addOptions({iface, start, filter, tray});
    p.addPositionalArgument(QStringLiteral("files"), tr("Capture files to open, read as one."),
                            tr("[FILE...]"));

    if (!p.parse(arguments))
        return failure(p.errorText());
    StartupOptions o;
    if (p.isSet(help) || p.isSet(QStringLiteral("help-all"))) {
        o.m_action = Action::Help;
        o.m_text = p.helpText();
        return o;
    }
    if (p.isSet(version)) {
        o.m_action = Action::Version;
        o.m_text = QCoreApplication::applicationName() + QLatin1Char(' ') +
                   QCoreApplication::applicationVersion() + QLatin1Char('\n');
        return o;
    }
    if (p.values(iface).size() > 1)
        return failure(tr("-i was given more than once: NetLens captures on one interface"));
    if (p.values(filter).size() > 1)
        return failure(tr("-f was given more than once: give one capture filter (join terms "
                          "with \"and\")"));
    o.m_interface = p.value(iface);
    if (p.isSet(iface)) {
        if (o.m_interface.isEmpty())
            return failure(tr("-i: the interface name is empty"));
        for (const QChar c : o.m_interface)
            if (c.isSpace() || !c.isPrint())
                return failure(tr("-i \"%1\": an interface name has no spaces or control "
                                  "characters")
                                   .arg(printable(o.m_interface)));
    }
    o.m_startCapture = p.isSet(start);
    o.m_hasCaptureFilter = p.isSet(filter);
    o.m_captureFilter = p.value(filter).trimmed();
    o.m_tray = p.isSet(tray);
    o.m_files = p.positionalArguments();
    if (o.m_startCapture && !o.m_files.isEmpty())
        return failure(tr("-k captures live and cannot open files too (%1): give one or the "
                          "other")
                           .arg(o.m_files.join(QStringLiteral(", "))));
    return o;
}

} // namespace netlens
