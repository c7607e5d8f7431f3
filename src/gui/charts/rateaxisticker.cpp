// SPDX-License-Identifier: GPL-3.0-or-later
#include "charts/rateaxisticker.h"

#include "charts/chartformat.h"

namespace netlens {

QString RateAxisTicker::getTickLabel(double tick, const QLocale &, QChar, int)
{
    return m_unit == Unit::Bits ? chartformat::bitRate(tick) : chartformat::packetRate(tick);
}

} // namespace netlens
