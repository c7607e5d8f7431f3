// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "helperoptions.h"

namespace netlens::helper {

/// --list-interfaces: one tab-separated line per device on stdout (see README.md). Returns
/// the exit code.
int listInterfaces();
/// --check-filter: 0 when the filter compiles for the link type, else 4 with libpcap's
/// message on stderr.
int checkFilter(const HelperOptions &options);

} // namespace netlens::helper
