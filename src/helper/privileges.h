// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// What netlens-capture does about its privileges. It is meant to hold file capabilities
// (setcap cap_net_raw,cap_net_admin=eip), like Wireshark's dumpcap: it opens the capture
// socket with them and drops every one before it reads a single packet.

#include <string>
#include <sys/types.h>

namespace netlens::helper {

/// Opens /dev/null on any of fds 0, 1 and 2 that is closed, so that no file the helper opens
/// later becomes its stdout (the packet stream) or stderr by accident.
void ensureStandardDescriptors();
/// False (with the reason) when the helper runs set-user-ID or set-group-ID: it refuses to,
/// since file capabilities are all it needs and a setuid helper would create files as root.
bool checkNotSetId(std::string &error);
/// Clears the effective, permitted, inheritable and ambient capability sets and sets
/// PR_SET_NO_NEW_PRIVS, so nothing the helper could still exec regains any. False with the
/// reason if the kernel refused or a capability is still effective afterwards.
bool dropCapabilities(std::string &error);
/// PR_SET_PDEATHSIG(SIGTERM), then whether the parent is still `parent` (it may have died
/// before the death signal was armed).
bool watchParent(pid_t parent);
/// The helper's own path (/proc/self/exe), for the setcap command in the permission message.
std::string executablePath();
/// What to run when the helper lacks the capture capabilities (the contract's exit 3 text).
std::string permissionMessage(const std::string &interface);

} // namespace netlens::helper
