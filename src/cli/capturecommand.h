// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

namespace netlens::cli {

/// `netlens-cli capture -i IFACE [-f BPF] [-w FILE] [-c COUNT] [-a ...] [-b ...] [--snaplen N]
/// [--buffer MiB] [--no-promisc] [--csv PATH] [--json PATH] [--top N] [--quiet]`.
/// Runs until SIGINT/SIGTERM or an auto-stop condition. Exit status: 0, or 2 on an error.
int runCapture(const QStringList &arguments);

} // namespace netlens::cli
