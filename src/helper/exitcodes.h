// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace netlens::helper {

/// netlens-capture's exit codes (the contract with its parents: docs in README.md).
enum ExitCode : int {
    kExitOk = 0,
    kExitBadArguments = 2,
    kExitNoPermission = 3,
    kExitInterfaceOrFilter = 4,
    kExitFile = 5,
    kExitOther = 6,
};

} // namespace netlens::helper
