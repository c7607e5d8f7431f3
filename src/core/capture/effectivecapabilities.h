// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

namespace netlens {

/**
 * Empties the calling thread's effective capability set and leaves the permitted,
 * inheritable and ambient sets as they are. Called first thing in main(), before any thread
 * exists (capabilities are per thread; threads start with their creator's), so that a
 * process given ambient capabilities, as systemd gives netlens-monitor.service under
 * DynamicUser (which implies NoNewPrivileges, so file capabilities on netlens-capture would
 * not count), decodes packets with none in effect, while the helper it executes still gets
 * them through the ambient set. Root (uid 0) is left alone: an exec by root regains every
 * capability anyway. Returns false with the reason when the kernel refuses.
 */
bool clearEffectiveCapabilities(std::string &error);

} // namespace netlens
