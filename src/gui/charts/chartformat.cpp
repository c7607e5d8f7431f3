// SPDX-License-Identifier: GPL-3.0-or-later
#include "charts/chartformat.h"

#include <QChart>
#include <QCoreApplication>
#include <QFont>
#include <QLegend>
#include <QLocale>
#include <QPalette>
#include <array>
#include <cmath>

namespace netlens::chartformat {

namespace {
/// Scales `value` to the largest unit it reaches and formats it with three significant digits.
QString scaled(double value, const std::array<QString, 5> &units)
{
    std::size_t unit = 0;
    double v = value;
    while (std::abs(v) >= 999.5 && unit + 1 < units.size()) {
        v /= 1000.0;
        ++unit;
    }
    return units[unit].arg(QLocale().toString(v, 'g', 3));
}
} // namespace

QString bytes(double value)
{
    return scaled(value, {QCoreApplication::translate("ChartFormat", "%1 B"),
                          QCoreApplication::translate("ChartFormat", "%1 kB"),
                          QCoreApplication::translate("ChartFormat", "%1 MB"),
                          QCoreApplication::translate("ChartFormat", "%1 GB"),
                          QCoreApplication::translate("ChartFormat", "%1 TB")});
}

QString bitRate(double value)
{
    return scaled(value, {QCoreApplication::translate("ChartFormat", "%1 bit/s"),
                          QCoreApplication::translate("ChartFormat", "%1 kbit/s"),
                          QCoreApplication::translate("ChartFormat", "%1 Mbit/s"),
                          QCoreApplication::translate("ChartFormat", "%1 Gbit/s"),
                          QCoreApplication::translate("ChartFormat", "%1 Tbit/s")});
}

QString packetRate(double value)
{
    return scaled(value, {QCoreApplication::translate("ChartFormat", "%1 pkt/s"),
                          QCoreApplication::translate("ChartFormat", "%1 k pkt/s"),
                          QCoreApplication::translate("ChartFormat", "%1 M pkt/s"),
                          QCoreApplication::translate("ChartFormat", "%1 G pkt/s"),
                          QCoreApplication::translate("ChartFormat", "%1 T pkt/s")});
}

QString count(quint64 value)
{
    return QLocale().toString(value);
}

QColor seriesColor(int index)
{
    // Tableau 10: distinct hues of similar weight, legible on white and on dark grey.
    static const std::array<QRgb, 10> colors{0x4e79a7, 0xf28e2b, 0xe15759, 0x76b7b2, 0x59a14f,
                                             0xedc948, 0xb07aa1, 0xff9da7, 0x9c755f, 0x5fa2ce};
    return QColor(colors[static_cast<std::size_t>(index) % colors.size()]);
}

QColor otherColor()
{
    return QColor(0xa0a0a0);
}

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

void applyPalette(QChart *chart, const QPalette &palette, const QFont &font)
{
    chart->setTheme(isDark(palette) ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    chart->setBackgroundBrush(palette.color(QPalette::Base));
    chart->setBackgroundRoundness(0);
    chart->setTitleBrush(palette.color(QPalette::Text));
    chart->legend()->setLabelColor(palette.color(QPalette::Text));
    QFont small = font;
    small.setPointSizeF(font.pointSizeF() * 0.9); // room for more of the legend's names
    chart->legend()->setFont(small);
    chart->setTitleFont(font);
}

} // namespace netlens::chartformat
