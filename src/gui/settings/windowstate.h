// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

class QSettings;

namespace netlens {

/**
 * What the window remembers between runs besides the preferences: where it was and how it was
 * laid out, the last capture filter, the files opened recently. A value, like AppSettings;
 * these two are the only GUI code that touches QSettings.
 *
 * Parts are saved on their own because they change at different moments: the recent files
 * when a file opens (so a crash keeps them), the layout only when the window closes.
 */
struct WindowState {
    enum Part : unsigned {
        Layout = 1,        ///< geometry, toolbars and docks, splitters
        CaptureFilter = 2, ///< captureFilter
        RecentFiles = 4,   ///< recentFiles
        All = Layout | CaptureFilter | RecentFiles,
    };

    QByteArray geometry;       ///< QWidget::saveGeometry()
    QByteArray toolBars;       ///< QMainWindow::saveState(): toolbars and docks
    QByteArray mainSplitter;   ///< packet list above, details and bytes below
    QByteArray bottomSplitter; ///< details left, bytes right
    QString captureFilter;     ///< the filter the last capture started with
    QStringList recentFiles;   ///< absolute paths, most recent first

    static WindowState load(const QSettings &settings);
    /// From the application's settings (organisation and application name).
    static WindowState load();
    void save(QSettings &settings, unsigned parts = All) const;
    void save(unsigned parts = All) const;
    bool operator==(const WindowState &) const = default;
};

} // namespace netlens
