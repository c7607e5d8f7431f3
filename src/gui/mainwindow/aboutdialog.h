// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QString>

class QWidget;

namespace netlens {

/// Help → About: the version, the licence, and each library NetLens links with its version
/// and licence (GPL-3.0-or-later because QCustomPlot is GPL-3.0).
class AboutDialog {
    Q_DECLARE_TR_FUNCTIONS(AboutDialog)

public:
    /// The dialog's rich text (also for tests).
    static QString text();
    static void show(QWidget *parent);
};

} // namespace netlens
