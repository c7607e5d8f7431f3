// SPDX-License-Identifier: GPL-3.0-or-later
#include "capture/effectivecapabilities.h"

#include <cerrno>
#include <cstring>
#include <linux/capability.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace netlens {

bool clearEffectiveCapabilities(std::string &error)
{
    if (::geteuid() == 0)
        return true;
    // capget/capset directly, as netlens-capture does: no libcap at run time.
    __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
    __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3] = {};
    if (::syscall(SYS_capget, &header, data) != 0) {
        error = std::string("cannot read the capabilities (capget): ") + std::strerror(errno);
        return false;
    }
    bool any = false;
    for (auto &d : data) {
        any = any || d.effective;
        d.effective = 0;
    }
    if (!any)
        return true;
    header = {_LINUX_CAPABILITY_VERSION_3, 0};
    if (::syscall(SYS_capset, &header, data) != 0) {
        error = std::string("cannot clear the effective capabilities (capset): ") +
                std::strerror(errno);
        return false;
    }
    return true;
}

} // namespace netlens
