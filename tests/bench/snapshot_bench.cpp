// SPDX-License-Identifier: GPL-3.0-or-later
// snapshot_bench [PCAP] [--runs N]   (N = 0: snapshot build times only)
//
// What a statistics snapshot costs at the worst case NetLens meets: a flood of a million new
// flows from a million sources (make-flood-pcap.py; PCAP defaults to
// /var/tmp/netlens-bench/flood.pcap, made if missing). Prints
//   - the build time of a live snapshot (topN 200) and of a complete one (every row), median
//     and max over several builds of the fully loaded engine;
//   - the engine's cost per packet over the whole file at full speed, with no snapshot and
//     with one every 400 ms of wall clock (what a capture session does), median of N runs
//     each, so the share the snapshots take is visible.
// Not run by CTest: it takes tens of seconds and its numbers depend on the machine.

#include "engine/engine.h"
#include "source/capturereader.h"
#include "store/clock.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <string>
#include <vector>

using namespace netlens;

namespace {

constexpr std::int64_t kSnapshotEveryNs = 400000000; // CaptureSession's period

struct Stats {
    double medianMs = 0;
    double maxMs = 0;
};

/// CPU time of this thread: on a shared machine the wall clock also counts other processes.
std::int64_t threadCpuNs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return std::int64_t{ts.tv_sec} * 1000000000 + ts.tv_nsec;
}

Stats summarize(std::vector<std::int64_t> ns)
{
    std::sort(ns.begin(), ns.end());
    return {static_cast<double>(ns[ns.size() / 2]) / 1e6, static_cast<double>(ns.back()) / 1e6};
}

struct Run {
    std::uint64_t packets = 0;
    std::int64_t elapsedNs = 0;
    std::uint64_t snapshots = 0;
    std::int64_t snapshotNs = 0; ///< time spent inside buildSnapshot
};

/// Reads `path` through `engine`; with `snapshots`, builds a live snapshot every 400 ms.
bool feed(Engine &engine, const std::string &path, bool snapshots, Run &run)
{
    std::string error;
    auto reader = CaptureReader::open(path, error);
    if (!reader) {
        std::fprintf(stderr, "snapshot_bench: %s\n", error.c_str());
        return false;
    }
    RawPacket p;
    const std::int64_t start = steadyNowNs();
    std::int64_t next = start + kSnapshotEveryNs;
    SnapshotOptions live;
    live.topN = 200;
    while (reader->next(p)) {
        engine.process(p);
        // The clock is read every 1024 packets, as a worker checks its timer between batches.
        if (snapshots && (++run.packets & 1023) == 0) {
            const std::int64_t now = steadyNowNs();
            if (now >= next) {
                const auto s = engine.buildSnapshot(live);
                const std::int64_t done = steadyNowNs();
                run.snapshotNs += done - now;
                ++run.snapshots;
                next = done + kSnapshotEveryNs;
            }
        } else if (!snapshots) {
            ++run.packets;
        }
    }
    engine.finish();
    run.elapsedNs = steadyNowNs() - start;
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    std::string path = "/var/tmp/netlens-bench/flood.pcap";
    int runs = 3;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--runs" && i + 1 < argc)
            runs = std::max(0, std::atoi(argv[++i])); // 0: build times only
        else
            path = a;
    }
    if (!std::filesystem::exists(path)) {
        std::filesystem::create_directories(std::filesystem::path(path).parent_path());
        const std::string make =
            "/usr/bin/python3 '" NETLENS_BENCH_DIR "/make-flood-pcap.py' '" + path + "'";
        std::fprintf(stderr, "snapshot_bench: making %s\n", path.c_str());
        if (std::system(make.c_str()) != 0) {
            std::fprintf(stderr, "snapshot_bench: %s failed\n", make.c_str());
            return 1;
        }
    }

    // Snapshot build times over the fully loaded engine.
    Engine engine;
    Run load;
    if (!feed(engine, path, false, load))
        return 1;
    const auto probe = engine.buildSnapshot({});
    std::printf("%s: %llu packets, %llu hosts, %llu conversations, %llu flows\n", path.c_str(),
                static_cast<unsigned long long>(load.packets),
                static_cast<unsigned long long>(probe->hostCount),
                static_cast<unsigned long long>(probe->conversationCount),
                static_cast<unsigned long long>(probe->flowCount));
    for (const bool complete : {false, true}) {
        SnapshotOptions o;
        o.topN = 200;
        o.complete = complete;
        std::vector<std::int64_t> ns, cpu;
        std::size_t rows = 0;
        for (int i = 0; i < (complete ? 5 : 21); ++i) {
            const std::int64_t c = threadCpuNs();
            const std::int64_t t = steadyNowNs();
            const auto s = engine.buildSnapshot(o);
            ns.push_back(steadyNowNs() - t);
            cpu.push_back(threadCpuNs() - c);
            rows = s->endpoints.size() + s->conversations.size() + s->flows.size();
        }
        const Stats st = summarize(ns);
        const Stats sc = summarize(cpu);
        std::printf("%-26s median %8.2f ms  max %8.2f ms  (CPU: median %8.2f ms, max %8.2f ms;"
                    " %zu builds, %zu rows)\n",
                    complete ? "complete snapshot:" : "live snapshot (topN 200):", st.medianMs,
                    st.maxMs, sc.medianMs, sc.maxMs, ns.size(), rows);
    }

    // Per-packet cost, alternating the two modes so that load from elsewhere hits both alike.
    std::vector<std::int64_t> plain, with;
    std::uint64_t snapshots = 0;
    std::int64_t snapshotNs = 0;
    std::uint64_t packets = load.packets;
    for (int r = 0; r < runs; ++r)
        for (const bool snap : {false, true}) {
            Engine e;
            Run run;
            if (!feed(e, path, snap, run))
                return 1;
            (snap ? with : plain).push_back(run.elapsedNs);
            snapshots += run.snapshots;
            snapshotNs += run.snapshotNs;
            packets = run.packets;
        }
    if (runs == 0)
        return 0;
    const double perPlain = summarize(plain).medianMs * 1e6 / static_cast<double>(packets);
    const double perWith = summarize(with).medianMs * 1e6 / static_cast<double>(packets);
    std::printf("engine, no snapshots:          %8.1f ns/packet (median of %d runs)\n", perPlain,
                runs);
    std::printf("engine, snapshot every 400 ms: %8.1f ns/packet (median of %d runs; %+.1f%%)\n",
                perWith, runs, 100.0 * (perWith - perPlain) / perPlain);
    if (snapshots)
        std::printf("  %llu snapshots during those runs, %.2f ms each on average\n",
                    static_cast<unsigned long long>(snapshots),
                    static_cast<double>(snapshotNs) / 1e6 / static_cast<double>(snapshots));
    return 0;
}
