// netlens: the desktop application. All logic lives in netlens_core and netlens_gui.
#include "mainwindow.h"

#include <QApplication>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("NetLens"));
    QApplication::setOrganizationName(QStringLiteral("NetLens"));
    QApplication::setApplicationVersion(QStringLiteral(NETLENS_VERSION));
    netlens::MainWindow window;
    window.show();
    const QStringList args = QApplication::arguments();
    if (args.size() > 1)
        window.openFile(args.at(1));
    return QApplication::exec();
}
