// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "alerts/alert.h"

#include <QByteArray>

namespace netlens {

/**
 * One alert as a compact JSON object on one line (`netlens-cli alert --json`): type,
 * severity, key, start, end (seconds since the epoch with their exact decimals, as the
 * summary JSON writes them; end null while engaged), state, summary, rule, rule_name, uid,
 * display_filter, evidence {value, threshold, unit, peak, packets, bytes, top_sources,
 * top_destinations, top_ports} and snippet {path, bytes, packets} (null when none).
 */
QByteArray alertToJsonLine(const Alert &alert);

} // namespace netlens
