// SPDX-License-Identifier: GPL-3.0-or-later
#include "autostart.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace netlens {

namespace {
const QLatin1String kCaptureFlag("-k");

/// Characters that make an Exec argument need quotes (Desktop Entry spec, "The Exec key").
bool needsQuotes(const QString &arg)
{
    static const QString reserved = QStringLiteral(" \t\n\"'\\><~|&;$*?#()`");
    if (arg.isEmpty())
        return true;
    for (const QChar c : arg)
        if (reserved.contains(c))
            return true;
    return false;
}

/// One Exec argument: quoted when needed, `%` doubled (a field code otherwise).
QString quoteArgument(const QString &arg)
{
    QString out = arg;
    out.replace(QLatin1Char('%'), QStringLiteral("%%"));
    if (!needsQuotes(arg))
        return out;
    QString quoted;
    for (const QChar c : out) {
        if (c == QLatin1Char('"') || c == QLatin1Char('`') || c == QLatin1Char('$') ||
            c == QLatin1Char('\\'))
            quoted += QLatin1Char('\\');
        quoted += c;
    }
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

/// The value as a desktop-entry string: backslashes and line breaks escaped.
QString escapeValue(const QString &value)
{
    QString out;
    for (const QChar c : value) {
        if (c == QLatin1Char('\\'))
            out += QStringLiteral("\\\\");
        else if (c == QLatin1Char('\n'))
            out += QStringLiteral("\\n");
        else if (c == QLatin1Char('\t'))
            out += QStringLiteral("\\t");
        else if (c == QLatin1Char('\r'))
            out += QStringLiteral("\\r");
        else
            out += c;
    }
    return out;
}

QString unescapeValue(const QString &value)
{
    QString out;
    for (qsizetype i = 0; i < value.size(); ++i) {
        if (value[i] != QLatin1Char('\\') || i + 1 == value.size()) {
            out += value[i];
            continue;
        }
        const QChar n = value[++i];
        out += n == QLatin1Char('s')   ? QChar(u' ')
               : n == QLatin1Char('n') ? QChar(u'\n')
               : n == QLatin1Char('t') ? QChar(u'\t')
               : n == QLatin1Char('r') ? QChar(u'\r')
                                       : n;
    }
    return out;
}

/// Splits an (unescaped) Exec value into its words, undoing the quoting of quoteArgument.
QStringList splitExec(const QString &exec)
{
    QStringList words;
    QString word;
    bool inWord = false, quoted = false;
    for (qsizetype i = 0; i < exec.size(); ++i) {
        const QChar c = exec[i];
        if (quoted) {
            if (c == QLatin1Char('\\') && i + 1 < exec.size())
                word += exec[++i];
            else if (c == QLatin1Char('"'))
                quoted = false;
            else
                word += c;
        } else if (c == QLatin1Char('"')) {
            quoted = inWord = true;
        } else if (c == QLatin1Char(' ') || c == QLatin1Char('\t')) {
            if (inWord)
                words << word;
            word.clear();
            inWord = false;
        } else {
            word += c;
            inWord = true;
        }
    }
    if (inWord)
        words << word;
    for (QString &w : words)
        w.replace(QStringLiteral("%%"), QStringLiteral("%"));
    return words;
}

/// The value of `key` in the [Desktop Entry] group of `path`; null when absent.
QString entryValue(const QString &path, const QString &key)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly | QIODevice::Text))
        return {};
    bool inEntry = false;
    while (!f.atEnd()) {
        const QString line = QString::fromUtf8(f.readLine()).trimmed();
        if (line.startsWith(QLatin1Char('['))) {
            inEntry = line == QLatin1String("[Desktop Entry]");
            continue;
        }
        const qsizetype eq = line.indexOf(QLatin1Char('='));
        if (inEntry && eq > 0 && line.left(eq).trimmed() == key)
            return line.mid(eq + 1).trimmed();
    }
    return {};
}
} // namespace

Autostart::Autostart(const QString &configHome, const QString &executable)
    : m_path(QDir(configHome).filePath(QStringLiteral("autostart/netlens.desktop")))
    , m_executable(executable)
{
}

Autostart Autostart::forUser()
{
    // The spec: XDG_CONFIG_HOME when set to an absolute path, else $HOME/.config. Not
    // QStandardPaths, whose test mode would point the tests' window somewhere else.
    QString config = qEnvironmentVariable("XDG_CONFIG_HOME");
    if (config.isEmpty() || QDir::isRelativePath(config))
        config = QDir::homePath() + QStringLiteral("/.config");
    return Autostart(config, QCoreApplication::applicationFilePath());
}

bool Autostart::isEnabled() const
{
    return QFileInfo(m_path).isFile() &&
           entryValue(m_path, QStringLiteral("Hidden")) != QLatin1String("true");
}

bool Autostart::capturesAtLogin() const
{
    return isEnabled() && command().mid(1).contains(kCaptureFlag);
}

QStringList Autostart::command() const
{
    return splitExec(unescapeValue(entryValue(m_path, QStringLiteral("Exec"))));
}

QStringList Autostart::arguments(bool capture)
{
    QStringList args{QStringLiteral("--tray")};
    if (capture)
        args << kCaptureFlag; // on the default interface as it is at login, not as it is now
    return args;
}

QString Autostart::execLine(const QString &program, const QStringList &args)
{
    QStringList words{quoteArgument(program)};
    for (const QString &a : args)
        words << quoteArgument(a);
    return words.join(QLatin1Char(' '));
}

bool Autostart::enable(bool capture, QString &error) const
{
    const QString dir = QFileInfo(m_path).absolutePath();
    if (!QDir().mkpath(dir)) {
        error = tr("%1: cannot create the folder").arg(dir);
        return false;
    }
    // The absolute path of this executable: a build tree's netlens starts as well as an
    // installed one, and TryExec keeps a login quiet once that file is gone.
    const QString program = escapeValue(m_executable);
    const QString text = QStringLiteral("[Desktop Entry]\n"
                                        "Type=Application\n"
                                        "Name=NetLens\n"
                                        "GenericName=Network Traffic Monitor\n"
                                        "Comment=Watch network traffic from the system tray\n"
                                        "Icon=netlens\n"
                                        "TryExec=%1\n"
                                        "Exec=%2\n"
                                        "Terminal=false\n"
                                        "X-GNOME-Autostart-enabled=true\n")
                             .arg(program, escapeValue(execLine(m_executable, arguments(capture))));
    QSaveFile f(m_path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Text) || f.write(text.toUtf8()) < 0 ||
        !f.commit()) {
        error = tr("%1: cannot write the autostart entry: %2").arg(m_path, f.errorString());
        return false;
    }
    return true;
}

bool Autostart::disable(QString &error) const
{
    QFile f(m_path);
    if (!f.exists() || f.remove())
        return true;
    error = tr("%1: cannot remove the autostart entry: %2").arg(m_path, f.errorString());
    return false;
}

} // namespace netlens
