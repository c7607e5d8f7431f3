// SPDX-License-Identifier: GPL-3.0-or-later
#include "alerts/alertrules.h"

namespace netlens {

bool AlertRules::load(const QString &path, RuleError &error)
{
    RuleSet next;
    if (!loadRuleSet(path, next, error))
        return false;
    m_rules = std::move(next);
    return true;
}

} // namespace netlens
