// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <csignal>

namespace netlens::helper {

/**
 * SIGTERM, SIGINT and SIGHUP ask the helper to stop (PR_SET_PDEATHSIG sends SIGTERM too);
 * SIGPIPE is ignored, so a parent that went away shows as EPIPE on the stream.
 *
 * The handler sets a flag and writes a byte to a self-pipe, which the capture loop polls
 * beside the capture socket. It is installed without SA_RESTART, so it also interrupts a
 * write to a parent that does not read. A signal handler can only reach process-wide state:
 * this is the one such state in the helper, behind these functions.
 */
namespace stopsignal {
/// Installs the handlers. False if the self-pipe could not be made.
bool install();
/// The self-pipe's read end: readable once a stop was asked for.
int wakeFd();
/// Nonzero once a stop was asked for (by a signal or by request()).
const volatile std::sig_atomic_t *flag();
inline bool requested()
{
    return *flag() != 0;
}
/// Asks for a stop from inside the helper (-c reached, the parent gone).
void request();
} // namespace stopsignal

} // namespace netlens::helper
