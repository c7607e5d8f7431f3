// SPDX-License-Identifier: GPL-3.0-or-later
// netlens: the desktop application. All logic lives in netlens_core and netlens_gui; this
// file only sets up the application: translation, theme, settings, the command line
// (StartupOptions), the window.
#include "capture/effectivecapabilities.h"
#include "mainwindow/mainwindow.h"
#include "session/startupoptions.h"
#include "settings/appsettings.h"
#include "settings/language.h"

#include <QApplication>
#include <QMessageBox>
#include <QStyleFactory>
#include <cstdio>
#include <string>
#include <unistd.h>

namespace {
void setIdentity()
{
    QCoreApplication::setApplicationName(QStringLiteral("NetLens"));
    QCoreApplication::setOrganizationName(QStringLiteral("NetLens"));
    QCoreApplication::setApplicationVersion(QStringLiteral(NETLENS_VERSION));
}

/// Help and version on stdout (exit 0), an error on stderr (exit 2).
int answer(const netlens::StartupOptions &options)
{
    const bool error = options.action() == netlens::StartupOptions::Action::Error;
    std::fputs(options.text().toLocal8Bit().constData(), error ? stderr : stdout);
    if (error)
        std::fputs("\n", stderr);
    return error ? 2 : 0;
}

void applyTheme(QApplication &app, const QString &theme)
{
    if (theme.isEmpty())
        return; // follow the system
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    if (theme != QLatin1String("dark"))
        return;
    QPalette p;
    p.setColor(QPalette::Window, QColor(45, 45, 48));
    p.setColor(QPalette::WindowText, QColor(230, 230, 230));
    p.setColor(QPalette::Base, QColor(30, 30, 32));
    p.setColor(QPalette::AlternateBase, QColor(40, 40, 44));
    p.setColor(QPalette::Text, QColor(230, 230, 230));
    p.setColor(QPalette::Button, QColor(50, 50, 54));
    p.setColor(QPalette::ButtonText, QColor(230, 230, 230));
    p.setColor(QPalette::Highlight, QColor(42, 110, 190));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::ToolTipBase, QColor(60, 60, 64));
    p.setColor(QPalette::ToolTipText, QColor(230, 230, 230));
    p.setColor(QPalette::PlaceholderText, QColor(150, 150, 150));
    app.setPalette(p);
}
} // namespace

int main(int argc, char *argv[])
{
    // First, before any thread: capabilities are per thread (see clearEffectiveCapabilities).
    if (std::string error; !netlens::clearEffectiveCapabilities(error))
        std::fprintf(stderr, "netlens: %s\n", error.c_str());
    QStringList raw;
    for (int i = 0; i < argc; ++i)
        raw << QString::fromLocal8Bit(argv[i]);
    // --help and --version need no display (a QApplication would): answered from a
    // QCoreApplication, in the language of the settings.
    if (netlens::StartupOptions::asksForHelpOrVersion(raw)) {
        QCoreApplication core(argc, argv);
        setIdentity();
        netlens::installTranslators(core, netlens::AppSettings::load().language);
        return answer(netlens::StartupOptions::parse(QCoreApplication::arguments()));
    }

    QApplication app(argc, argv);
    setIdentity();
    QApplication::setDesktopFileName(QStringLiteral("netlens"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/netlens.svg")));

    const netlens::AppSettings settings = netlens::AppSettings::load();
    netlens::installTranslators(app, settings.language);
    // After QApplication has taken its own options (-platform, -style, ...) out.
    const auto options = netlens::StartupOptions::parse(QApplication::arguments());
    if (options.action() != netlens::StartupOptions::Action::Run) {
        // Started from a menu or at login, nobody reads stderr: say it in a box too.
        if (options.action() == netlens::StartupOptions::Action::Error && !isatty(STDERR_FILENO) &&
            !qEnvironmentVariableIsSet("NETLENS_NO_DIALOGS"))
            QMessageBox::critical(nullptr, QObject::tr("NetLens"), options.text());
        return answer(options);
    }
    applyTheme(app, settings.theme);

    netlens::MainWindow window(settings);
    window.start(options);
    return QApplication::exec();
}
