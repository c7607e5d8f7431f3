// SPDX-License-Identifier: GPL-3.0-or-later
#include "capture/helperprocess.h"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char **environ;

namespace netlens {

namespace {
constexpr std::size_t kStderrKept = 64 * 1024;
// Room for a burst while the parent decodes: the helper blocks on a full pipe and the
// kernel's ring then fills behind it. 1 MiB is the default pipe-max-size for any user.
constexpr int kPipeBytes = 1 << 20;

bool executable(const std::string &path)
{
    return !path.empty() && ::access(path.c_str(), X_OK) == 0;
}

void closeFd(int &fd)
{
    if (fd >= 0)
        ::close(fd);
    fd = -1;
}

void setNonBlocking(int fd)
{
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
}
} // namespace

std::string executableDir(const std::string &executablePath)
{
    const auto slash = executablePath.rfind('/');
    if (slash == std::string::npos)
        return ".";
    return slash == 0 ? "/" : executablePath.substr(0, slash);
}

std::string findCaptureHelper(const std::string &exeDir)
{
    if (const char *env = std::getenv("NETLENS_CAPTURE_HELPER"); env && *env)
        return executable(env) ? std::string(env) : std::string();
    if (!exeDir.empty()) {
        for (const char *rel : {"/netlens-capture", "/../helper/netlens-capture"}) {
            const std::string p = exeDir + rel;
            if (executable(p))
                return p;
        }
    }
    const char *path = std::getenv("PATH");
    std::string dirs = path ? path : "/usr/local/bin:/usr/bin:/bin";
    std::size_t from = 0;
    while (from <= dirs.size()) {
        const auto colon = dirs.find(':', from);
        const std::string dir =
            dirs.substr(from, colon == std::string::npos ? std::string::npos : colon - from);
        if (!dir.empty() && executable(dir + "/netlens-capture"))
            return dir + "/netlens-capture";
        if (colon == std::string::npos)
            break;
        from = colon + 1;
    }
    return {};
}

HelperProcess::~HelperProcess()
{
    if (m_pid > 0 && !m_reaped) {
        signal(SIGTERM);
        closeAll();
        reap(1000);
    }
    closeAll();
}

void HelperProcess::closeAll()
{
    closeFd(m_out);
    closeFd(m_status);
    closeFd(m_err);
}

bool HelperProcess::start(const std::string &path, const std::vector<std::string> &args,
                          bool withStatus, std::string &error)
{
    int out[2] = {-1, -1}, status[2] = {-1, -1}, err[2] = {-1, -1};
    const auto fail = [&](const char *what) {
        error = std::string(what) + ": " + std::strerror(errno);
        for (int *p : {out, status, err})
            for (int i = 0; i < 2; ++i)
                closeFd(p[i]);
        return false;
    };
    // O_CLOEXEC everywhere: only the dup2()s below reach the helper, and no other child of
    // this process (a QProcess, another capture's helper) keeps these pipes open.
    if (::pipe2(out, O_CLOEXEC) != 0 || ::pipe2(err, O_CLOEXEC) != 0 ||
        (withStatus && ::pipe2(status, O_CLOEXEC) != 0))
        return fail("cannot create a pipe for the capture helper");
    ::fcntl(out[0], F_SETPIPE_SZ, kPipeBytes); // best effort; 64 KiB otherwise

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, out[1], 1);
    posix_spawn_file_actions_adddup2(&actions, err[1], 2);
    if (withStatus)
        posix_spawn_file_actions_adddup2(&actions, status[1], kStatusFd);
    // The helper starts with default signal handling and nothing blocked, whatever this
    // thread blocks (the CLI blocks SIGINT/SIGTERM to wait for them in one thread).
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    sigset_t none, all;
    sigemptyset(&none);
    sigfillset(&all);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setsigdefault(&attr, &all);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

    std::vector<char *> argv;
    argv.push_back(const_cast<char *>(path.c_str()));
    for (const std::string &a : args)
        argv.push_back(const_cast<char *>(a.c_str()));
    argv.push_back(nullptr);
    pid_t pid = -1;
    const int rc = ::posix_spawn(&pid, path.c_str(), &actions, &attr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    if (rc != 0) {
        errno = rc;
        return fail(("cannot start the capture helper " + path).c_str());
    }
    closeFd(out[1]);
    closeFd(err[1]);
    closeFd(status[1]);
    m_pid = pid;
    m_reaped = false;
    m_out = out[0];
    m_err = err[0];
    m_status = status[0];
    for (int fd : {m_out, m_err, m_status})
        if (fd >= 0)
            setNonBlocking(fd);
    return true;
}

bool HelperProcess::readStatusLines(std::vector<std::string> &lines)
{
    if (m_status < 0)
        return false;
    char buf[4096];
    for (;;) {
        const ssize_t n = ::read(m_status, buf, sizeof buf);
        if (n > 0) {
            m_statusPartial.append(buf, static_cast<std::size_t>(n));
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        std::size_t from = 0;
        for (auto nl = m_statusPartial.find('\n'); nl != std::string::npos;
             nl = m_statusPartial.find('\n', from)) {
            lines.push_back(m_statusPartial.substr(from, nl - from));
            from = nl + 1;
        }
        m_statusPartial.erase(0, from);
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return true;
        closeFd(m_status); // end of the pipe (or an error on it: the same to us)
        return false;
    }
}

bool HelperProcess::readStderr()
{
    if (m_err < 0)
        return false;
    char buf[4096];
    for (;;) {
        const ssize_t n = ::read(m_err, buf, sizeof buf);
        if (n > 0) {
            if (m_stderr.size() < kStderrKept)
                m_stderr.append(
                    buf, std::min(static_cast<std::size_t>(n), kStderrKept - m_stderr.size()));
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return true;
        closeFd(m_err);
        return false;
    }
}

std::string HelperProcess::lastStderrLine() const
{
    std::size_t end = m_stderr.find_last_not_of("\n\r ");
    if (end == std::string::npos)
        return {};
    const auto nl = m_stderr.rfind('\n', end);
    const std::size_t begin = nl == std::string::npos ? 0 : nl + 1;
    return m_stderr.substr(begin, end + 1 - begin);
}

void HelperProcess::closeStdout()
{
    closeFd(m_out);
}

void HelperProcess::signal(int sig) const
{
    if (m_pid > 0 && !m_reaped)
        ::kill(m_pid, sig);
}

bool HelperProcess::tryReap()
{
    if (m_pid <= 0 || m_reaped)
        return m_reaped;
    int status = 0;
    pid_t r;
    do
        r = ::waitpid(m_pid, &status, WNOHANG);
    while (r < 0 && errno == EINTR);
    if (r == 0)
        return false;
    m_reaped = true;
    if (r == m_pid && WIFEXITED(status)) {
        m_exitCode = WEXITSTATUS(status);
    } else if (r == m_pid && WIFSIGNALED(status)) {
        m_exitCode = -1;
        m_termSignal = WTERMSIG(status);
    } else {
        m_exitCode = -1; // ECHILD: someone else reaped it; nothing more to learn
    }
    return true;
}

void HelperProcess::reap(int timeoutMs)
{
    using namespace std::chrono;
    const auto deadline = steady_clock::now() + milliseconds(timeoutMs);
    while (!tryReap()) {
        if (steady_clock::now() >= deadline) {
            signal(SIGKILL);
            while (!tryReap())
                std::this_thread::sleep_for(milliseconds(1));
            return;
        }
        std::this_thread::sleep_for(milliseconds(1));
    }
}

HelperResult runHelperCommand(const std::string &path, const std::vector<std::string> &args,
                              int timeoutMs)
{
    HelperResult r;
    HelperProcess p;
    if (!p.start(path, args, false, r.err))
        return r;
    std::string out;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    bool outOpen = true, errOpen = true;
    while (outOpen || errOpen) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                              deadline - std::chrono::steady_clock::now())
                              .count();
        if (left <= 0) {
            p.signal(SIGKILL);
            p.reap(1000);
            r.err = p.stderrText();
            return r;
        }
        pollfd fds[2] = {{outOpen ? p.stdoutFd() : -1, POLLIN, 0},
                         {errOpen ? p.stderrFd() : -1, POLLIN, 0}};
        ::poll(fds, 2, static_cast<int>(left));
        if (outOpen) {
            char buf[8192];
            ssize_t n;
            while ((n = ::read(p.stdoutFd(), buf, sizeof buf)) > 0)
                out.append(buf, static_cast<std::size_t>(n));
            if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
                outOpen = false;
                p.closeStdout();
            }
        }
        if (errOpen)
            errOpen = p.readStderr();
    }
    p.reap(timeoutMs);
    r.ran = true;
    r.exitCode = p.exitCode();
    r.out = std::move(out);
    r.err = p.stderrText();
    return r;
}

} // namespace netlens
