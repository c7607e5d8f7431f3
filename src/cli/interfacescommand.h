// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

namespace netlens::cli {

/// `netlens-cli interfaces [--json]`: the capture devices, as a table or JSON.
int runInterfaces(const QStringList &arguments);

} // namespace netlens::cli
