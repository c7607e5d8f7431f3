// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "alerts/alertrule.h"

namespace netlens {

/**
 * The rules in force. load() replaces them only when the whole file is valid: a file with
 * an error is refused (the error names file, line and field) and the previous rules stay.
 */
class AlertRules {
public:
    explicit AlertRules(RuleSet rules = RuleSet::defaults())
        : m_rules(std::move(rules))
    {
    }
    bool load(const QString &path, RuleError &error);
    const RuleSet &rules() const { return m_rules; }
    void set(RuleSet rules) { m_rules = std::move(rules); }

private:
    RuleSet m_rules;
};

} // namespace netlens
