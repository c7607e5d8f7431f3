// SPDX-License-Identifier: GPL-3.0-or-later
// Starting NetLens: the command line (StartupOptions, and the real netlens binary's answers
// to --help, --version and bad arguments), the "Start at login" autostart entry (Autostart,
// checked by desktop-file-validate, and the settings dialog's round trip), and the window's
// -k start. Offscreen; the tray and a live capture are in tst_startlive.
#include "guitesthelpers.h"
#include "mainwindow/capturetoolbar.h"
#include "mainwindow/mainwindow.h"
#include "session/startupoptions.h"
#include "settings/autostart.h"
#include "settings/settingsdialog.h"

#include <QCheckBox>
#include <QProcessEnvironment>
#include <QStatusBar>
#include <QTemporaryDir>
#include <unistd.h>

using namespace netlens;
using namespace netlens::test;

namespace {
StartupOptions parse(QStringList args)
{
    args.prepend(QStringLiteral("netlens"));
    return StartupOptions::parse(args);
}

struct Run {
    int code = -1;
    QString out, err;
};

/// The last line of `text` (Qt may warn before the program's own message).
QString lastLine(const QString &text)
{
    return text.trimmed().split(QLatin1Char('\n')).constLast();
}

/// Runs the real netlens with `args`; `env` changes to its environment (empty value: unset).
Run runApp(const QStringList &args, const QList<std::pair<QString, QString>> &env = {})
{
    QProcess p;
    QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
    e.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    e.insert(QStringLiteral("NETLENS_NO_DIALOGS"), QStringLiteral("1"));
    e.insert(QStringLiteral("LANG"), QStringLiteral("C.UTF-8"));
    for (const auto &[k, v] : env)
        v.isEmpty() ? e.remove(k) : e.insert(k, v);
    p.setProcessEnvironment(e);
    p.start(QStringLiteral(NETLENS_APP), args);
    Run r;
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished();
        return r;
    }
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}
} // namespace

class TestStartup final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        isolateSettings();
        QCoreApplication::setApplicationVersion(QStringLiteral(NETLENS_VERSION));
    }

    void parsesNothing()
    {
        const StartupOptions o = parse({});
        QCOMPARE(o.action(), StartupOptions::Action::Run);
        QVERIFY(!o.startCapture());
        QVERIFY(!o.tray());
        QVERIFY(o.interface().isEmpty());
        QVERIFY(!o.hasCaptureFilter());
        QVERIFY(o.files().isEmpty());
    }

    void parsesCaptureAtStart()
    {
        const StartupOptions o = parse(
            {QStringLiteral("-i"), QStringLiteral("wB"), QStringLiteral("-k"), QStringLiteral("-f"),
             QStringLiteral(" tcp port 443 "), QStringLiteral("--tray")});
        QCOMPARE(o.action(), StartupOptions::Action::Run);
        QCOMPARE(o.interface(), QStringLiteral("wB"));
        QVERIFY(o.startCapture());
        QVERIFY(o.hasCaptureFilter());
        QCOMPARE(o.captureFilter(), QStringLiteral("tcp port 443"));
        QVERIFY(o.tray());

        const StartupOptions l =
            parse({QStringLiteral("--interface=eth0"), QStringLiteral("--capture-filter=udp"),
                   QStringLiteral("-k")});
        QCOMPARE(l.interface(), QStringLiteral("eth0"));
        QCOMPARE(l.captureFilter(), QStringLiteral("udp"));
        QVERIFY(l.startCapture());
        QVERIFY(!l.tray());

        // -k alone: the window picks the default interface. -f "" clears a saved filter.
        const StartupOptions k = parse({QStringLiteral("-k"), QStringLiteral("-f"), QString()});
        QVERIFY(k.startCapture());
        QVERIFY(k.interface().isEmpty());
        QVERIFY(k.hasCaptureFilter());
        QVERIFY(k.captureFilter().isEmpty());
    }

    void parsesFiles()
    {
        const StartupOptions o =
            parse({QStringLiteral("a.pcap"), QStringLiteral("--tray"), QStringLiteral("b.pcapng")});
        QCOMPARE(o.action(), StartupOptions::Action::Run);
        QCOMPARE(o.files(), (QStringList{QStringLiteral("a.pcap"), QStringLiteral("b.pcapng")}));
        QVERIFY(o.tray());
        // After --, a file may look like an option.
        const StartupOptions d = parse({QStringLiteral("--"), QStringLiteral("-k.pcap")});
        QCOMPARE(d.action(), StartupOptions::Action::Run);
        QCOMPARE(d.files(), QStringList{QStringLiteral("-k.pcap")});
        QVERIFY(!d.startCapture());
    }

    void refusesBadArguments_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("named");
        QTest::newRow("unknown option")
            << QStringList{QStringLiteral("--bogus")} << QStringLiteral("bogus");
        QTest::newRow("unknown short") << QStringList{QStringLiteral("-z")} << QStringLiteral("z");
        QTest::newRow("-i without a value")
            << QStringList{QStringLiteral("-i")} << QStringLiteral("i");
        QTest::newRow("-f without a value")
            << QStringList{QStringLiteral("-k"), QStringLiteral("-f")} << QStringLiteral("f");
        QTest::newRow("-i twice") << QStringList{QStringLiteral("-i"), QStringLiteral("a"),
                                                 QStringLiteral("-i"), QStringLiteral("b")}
                                  << QStringLiteral("-i");
        QTest::newRow("-f twice") << QStringList{QStringLiteral("-f"), QStringLiteral("tcp"),
                                                 QStringLiteral("-f"), QStringLiteral("udp")}
                                  << QStringLiteral("-f");
        QTest::newRow("empty interface")
            << QStringList{QStringLiteral("-i"), QString(), QStringLiteral("-k")}
            << QStringLiteral("-i");
        QTest::newRow("interface with a space")
            << QStringList{QStringLiteral("-i"), QStringLiteral("eth 0")}
            << QStringLiteral("eth 0");
        QTest::newRow("interface with a control character")
            << QStringList{QStringLiteral("-i"), QStringLiteral("eth\n0")}
            << QStringLiteral("eth\\x0a0");
        QTest::newRow("-k with files")
            << QStringList{QStringLiteral("-k"), QStringLiteral("x.pcap")}
            << QStringLiteral("x.pcap");
    }

    void refusesBadArguments()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, named);
        const StartupOptions o = parse(args);
        QCOMPARE(o.action(), StartupOptions::Action::Error);
        QVERIFY2(o.text().startsWith(QStringLiteral("netlens: ")), qPrintable(o.text()));
        QVERIFY2(o.text().contains(named), qPrintable(o.text()));
        QVERIFY(!o.text().contains(QLatin1Char('\n')));
    }

    void helpAndVersion()
    {
        const StartupOptions h =
            parse({QStringLiteral("-i"), QStringLiteral("x"), QStringLiteral("--help")});
        QCOMPARE(h.action(), StartupOptions::Action::Help);
        for (const char *o : {"-i", "-k", "-f", "--tray", "--version", "FILE"})
            QVERIFY2(h.text().contains(QLatin1String(o)), o);
        const StartupOptions v = parse({QStringLiteral("--version")});
        QCOMPARE(v.action(), StartupOptions::Action::Version);
        QVERIFY(v.text().contains(QStringLiteral(NETLENS_VERSION)));

        QVERIFY(StartupOptions::asksForHelpOrVersion(
            {QStringLiteral("netlens"), QStringLiteral("-h")}));
        QVERIFY(StartupOptions::asksForHelpOrVersion(
            {QStringLiteral("netlens"), QStringLiteral("-k"), QStringLiteral("--version")}));
        QVERIFY(!StartupOptions::asksForHelpOrVersion({QStringLiteral("netlens")}));
        // The program name and files are not options.
        QVERIFY(!StartupOptions::asksForHelpOrVersion({QStringLiteral("--help")}));
        QVERIFY(!StartupOptions::asksForHelpOrVersion(
            {QStringLiteral("netlens"), QStringLiteral("--"), QStringLiteral("--help")}));
    }

    void binaryAnswersWithoutADisplay()
    {
        // --help and --version come before the GUI: no display, no platform plugin needed.
        const QList<std::pair<QString, QString>> noDisplay = {
            {QStringLiteral("DISPLAY"), QString()},
            {QStringLiteral("WAYLAND_DISPLAY"), QString()},
            {QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("xcb")}};
        const Run help = runApp({QStringLiteral("--help")}, noDisplay);
        QCOMPARE(help.code, 0);
        QVERIFY2(help.out.contains(QStringLiteral("--tray")), qPrintable(help.out + help.err));
        QVERIFY(help.out.contains(QStringLiteral("Usage:")));
        const Run version = runApp({QStringLiteral("--version")}, noDisplay);
        QCOMPARE(version.code, 0);
        QCOMPARE(version.out.trimmed(), QStringLiteral("NetLens " NETLENS_VERSION));
    }

    void binaryRefusesBadArguments()
    {
        const Run bogus = runApp({QStringLiteral("--bogus")});
        QCOMPARE(bogus.code, 2);
        QVERIFY(bogus.out.isEmpty());
        QVERIFY2(lastLine(bogus.err).startsWith(QStringLiteral("netlens: ")),
                 qPrintable(bogus.err));
        QVERIFY2(lastLine(bogus.err).contains(QStringLiteral("bogus")), qPrintable(bogus.err));
        const Run both = runApp({QStringLiteral("-k"), QStringLiteral("some.pcap")});
        QCOMPARE(both.code, 2);
        QVERIFY2(lastLine(both.err).contains(QStringLiteral("some.pcap")), qPrintable(both.err));
        // Qt's own options are still Qt's, not errors.
        const Run qtOption = runApp(
            {QStringLiteral("-platform"), QStringLiteral("offscreen"), QStringLiteral("--bogus2")});
        QCOMPARE(qtOption.code, 2);
        QVERIFY2(qtOption.err.contains(QStringLiteral("bogus2")), qPrintable(qtOption.err));
        QVERIFY2(!qtOption.err.contains(QStringLiteral("platform")), qPrintable(qtOption.err));
    }

    void startAppliesTheOptions()
    {
        AppSettings settings;
        settings.dataDir = m_tmp.filePath(QStringLiteral("data"));
        MainWindow w(settings);
        const QString first = w.captureToolbar()->currentInterface();
        // -f and -i without -k: the toolbar is set up, nothing starts, the window shows.
        w.start(parse({QStringLiteral("-f"), QStringLiteral("udp port 53"), QStringLiteral("-i"),
                       QStringLiteral("lo")}));
        QVERIFY(w.isVisible());
        QCOMPARE(w.captureToolbar()->captureFilter(), QStringLiteral("udp port 53"));
        if (w.captureToolbar()->selectInterface(QStringLiteral("lo")))
            QCOMPARE(w.captureToolbar()->currentInterface(), QStringLiteral("lo"));
        QVERIFY(!w.session());
        Q_UNUSED(first);
    }

    void badCaptureFilterIsShown()
    {
        AppSettings settings;
        settings.dataDir = m_tmp.filePath(QStringLiteral("data"));
        MainWindow w(settings);
        w.start(parse({QStringLiteral("-k"), QStringLiteral("-i"), QStringLiteral("lo"),
                       QStringLiteral("-f"), QStringLiteral("tcp port nonsense")}));
        QVERIFY(!w.session()); // nothing started
        const QString shown = w.statusBar()->currentMessage();
        QVERIFY2(shown.contains(QStringLiteral("tcp port nonsense")), qPrintable(shown));
        QVERIFY2(shown.contains(QStringLiteral("not valid")), qPrintable(shown));
    }

    void unknownInterfaceIsShown()
    {
        // Not listed: still tried, and the capture's own error (naming it) is shown.
        AppSettings settings;
        settings.dataDir = m_tmp.filePath(QStringLiteral("data"));
        MainWindow w(settings);
        w.start(parse({QStringLiteral("-k"), QStringLiteral("-i"), QStringLiteral("nosuch9")}));
        QVERIFY(waitFor(
            [&] { return w.statusBar()->currentMessage().contains(QStringLiteral("nosuch9")); },
            20000));
    }

    void noInterfaceToCaptureOn()
    {
        // -k without -i where no interface is up: said, not a capture on lo or "any". Run
        // again by itself in a network namespace of its own, where only lo (down) exists.
        if (!qEnvironmentVariableIsSet("NETLENS_TEST_EMPTY_NETNS")) {
            if (::geteuid() != 0)
                QSKIP("needs root for a network namespace of its own (CI runs as root)");
            QProcess p;
            QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
            e.insert(QStringLiteral("NETLENS_TEST_EMPTY_NETNS"), QStringLiteral("1"));
            p.setProcessEnvironment(e);
            p.setProcessChannelMode(QProcess::ForwardedChannels);
            p.start(QStringLiteral("unshare"),
                    {QStringLiteral("--net"), QCoreApplication::applicationFilePath(),
                     QStringLiteral("noInterfaceToCaptureOn")});
            QVERIFY(p.waitForFinished(60000));
            if (p.exitCode() != 0 &&
                QProcess::execute(QStringLiteral("unshare"),
                                  {QStringLiteral("--net"), QStringLiteral("true")}) != 0)
                QSKIP("unshare --net is not possible here");
            QCOMPARE(p.exitCode(), 0);
            return;
        }
        AppSettings settings;
        settings.dataDir = m_tmp.filePath(QStringLiteral("data"));
        MainWindow w(settings);
        QVERIFY(w.captureToolbar()->chosenInterface().isEmpty());
        w.start(parse({QStringLiteral("-k")}));
        QVERIFY(!w.session());
        const QString shown = w.statusBar()->currentMessage();
        QVERIFY2(shown.contains(QStringLiteral("no interface to capture on")), qPrintable(shown));
    }

    void autostartEntry()
    {
        const QString home = m_tmp.filePath(QStringLiteral("config1"));
        const QString exe = QStringLiteral("/opt/Net Lens/bin/net$lens%1\\x");
        const Autostart a(home, exe);
        QCOMPARE(a.path(), home + QStringLiteral("/autostart/netlens.desktop"));
        QVERIFY(!a.isEnabled());
        QString error;
        QVERIFY2(a.enable(false, error), qPrintable(error));
        QVERIFY(a.isEnabled());
        QVERIFY(!a.capturesAtLogin());
        QCOMPARE(a.command(), (QStringList{exe, QStringLiteral("--tray")}));
        validate(a.path());
        QVERIFY2(a.enable(true, error), qPrintable(error));
        QVERIFY(a.capturesAtLogin());
        QCOMPARE(a.command(), (QStringList{exe, QStringLiteral("--tray"), QStringLiteral("-k")}));
        validate(a.path());
        QVERIFY2(a.disable(error), qPrintable(error));
        QVERIFY(!QFile::exists(a.path()));
        QVERIFY(!a.isEnabled());
        QVERIFY2(a.disable(error), qPrintable(error)); // nothing there: fine

        // Hidden=true is the spec's "disabled" (another tool's way to turn it off).
        QFile f(a.path());
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("[Desktop Entry]\nType=Application\nName=NetLens\nExec=netlens --tray\n"
                "Hidden=true\n");
        f.close();
        QVERIFY(!a.isEnabled());
    }

    void autostartFolder()
    {
        const QByteArray old = qgetenv("XDG_CONFIG_HOME");
        const QString home = m_tmp.filePath(QStringLiteral("xdg"));
        qputenv("XDG_CONFIG_HOME", home.toUtf8());
        QCOMPARE(Autostart::forUser().path(), home + QStringLiteral("/autostart/netlens.desktop"));
        QCOMPARE(Autostart::forUser().command().value(0), QString()); // no entry yet
        qputenv("XDG_CONFIG_HOME", "relative/dir"); // not absolute: ignored, as the spec says
        QCOMPARE(Autostart::forUser().path(),
                 QDir::homePath() + QStringLiteral("/.config/autostart/netlens.desktop"));
        qputenv("XDG_CONFIG_HOME", old);

        // A config "folder" that is a file: the error names the place.
        const QString notDir = m_tmp.filePath(QStringLiteral("plainfile"));
        QFile f(notDir);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        QString error;
        QVERIFY(!Autostart(notDir, QStringLiteral("/usr/bin/netlens")).enable(false, error));
        QVERIFY2(error.contains(notDir), qPrintable(error));
    }

    void settingsDialogRoundTrip()
    {
        const QByteArray old = qgetenv("XDG_CONFIG_HOME");
        const QString home = m_tmp.filePath(QStringLiteral("dialog"));
        qputenv("XDG_CONFIG_HOME", home.toUtf8());
        const QString path = home + QStringLiteral("/autostart/netlens.desktop");
        AppSettings settings;
        settings.dataDir = m_tmp.filePath(QStringLiteral("data"));
        {
            SettingsDialog d(settings);
            auto *on = d.findChild<QCheckBox *>(QStringLiteral("autostartCheck"));
            auto *capture = d.findChild<QCheckBox *>(QStringLiteral("autostartCaptureCheck"));
            QVERIFY(on && capture);
            QVERIFY(!on->isChecked());
            QVERIFY(!capture->isEnabled());
            on->setChecked(true);
            QVERIFY(capture->isEnabled());
            capture->setChecked(true);
            d.accept();
            QCOMPARE(d.result(), int(QDialog::Accepted));
        }
        QVERIFY(QFile::exists(path));
        QCOMPARE(Autostart::forUser().command(),
                 (QStringList{QCoreApplication::applicationFilePath(), QStringLiteral("--tray"),
                              QStringLiteral("-k")}));
        validate(path);
        {
            SettingsDialog d(settings); // the boxes show the file
            auto *on = d.findChild<QCheckBox *>(QStringLiteral("autostartCheck"));
            auto *capture = d.findChild<QCheckBox *>(QStringLiteral("autostartCaptureCheck"));
            QVERIFY(on->isChecked());
            QVERIFY(capture->isChecked());
            on->setChecked(false);
            d.accept();
        }
        QVERIFY(!QFile::exists(path));
        {
            SettingsDialog d(settings);
            QVERIFY(!d.findChild<QCheckBox *>(QStringLiteral("autostartCheck"))->isChecked());
            d.accept(); // unchanged: nothing written
        }
        QVERIFY(!QFile::exists(path));

        // The folder cannot be made: the dialog stays open and names the place.
        const QString blocked = m_tmp.filePath(QStringLiteral("blocked"));
        QFile f(blocked);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.close();
        qputenv("XDG_CONFIG_HOME", blocked.toUtf8());
        {
            SettingsDialog d(settings);
            d.findChild<QCheckBox *>(QStringLiteral("autostartCheck"))->setChecked(true);
            d.accept();
            QCOMPARE(d.result(), int(QDialog::Rejected));
            QVERIFY2(d.autostartError().contains(blocked), qPrintable(d.autostartError()));
        }
        qputenv("XDG_CONFIG_HOME", old);
    }

private:
    static void validate(const QString &path)
    {
        QVERIFY2(!QStandardPaths::findExecutable(QStringLiteral("desktop-file-validate")).isEmpty(),
                 "desktop-file-validate is not installed (deploy/setup-deps.sh --test)");
        QProcess p;
        p.start(QStringLiteral("desktop-file-validate"), {path});
        QVERIFY(p.waitForFinished(30000));
        const QByteArray out = p.readAllStandardOutput() + p.readAllStandardError();
        QVERIFY2(p.exitCode() == 0 && out.trimmed().isEmpty(), out.constData());
    }

    QTemporaryDir m_tmp;
};

QTEST_MAIN(TestStartup)
#include "tst_startup.moc"
