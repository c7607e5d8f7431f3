// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

namespace netlens::cli {

/// `netlens-cli analyze FILE... [--csv PATH | --no-csv] [--json PATH] [--filter BPF] [--top N]
/// [--quiet]`. Returns the process exit status: 0 fine, 1 a file was cut short, 2 an error.
int runAnalyze(const QStringList &arguments);

} // namespace netlens::cli
