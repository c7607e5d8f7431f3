// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "stats/memorylimits.h"

#include <QCommandLineOption>

class QCommandLineParser;

namespace netlens::cli {

/**
 * The memory options `analyze` and `capture` share (MemoryLimits): --max-flows, --max-hosts,
 * --max-conversations (0: no limit) and --flow-timeout S (0: flows are never folded).
 */
class LimitOptions {
public:
    LimitOptions();
    void addTo(QCommandLineParser &parser) const;
    /// Reads the options over the defaults; false with `error` naming the option on a bad
    /// value (not a whole number, negative, past the maximum).
    bool read(const QCommandLineParser &parser, MemoryLimits &limits, QString &error) const;

private:
    QCommandLineOption m_maxFlows;
    QCommandLineOption m_maxHosts;
    QCommandLineOption m_maxConversations;
    QCommandLineOption m_flowTimeout;
};

} // namespace netlens::cli
