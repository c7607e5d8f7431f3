// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

namespace netlens::cli {

/// `netlens-cli serve FILE... [--listen ADDR:PORT] [--token T] [--alerts] [--rules PATH]
/// [--quiet]`: analyze the files in the background and serve the dashboard from the start
/// (the page shows the loading), until SIGINT or SIGTERM. Exit 0; 2 on a bad option or when
/// the server cannot listen (the message names ADDR:PORT).
int runServe(const QStringList &arguments);

} // namespace netlens::cli
