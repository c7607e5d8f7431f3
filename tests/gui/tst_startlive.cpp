// SPDX-License-Identifier: GPL-3.0-or-later
// Starting with the session, on a real desktop: run by run-startlive.sh in network namespace B
// under Xvfb with a real tray host (trayer) and notification daemon (dunst). The real
// `netlens -i IFACE -k --tray` captures what tcpreplay sends from namespace A into its file
// without mapping a window, with its icon in the tray; an unknown interface is told in a
// notification; "Start at login" writes an entry whose command does the same, and removes
// it; and the window waits for a tray host that comes late, or shows when none comes.
// Screenshots: build/screenshots/startup-tray.png, startup-settings-en.png / -zh_CN.png.
#include "guitesthelpers.h"
#include "mainwindow/mainwindow.h"
#include "settings/autostart.h"
#include "settings/settingsdialog.h"
#include "tray/traycontroller.h"

#include <QCheckBox>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QScreen>
#include <QSystemTrayIcon>
#include <QTabWidget>
#include <QTranslator>
#include <csignal>
#include <memory>

using namespace netlens;
using namespace netlens::test;

namespace {
QString env(const char *name)
{
    return qEnvironmentVariable(name);
}

/// The summaries and bodies of the notifications dunst has shown (closed first, so that
/// its history has them all).
QString dunstTexts()
{
    run(QStringLiteral("dunstctl"), {QStringLiteral("close-all")});
    const QByteArray out = run(QStringLiteral("dunstctl"), {QStringLiteral("history")});
    QString all;
    const QJsonObject doc = QJsonDocument::fromJson(out).object();
    for (const auto &group : doc.value(QStringLiteral("data")).toArray())
        for (const auto &n : group.toArray())
            for (const char *key : {"summary", "body"})
                all += n.toObject()
                           .value(QLatin1String(key))
                           .toObject()
                           .value(QStringLiteral("data"))
                           .toString() +
                       QLatin1Char('\n');
    return all;
}

/// Top-level X windows (children of the root) of NetLens's (by name or class) that are
/// mapped: a window it shows. Its tray icon is not one: the tray host has reparented it.
QStringList mappedAppWindows()
{
    QStringList out;
    const QString tree = QString::fromUtf8(
        run(QStringLiteral("xwininfo"), {QStringLiteral("-root"), QStringLiteral("-children")}));
    static const QRegularExpression line(QStringLiteral(R"(^\s*(0x[0-9a-f]+) (.*netlens.*)$)"),
                                         QRegularExpression::MultilineOption |
                                             QRegularExpression::CaseInsensitiveOption);
    for (auto it = line.globalMatch(tree); it.hasNext();) {
        const auto m = it.next();
        const QString info = QString::fromUtf8(
            run(QStringLiteral("xwininfo"), {QStringLiteral("-id"), m.captured(1)}));
        if (info.contains(QStringLiteral("Map State: IsViewable")))
            out << m.captured(1) + QLatin1Char(' ') + m.captured(2).trimmed();
    }
    return out;
}

/// Windows of class `program` inside trayer's panel: the icons it embeds.
int iconsInTray(const QString &program = QStringLiteral("netlens"))
{
    const QStringList lines =
        QString::fromUtf8(
            run(QStringLiteral("xwininfo"), {QStringLiteral("-root"), QStringLiteral("-tree")}))
            .split(QLatin1Char('\n'));
    const auto indent = [](const QString &l) { return l.size() - l.trimmed().size(); };
    int icons = 0;
    qsizetype panelIndent = -1;
    for (const QString &l : lines) {
        if (l.trimmed().isEmpty())
            continue;
        if (panelIndent >= 0 && indent(l) <= panelIndent)
            panelIndent = -1; // past the panel's subtree
        if (panelIndent < 0 && l.contains(QStringLiteral("(\"panel\" \"trayer\")")))
            panelIndent = indent(l);
        else if (panelIndent >= 0 && l.contains(QStringLiteral("(\"") + program + QLatin1Char('"')))
            ++icons;
    }
    return icons;
}

/// Packets in the capture files under `dir` (tcpdump reads what netlens has flushed).
int capturedPackets(const QString &dir)
{
    int n = 0;
    for (const QFileInfo &f :
         QDir(dir).entryInfoList({QStringLiteral("capture-*.pcap")}, QDir::Files))
        n += static_cast<int>(run(QStringLiteral("tcpdump"),
                                  {QStringLiteral("-n"), QStringLiteral("-r"), f.filePath()})
                                  .count('\n'));
    return n;
}

/// A netlens process of the test's, in `work` with its own settings; killed at the end.
struct App {
    std::unique_ptr<QProcess> process = std::make_unique<QProcess>();
    ~App()
    {
        if (process->state() != QProcess::NotRunning) {
            process->terminate();
            if (!process->waitForFinished(5000)) {
                process->kill();
                process->waitForFinished();
            }
        }
    }
};

void startApp(App &app, const QString &work, const QStringList &args,
              const QString &program = QStringLiteral(NETLENS_APP))
{
    QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
    e.insert(QStringLiteral("XDG_CONFIG_HOME"), work + QStringLiteral("/config"));
    e.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("xcb"));
    e.insert(QStringLiteral("NETLENS_NO_DIALOGS"), QStringLiteral("1"));
    e.insert(QStringLiteral("LANG"), QStringLiteral("C.UTF-8"));
    app.process->setProcessEnvironment(e);
    app.process->setWorkingDirectory(work);
    app.process->setProcessChannelMode(QProcess::ForwardedChannels);
    app.process->start(program, args);
}

void saveScreen(const QString &name)
{
    QDir().mkpath(QStringLiteral(NETLENS_SCREENSHOT_DIR));
    const QString path = QStringLiteral(NETLENS_SCREENSHOT_DIR "/") + name;
    QVERIFY(QGuiApplication::primaryScreen()->grabWindow(0).save(path));
    qInfo("screenshot: %s", qPrintable(path));
}
} // namespace

class TestStartLive final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        isolateSettings();
        QVERIFY2(qEnvironmentVariableIsSet("DISPLAY"), "run through run-startlive.sh");
        QVERIFY2(!env("NETLENS_TEST_IFACE").isEmpty(), "run through run-startlive.sh");
        m_expect = env("NETLENS_TEST_EXPECT").toInt();
        QVERIFY(m_expect > 0);
        QVERIFY2(waitFor([] { return QSystemTrayIcon::isSystemTrayAvailable(); }, 10000),
                 "no system tray: is trayer running?");
    }

    void cleanupTestCase()
    {
        if (m_trayer) {
            m_trayer->terminate();
            m_trayer->waitForFinished(5000);
        }
    }

    void capturesInTheTrayWithoutAWindow()
    {
        QTemporaryDir work;
        App app;
        startApp(app, work.path(),
                 {QStringLiteral("-i"), env("NETLENS_TEST_IFACE"), QStringLiteral("-k"),
                  QStringLiteral("--tray")});
        capturesWithoutAWindow(app, work.path());
        saveScreen(QStringLiteral("startup-tray.png"));
    }

    void unknownInterfaceIsTold()
    {
        // Found only when the capture opens it: with no window, a desktop notification says so.
        QTemporaryDir work;
        App app;
        startApp(app, work.path(),
                 {QStringLiteral("-i"), QStringLiteral("nosuch0"), QStringLiteral("-k"),
                  QStringLiteral("--tray")});
        QVERIFY2(waitFor([] { return dunstTexts().contains(QStringLiteral("nosuch0")); }, 20000),
                 qPrintable(dunstTexts()));
        QVERIFY(mappedAppWindows().isEmpty());
        QCOMPARE(app.process->state(), QProcess::Running); // it told and stays in the tray
    }

    void startAtLoginRoundTrip()
    {
        QTemporaryDir work;
        const QString config = work.filePath(QStringLiteral("config"));
        const QByteArray old = qgetenv("XDG_CONFIG_HOME");
        qputenv("XDG_CONFIG_HOME", config.toUtf8());
        const QString entry = config + QStringLiteral("/autostart/netlens.desktop");
        AppSettings settings;
        settings.dataDir = work.filePath(QStringLiteral("data"));
        for (const QString &lang : {QStringLiteral("en"), QStringLiteral("zh_CN")}) {
            QTranslator tr;
            if (lang != QLatin1String("en")) {
                QVERIFY(tr.load(QStringLiteral("netlens_") + lang, QStringLiteral(NETLENS_QM_DIR)));
                QCoreApplication::installTranslator(&tr);
            }
            SettingsDialog d(settings);
            d.findChild<QCheckBox *>(QStringLiteral("autostartCheck"))->setChecked(true);
            d.findChild<QCheckBox *>(QStringLiteral("autostartCaptureCheck"))->setChecked(true);
            d.show();
            QVERIFY(QTest::qWaitForWindowExposed(&d));
            QTest::qWait(200);
            QDir().mkpath(QStringLiteral(NETLENS_SCREENSHOT_DIR));
            QVERIFY(d.grab().save(QStringLiteral(NETLENS_SCREENSHOT_DIR "/startup-settings-") +
                                  lang + QStringLiteral(".png")));
            d.accept();
            QCoreApplication::removeTranslator(&tr);
        }
        QVERIFY(QFile::exists(entry));
        const QStringList command = Autostart::forUser().command();
        // The entry runs the executable that wrote it (here this test): its arguments are
        // given to netlens, in the session's place, with nothing but the default interface.
        QCOMPARE(command.value(0), QCoreApplication::applicationFilePath());
        QCOMPARE(command.mid(1), (QStringList{QStringLiteral("--tray"), QStringLiteral("-k")}));
        {
            App app;
            startApp(app, work.path(), command.mid(1));
            capturesWithoutAWindow(app, work.path());
        }
        {
            SettingsDialog d(settings);
            QVERIFY(d.findChild<QCheckBox *>(QStringLiteral("autostartCheck"))->isChecked());
            d.findChild<QCheckBox *>(QStringLiteral("autostartCheck"))->setChecked(false);
            d.accept();
        }
        QVERIFY(!QFile::exists(entry));
        qputenv("XDG_CONFIG_HOME", old);
    }

    void waitsForALateTray()
    {
        stopTrayer();
        AppSettings settings;
        QTemporaryDir work;
        settings.dataDir = work.filePath(QStringLiteral("data"));
        MainWindow w(settings);
        w.startInTray(std::chrono::seconds(20));
        QTest::qWait(1000);
        QVERIFY(!w.tray()->isInTray());
        QVERIFY(!w.isVisible());
        startTrayer();
        QVERIFY2(waitFor([&] { return w.tray()->isInTray(); }, 10000), "the icon never came");
        QVERIFY(!w.isVisible());
        QVERIFY(waitFor([] { return iconsInTray(QStringLiteral("tst_startlive")) > 0; }, 5000));
    }

    void showsTheWindowWithoutATray()
    {
        stopTrayer();
        AppSettings settings;
        QTemporaryDir work;
        settings.dataDir = work.filePath(QStringLiteral("data"));
        MainWindow w(settings);
        w.startInTray(std::chrono::milliseconds(1500));
        QVERIFY(!w.isVisible());
        QVERIFY2(waitFor([&] { return w.isVisible(); }, 6000), "the window never showed");
        QVERIFY(!w.tray()->isInTray());
        startTrayer(); // as the runner left it
    }

private:
    void capturesWithoutAWindow(App &app, const QString &work)
    {
        QVERIFY2(app.process->waitForStarted(10000), qPrintable(app.process->errorString()));
        const QString data = work + QStringLiteral("/data");
        QVERIFY2(
            waitFor(
                [&] { return !QDir(data).entryList({QStringLiteral("capture-*.pcap")}).isEmpty(); },
                30000),
            "the capture never started (no data/capture-*.pcap)");
        QVERIFY2(waitFor([] { return iconsInTray() > 0; }, 10000),
                 run(QStringLiteral("xwininfo"), {QStringLiteral("-root"), QStringLiteral("-tree")})
                     .constData());
        QProcess replay;
        replay.start(QStringLiteral("ip"),
                     {QStringLiteral("netns"), QStringLiteral("exec"), env("NETLENS_TEST_PEER_NS"),
                      QStringLiteral("tcpreplay"), QStringLiteral("-q"),
                      QStringLiteral("--topspeed"), QStringLiteral("-i"),
                      env("NETLENS_TEST_PEER_IFACE"), env("NETLENS_TEST_PCAP")});
        QVERIFY(replay.waitForFinished(60000));
        QCOMPARE(replay.exitCode(), 0);
        // Written, flushed every second.
        QVERIFY2(waitFor([&] { return capturedPackets(data) >= m_expect; }, 20000),
                 qPrintable(QStringLiteral("%1 of %2 packets in the file")
                                .arg(capturedPackets(data))
                                .arg(m_expect)));
        QCOMPARE(capturedPackets(data), m_expect);
        const QStringList shown = mappedAppWindows();
        QVERIFY2(shown.isEmpty(), qPrintable(shown.join(QLatin1Char('\n'))));
        QCOMPARE(app.process->state(), QProcess::Running);
    }

    void stopTrayer()
    {
        if (m_trayer) {
            m_trayer->terminate();
            m_trayer->waitForFinished(5000);
            m_trayer.reset();
        } else if (const int pid = env("NETLENS_TRAYER_PID").toInt(); pid > 0) {
            ::kill(pid, SIGTERM);
        }
        QVERIFY2(waitFor([] { return !QSystemTrayIcon::isSystemTrayAvailable(); }, 10000),
                 "the tray host did not go");
    }

    void startTrayer()
    {
        m_trayer = std::make_unique<QProcess>();
        m_trayer->start(
            QStringLiteral("trayer"),
            {QStringLiteral("--edge"), QStringLiteral("bottom"), QStringLiteral("--align"),
             QStringLiteral("right"), QStringLiteral("--widthtype"), QStringLiteral("pixel"),
             QStringLiteral("--width"), QStringLiteral("120"), QStringLiteral("--height"),
             QStringLiteral("28"), QStringLiteral("--transparent"), QStringLiteral("false"),
             QStringLiteral("--SetDockType"), QStringLiteral("true")});
        QVERIFY(m_trayer->waitForStarted(5000));
        QVERIFY(waitFor([] { return QSystemTrayIcon::isSystemTrayAvailable(); }, 10000));
    }

    int m_expect = 0;
    std::unique_ptr<QProcess> m_trayer;
};

QTEST_MAIN(TestStartLive)
#include "tst_startlive.moc"
