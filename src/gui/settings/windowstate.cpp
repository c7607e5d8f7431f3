// SPDX-License-Identifier: GPL-3.0-or-later
#include "windowstate.h"

#include <QSettings>

namespace netlens {

namespace {
// The keys predate this class; keeping them keeps what users' windows remembered.
const QString kGeometry = QStringLiteral("window/geometry");
const QString kToolBars = QStringLiteral("window/state");
const QString kMainSplitter = QStringLiteral("window/mainSplitter");
const QString kBottomSplitter = QStringLiteral("window/bottomSplitter");
const QString kCaptureFilter = QStringLiteral("capture/lastFilter");
const QString kRecentFiles = QStringLiteral("recentFiles");
} // namespace

WindowState WindowState::load(const QSettings &s)
{
    WindowState w;
    w.geometry = s.value(kGeometry).toByteArray();
    w.toolBars = s.value(kToolBars).toByteArray();
    w.mainSplitter = s.value(kMainSplitter).toByteArray();
    w.bottomSplitter = s.value(kBottomSplitter).toByteArray();
    w.captureFilter = s.value(kCaptureFilter).toString();
    w.recentFiles = s.value(kRecentFiles).toStringList();
    return w;
}

WindowState WindowState::load()
{
    return load(QSettings());
}

void WindowState::save(QSettings &s, unsigned parts) const
{
    if (parts & Layout) {
        s.setValue(kGeometry, geometry);
        s.setValue(kToolBars, toolBars);
        s.setValue(kMainSplitter, mainSplitter);
        s.setValue(kBottomSplitter, bottomSplitter);
    }
    if (parts & CaptureFilter)
        s.setValue(kCaptureFilter, captureFilter);
    if (parts & RecentFiles) {
        if (recentFiles.isEmpty())
            s.remove(kRecentFiles);
        else
            s.setValue(kRecentFiles, recentFiles);
    }
}

void WindowState::save(unsigned parts) const
{
    QSettings s;
    save(s, parts);
}

} // namespace netlens
