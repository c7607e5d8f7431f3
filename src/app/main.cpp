// SPDX-License-Identifier: GPL-3.0-or-later
// netlens: the desktop application. All logic lives in netlens_core and netlens_gui; this
// file only sets up the application: translation, theme, settings, the window.
#include "mainwindow/mainwindow.h"
#include "settings/appsettings.h"
#include "settings/language.h"

#include <QApplication>
#include <QStyleFactory>

namespace {
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
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("NetLens"));
    QApplication::setOrganizationName(QStringLiteral("NetLens"));
    QApplication::setApplicationVersion(QStringLiteral(NETLENS_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("netlens"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/netlens.svg")));

    const netlens::AppSettings settings = netlens::AppSettings::load();
    netlens::installTranslators(app, settings.language);
    applyTheme(app, settings.theme);

    netlens::MainWindow window(settings);
    window.show();
    QStringList files = QApplication::arguments();
    files.removeFirst();
    window.openFiles(files);
    return QApplication::exec();
}
