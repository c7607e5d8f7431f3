// SPDX-License-Identifier: GPL-3.0-or-later
#include "privileges.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <linux/capability.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace netlens::helper {

void ensureStandardDescriptors()
{
    for (int fd = 0; fd <= 2; ++fd)
        if (::fcntl(fd, F_GETFD) == -1 && errno == EBADF) {
            const int null = ::open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY);
            if (null >= 0 && null != fd) { // open() takes the lowest free number: fd itself
                ::dup2(null, fd);
                ::close(null);
            }
        }
}

bool checkNotSetId(std::string &error)
{
    uid_t ruid = 0, euid = 0, suid = 0;
    gid_t rgid = 0, egid = 0, sgid = 0;
    if (::getresuid(&ruid, &euid, &suid) != 0 || ::getresgid(&rgid, &egid, &sgid) != 0) {
        error = std::string("cannot read the process's user ids: ") + std::strerror(errno);
        return false;
    }
    if (ruid != euid || ruid != suid || rgid != egid || rgid != sgid) {
        error = "netlens-capture refuses to run set-user-ID or set-group-ID (it would create "
                "files as another user). Remove the bit (chmod u-s,g-s " +
                executablePath() +
                ") and give it file capabilities instead: sudo setcap "
                "cap_net_raw,cap_net_admin=eip " +
                executablePath();
        return false;
    }
    return true;
}

bool dropCapabilities(std::string &error)
{
    // capset(2) directly: libcap's cap_clear + cap_set_proc do just this, and the helper
    // then needs no libcap at run time.
    __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
    __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3] = {};
    if (::syscall(SYS_capset, &header, data) != 0) {
        error =
            std::string("cannot drop the capture capabilities (capset): ") + std::strerror(errno);
        return false;
    }
    // Ambient capabilities would survive an exec; none are expected, but clear them anyway.
    // EINVAL: a kernel without ambient capabilities (before 4.3) has none to clear.
    if (::prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) != 0 && errno != EINVAL) {
        error = std::string("cannot clear the ambient capabilities: ") + std::strerror(errno);
        return false;
    }
    if (::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
        error = std::string("cannot set no_new_privs: ") + std::strerror(errno);
        return false;
    }
    __user_cap_data_struct check[_LINUX_CAPABILITY_U32S_3] = {};
    header = {_LINUX_CAPABILITY_VERSION_3, 0};
    if (::syscall(SYS_capget, &header, check) != 0) {
        error = std::string("cannot read the capabilities back (capget): ") + std::strerror(errno);
        return false;
    }
    for (const auto &d : check)
        if (d.effective || d.permitted || d.inheritable) {
            error = "capabilities are still held after dropping them";
            return false;
        }
    return true;
}

bool watchParent(pid_t parent)
{
    ::prctl(PR_SET_PDEATHSIG, SIGTERM, 0, 0, 0);
    return ::getppid() == parent;
}

std::string executablePath()
{
    char buf[4096];
    const ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
    return n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : std::string("netlens-capture");
}

std::string permissionMessage(const std::string &interface)
{
    return "netlens-capture cannot open " + interface +
           ": it lacks the capture capabilities.\nRun: sudo setcap cap_net_raw,cap_net_admin=eip " +
           executablePath() +
           "\n(or sudo deploy/setcap.sh), or start NetLens as administrator (pkexec).";
}

} // namespace netlens::helper
