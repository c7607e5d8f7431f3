// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "alerts/alertrule.h"

#include <QString>

namespace netlens {

/// Alerting for one file load or capture, passed in by value (settings are never global).
struct AlertSettings {
    bool enabled = false;
    RuleSet rules = RuleSet::defaults();
    /// Snippets go to `<dataDir>/alerts/`; empty: no snippets.
    QString dataDir = QStringLiteral("data");
    int snippetBeforeSeconds = 5;
    int snippetAfterSeconds = 5;
    std::uint32_t snippetMaxPackets = 10000;
    std::uint64_t snippetMaxBytes = 8u << 20;
};

} // namespace netlens
