// SPDX-License-Identifier: GPL-3.0-or-later
#include "stopsignal.h"

#include <csignal>
#include <fcntl.h>
#include <initializer_list>
#include <unistd.h>

namespace netlens::helper::stopsignal {

namespace {
volatile std::sig_atomic_t g_stop = 0; // a signal handler's only way to talk to the program
int g_pipe[2] = {-1, -1};

void onSignal(int)
{
    g_stop = 1;
    if (g_pipe[1] >= 0) {
        const char byte = 1;
        [[maybe_unused]] const ssize_t n = ::write(g_pipe[1], &byte, 1); // full pipe: fine
    }
}
} // namespace

bool install()
{
    if (::pipe2(g_pipe, O_CLOEXEC | O_NONBLOCK) != 0)
        return false;
    struct sigaction sa {};
    sa.sa_handler = onSignal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0; // no SA_RESTART: a blocked write to the parent returns EINTR
    for (const int sig : {SIGTERM, SIGINT, SIGHUP})
        ::sigaction(sig, &sa, nullptr);
    struct sigaction ignore {};
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    ::sigaction(SIGPIPE, &ignore, nullptr);
    // A parent may have started the helper with these blocked (signal masks are inherited).
    sigset_t set;
    sigemptyset(&set);
    for (const int sig : {SIGTERM, SIGINT, SIGHUP})
        sigaddset(&set, sig);
    ::sigprocmask(SIG_UNBLOCK, &set, nullptr);
    return true;
}

int wakeFd()
{
    return g_pipe[0];
}

const volatile std::sig_atomic_t *flag()
{
    return &g_stop;
}

void request()
{
    onSignal(0);
}

} // namespace netlens::helper::stopsignal
