// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

namespace netlens::cli {

/// `netlens-cli history [--since TIME] [--until TIME] [--by host|protocol] [--top N] [--json]
/// [--db PATH]`: the traffic history live captures recorded (HistoryStore), by protocol or by
/// host, as a table or JSON. Exit status 0 (also for a period without history), 2 for a bad
/// option or a database that is missing or unreadable.
int runHistory(const QStringList &arguments);

} // namespace netlens::cli
