// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QString>
#include <QtGlobal>

class QFont;
class QPalette;
QT_BEGIN_NAMESPACE
class QChart;
QT_END_NAMESPACE

namespace netlens::chartformat {

/// "1.23 MB": decimal (SI) units, three significant digits.
QString bytes(double bytes);
/// "12.5 Mbit/s".
QString bitRate(double bitsPerSecond);
/// "3.4 k pkt/s".
QString packetRate(double packetsPerSecond);
/// A count with digit grouping ("1,234,567").
QString count(quint64 value);

/// The colour of the index-th series: distinct, readable on light and dark backgrounds.
QColor seriesColor(int index);
/// Grey for "Other".
QColor otherColor();
/// True when the palette's window is dark (a dark theme).
bool isDark(const QPalette &palette);
/// A Qt Charts chart in the widget's palette colours (theme, background, text) and fonts
/// (a theme brings its own).
void applyPalette(QChart *chart, const QPalette &palette, const QFont &font);

} // namespace netlens::chartformat
