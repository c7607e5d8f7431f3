// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace netlens {

/**
 * The window's command line: `netlens [-i IFACE] [-k] [-f BPF] [--tray] [FILE...]`, as
 * Wireshark's -i/-k/-f. Parsed here (QCommandLineParser) into a value that main() hands
 * to the window; main() itself stays thin.
 */
class StartupOptions {
    Q_DECLARE_TR_FUNCTIONS(StartupOptions)

public:
    /// What main() should do with the parse.
    enum class Action {
        Run,     ///< start the window with these options
        Help,    ///< print text() on stdout, exit 0
        Version, ///< print text() on stdout, exit 0
        Error,   ///< print text() on stderr, exit 2
    };

    /// Parses `arguments` (arguments[0] is the program, as QCoreApplication::arguments()).
    static StartupOptions parse(const QStringList &arguments);
    /// Whether `arguments` ask only for --help or --version, which need no display: main()
    /// answers them before a QApplication (that would need one) exists.
    static bool asksForHelpOrVersion(const QStringList &arguments);

    Action action() const { return m_action; }
    /// The help, the version line or the error (one line naming the argument).
    QString text() const { return m_text; }
    /// -i: the interface to capture on (or preselect without -k); empty: not given.
    QString interface() const { return m_interface; }
    /// -k: start capturing at launch.
    bool startCapture() const { return m_startCapture; }
    /// -f: the capture filter; hasCaptureFilter() tells an empty -f "" from none.
    QString captureFilter() const { return m_captureFilter; }
    bool hasCaptureFilter() const { return m_hasCaptureFilter; }
    /// --tray: start in the system tray without showing the window.
    bool tray() const { return m_tray; }
    /// Capture files to open (read as one capture).
    QStringList files() const { return m_files; }

private:
    static StartupOptions failure(const QString &message);

    Action m_action = Action::Run;
    QString m_text;
    QString m_interface;
    bool m_startCapture = false;
    QString m_captureFilter;
    bool m_hasCaptureFilter = false;
    bool m_tray = false;
    QStringList m_files;
};

} // namespace netlens
