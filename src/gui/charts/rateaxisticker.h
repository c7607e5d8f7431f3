// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <qcustomplot.h>

namespace netlens {

/// Value-axis ticks of a rate in human units: "2.5 Mbit/s", "300 pkt/s".
class RateAxisTicker final : public QCPAxisTicker {
public:
    enum class Unit { Bits, Packets };

    void setUnit(Unit unit) { m_unit = unit; }
    Unit unit() const { return m_unit; }

protected:
    QString getTickLabel(double tick, const QLocale &locale, QChar formatChar,
                         int precision) override;

private:
    Unit m_unit = Unit::Bits;
};

} // namespace netlens
