// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <sys/types.h>
#include <vector>

namespace netlens {

/// Where the capture helper is (see docs of the helper contract): $NETLENS_CAPTURE_HELPER,
/// then <exeDir>/netlens-capture, then <exeDir>/../helper/netlens-capture (the build tree),
/// then netlens-capture on PATH. Empty when none is executable.
std::string findCaptureHelper(const std::string &exeDir);

/// The folder of a program's path ("." when it has none).
std::string executableDir(const std::string &executablePath);

/**
 * One run of `netlens-capture`, the only program that holds the capture capabilities.
 *
 * Spawned with posix_spawn from the calling thread: PR_SET_PDEATHSIG in the helper follows
 * that thread, so the thread that starts it must live as long as the capture (the capture
 * worker's does). Its stdout (the pcap stream), its status lines (fd 3, --status-fd 3) and
 * its stderr come back through non-blocking pipes that the caller polls; stdin is /dev/null.
 *
 * The destructor ends a helper still running (SIGTERM, then SIGKILL) and reaps it.
 */
class HelperProcess {
public:
    /// The helper's fd for its status lines.
    static constexpr int kStatusFd = 3;

    HelperProcess() = default;
    ~HelperProcess();
    HelperProcess(const HelperProcess &) = delete;
    HelperProcess &operator=(const HelperProcess &) = delete;

    /// Starts `path` with `args` (argv[1...]). `withStatus`: a status pipe on fd 3.
    bool start(const std::string &path, const std::vector<std::string> &args, bool withStatus,
               std::string &error);

    pid_t pid() const { return m_pid; }
    int stdoutFd() const { return m_out; }
    int statusFd() const { return m_status; }
    int stderrFd() const { return m_err; }

    /// Reads what the status pipe holds and appends each complete line (without '\n').
    /// False once the pipe is at its end (and then closes it).
    bool readStatusLines(std::vector<std::string> &lines);
    /// Reads what stderr holds (the first 64 KiB are kept). False at its end.
    bool readStderr();
    const std::string &stderrText() const { return m_stderr; }
    /// The last non-empty line of stderr.
    std::string lastStderrLine() const;
    /// Closes the read end of stdout: the helper sees EPIPE on its next write.
    void closeStdout();

    void signal(int sig) const;
    /// Non-blocking: true once the helper has exited (and has been reaped).
    bool tryReap();
    /// Waits up to `timeoutMs` for the exit, then SIGKILL and waits for that.
    void reap(int timeoutMs);
    bool exited() const { return m_reaped; }
    /// Exit status, or -1 when killed by a signal (see termSignal()).
    int exitCode() const { return m_exitCode; }
    int termSignal() const { return m_termSignal; }

private:
    void closeAll();

    pid_t m_pid = -1;
    int m_out = -1;
    int m_status = -1;
    int m_err = -1;
    bool m_reaped = false;
    int m_exitCode = -1;
    int m_termSignal = 0;
    std::string m_statusPartial;
    std::string m_stderr;
};

/// What a short helper command (--list-interfaces, --check-filter) said.
struct HelperResult {
    bool ran = false; ///< false: could not start, or did not end in time (then killed)
    int exitCode = -1;
    std::string out;
    std::string err;
};

/// Runs `path args...` to its end (at most `timeoutMs`), collecting stdout and stderr.
HelperResult runHelperCommand(const std::string &path, const std::vector<std::string> &args,
                              int timeoutMs = 5000);

} // namespace netlens
