// SPDX-License-Identifier: GPL-3.0-or-later
// MainWindow at launch: the command line (-i, -k, -f, --tray, files) and starting in the tray.
#include "capturetoolbar.h"
#include "mainwindow.h"
#include "session/startupoptions.h"
#include "tray/traycontroller.h"

#include <QElapsedTimer>
#include <QStatusBar>
#include <QTimer>

namespace netlens {

void MainWindow::start(const StartupOptions &options, std::chrono::milliseconds trayWait)
{
    if (options.hasCaptureFilter())
        m_toolbar->setCaptureFilter(options.captureFilter());
    // Listed: preselected as if chosen. Not listed: -k still tries it, so that the capture
    // says what is wrong with it rather than quietly taking another interface.
    if (!options.interface().isEmpty())
        m_toolbar->selectInterface(options.interface());
    if (options.tray())
        startInTray(trayWait);
    else
        show();
    if (!options.files().isEmpty())
        openFiles(options.files());
    if (options.startCapture())
        captureAtStart(options.interface());
}

void MainWindow::startInTray(std::chrono::milliseconds trayWait)
{
    m_tray->setWindowVisible(false);
    if (m_tray->attachIcon())
        return;
    // At login the panel with the tray may come up after NetLens: poll for it a while, and
    // show the window if none comes, so the user is never left with nothing on screen.
    auto *poll = new QTimer(this);
    auto clock = std::make_shared<QElapsedTimer>();
    clock->start();
    connect(poll, &QTimer::timeout, this, [this, poll, clock, trayWait] {
        if (m_tray->attachIcon()) {
            poll->deleteLater();
            return;
        }
        if (clock->elapsed() < trayWait.count())
            return;
        poll->deleteLater();
        show();
        m_tray->setWindowVisible(true);
        statusBar()->showMessage(
            tr("No system tray appeared within %1 s, so NetLens shows its window.")
                .arg(trayWait.count() / 1000.0, 0, 'f', 0),
            15000);
    });
    poll->start(250);
}

void MainWindow::captureAtStart(const QString &iface)
{
    // -i, else the settings' default interface (listed or not: its error then names it),
    // else the first that is up. Never just the first in the list (lo, any).
    const QString name = !iface.isEmpty()                         ? iface
                         : !m_settings.defaultInterface.isEmpty() ? m_settings.defaultInterface
                                                                  : m_toolbar->chosenInterface();
    if (name.isEmpty()) {
        showError(tr("-k: there is no interface to capture on (none is up, or listing them "
                     "failed): give one with -i"));
        return;
    }
    if (!m_toolbar->filterIsValid()) {
        showError(tr("-k: the capture filter \"%1\" is not valid: %2")
                      .arg(m_toolbar->captureFilter(), m_toolbar->filterError()));
        return;
    }
    captureOn(name, false);
}

} // namespace netlens
