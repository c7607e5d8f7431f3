// SPDX-License-Identifier: GPL-3.0-or-later
// ProtocolSeries: the overall series' buckets and widths, and the recent one-second ring.
//
// The overall series is checked against a direct count: merging buckets is exact only if
// every bucket at the final width holds what bucketing each packet at that width would give.

#include "stats/protocolseries.h"
#include "stats/timeseries.h"

#include <QTest>
#include <cstdint>
#include <limits>
#include <map>
#include <random>
#include <vector>

using namespace netlens;

namespace {

constexpr std::int64_t kSecond = ProtocolSeries::kSecondNs;
constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();
constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();

struct Sample {
    std::int64_t tsNs;
    std::uint32_t bytes;
    std::uint32_t label;
};

/// The overall series must equal every sample bucketed directly at its final width: totals
/// and labels per bucket, a dense range from the first to the last key, starts aligned.
void checkOverall(const ProtocolSeries &s, const std::vector<Sample> &samples)
{
    const std::int64_t w = s.overallIntervalNs();
    std::map<std::int64_t, ProtocolSeries::Slot> expected;
    for (const Sample &x : samples)
        expected[TimeSeries::floorDiv(x.tsNs, w)].add(x.label, x.bytes);
    QVERIFY(!expected.empty());
    const std::int64_t firstKey = expected.begin()->first;
    const std::int64_t lastKey = expected.rbegin()->first;
    QCOMPARE(s.overallFirstKey(), firstKey);
    QCOMPARE(static_cast<std::uint64_t>(s.overall().size()),
             static_cast<std::uint64_t>(lastKey) - static_cast<std::uint64_t>(firstKey) + 1);
    Counter sum;
    for (std::size_t i = 0; i < s.overall().size(); ++i) {
        const ProtocolSeries::Slot &got = s.overall()[i];
        sum.add(got.total);
        const auto it = expected.find(firstKey + static_cast<std::int64_t>(i));
        if (it == expected.end()) {
            QCOMPARE(got.total.packets, std::uint64_t(0));
            QVERIFY(got.labels.empty());
            continue;
        }
        QCOMPARE(got.total, it->second.total);
        QCOMPARE(got.labels.size(), it->second.labels.size());
        for (const auto &[label, counter] : it->second.labels)
            QCOMPARE(got.label(label), counter);
    }
    Counter all;
    for (const Sample &x : samples)
        all.add(1, x.bytes);
    QCOMPARE(sum, all);
}

} // namespace

class TstTimeSeries : public QObject {
    Q_OBJECT

private slots:
    void totalsPerBucketAndLabel()
    {
        ProtocolSeries s(100, 60);
        const std::int64_t t0 = 1764000000 * kSecond;
        const std::vector<Sample> samples{{t0, 100, 1},
                                          {t0 + 300000000, 50, 2},
                                          {t0 + 999999999, 10, 1},
                                          {t0 + kSecond, 7, 2},
                                          {t0 + 3 * kSecond + 1, 1000, 3}};
        for (const Sample &x : samples)
            s.add(x.tsNs, x.bytes, x.label);
        QCOMPARE(s.overallIntervalNs(), kSecond);
        QCOMPARE(s.overallFirstKey(), std::int64_t(1764000000));
        QCOMPARE(s.overall().size(), std::size_t(4)); // dense: second 2 is empty
        QCOMPARE(s.overall()[0].total, (Counter{3, 160}));
        QCOMPARE(s.overall()[0].label(1), (Counter{2, 110}));
        QCOMPARE(s.overall()[0].label(2), (Counter{1, 50}));
        QCOMPARE(s.overall()[0].label(3), Counter{});
        QCOMPARE(s.overall()[1].total, (Counter{1, 7}));
        QCOMPARE(s.overall()[2].total, Counter{});
        QCOMPARE(s.overall()[3].label(3), (Counter{1, 1000}));
        checkOverall(s, samples);
    }

    void ladder()
    {
        std::int64_t w = kSecond;
        const std::int64_t expected[] = {5,    10,   30,    60,    300,    600,
                                         1800, 3600, 21600, 86400, 172800, 345600};
        for (const std::int64_t e : expected) {
            const std::int64_t next = ProtocolSeries::nextWidth(w);
            QCOMPARE(next, e * kSecond);
            QCOMPARE(next % w, std::int64_t(0)); // a whole multiple: buckets merge exactly
            w = next;
        }
        // The ladder saturates instead of overflowing.
        QCOMPARE(ProtocolSeries::nextWidth(kMax / 2 + 1), kMax / 2 + 1);
    }

    void widthStepsExactlyWhenSpanExceedsMaxPoints()
    {
        // maxPoints 10: seconds 0..9 fit at 1 s; second 10 needs an 11th bucket, so 5 s.
        ProtocolSeries s(10, 10);
        const std::int64_t t0 = 1764000003 * kSecond + 700000000; // not aligned to 5 or 10 s
        std::vector<Sample> samples;
        const auto add = [&](std::int64_t ts, std::uint32_t bytes, std::uint32_t label) {
            s.add(ts, bytes, label);
            samples.push_back({ts, bytes, label});
        };
        for (int i = 0; i < 10; ++i)
            add(t0 + i * kSecond, 10u + static_cast<std::uint32_t>(i),
                static_cast<std::uint32_t>(i % 3));
        QCOMPARE(s.overallIntervalNs(), kSecond);
        QCOMPARE(s.overall().size(), std::size_t(10));
        checkOverall(s, samples);

        add(t0 + 10 * kSecond, 100, 7);
        QCOMPARE(s.overallIntervalNs(), 5 * kSecond);
        // Seconds 1764000003..1764000013 at 5 s: keys 352800000..352800002, starts aligned.
        QCOMPARE(s.overallFirstKey(), std::int64_t(352800000));
        QCOMPARE(s.overall().size(), std::size_t(3));
        QCOMPARE(TimeSeries::startOf(s.overallFirstKey(), s.overallIntervalNs()) % (5 * kSecond),
                 std::int64_t(0));
        checkOverall(s, samples);

        // Up to 10 buckets of 5 s fit: the last one starts 45 s after the first bucket's start.
        const std::int64_t firstStart = 1764000000 * kSecond;
        add(firstStart + 49 * kSecond, 1, 1);
        QCOMPARE(s.overallIntervalNs(), 5 * kSecond);
        QCOMPARE(s.overall().size(), std::size_t(10));
        add(firstStart + 50 * kSecond, 1, 1);
        QCOMPARE(s.overallIntervalNs(), 10 * kSecond);
        QCOMPARE(s.overall().size(), std::size_t(6));
        checkOverall(s, samples);

        // A jump of an hour goes up several rungs at once, to the first width that fits.
        add(firstStart + 3600 * kSecond, 5, 2);
        QCOMPARE(s.overallIntervalNs(), 600 * kSecond);
        QCOMPARE(s.overall().size(), std::size_t(7));
        checkOverall(s, samples);
    }

    void outOfOrderAndYearsApart()
    {
        std::mt19937_64 rng(12345);
        const std::size_t maxPoints = 50;
        ProtocolSeries s(maxPoints, 30);
        std::vector<Sample> samples;
        const std::int64_t t0 = 1500000000 * kSecond;
        for (int i = 0; i < 5000; ++i) {
            std::int64_t ts;
            switch (i % 4) {
            case 0: ts = t0 + static_cast<std::int64_t>(rng() % (3600 * kSecond)); break;
            case 1:
                ts = t0 - static_cast<std::int64_t>(rng() % (10ll * 365 * 86400 * kSecond));
                break;
            case 2:
                ts = t0 + static_cast<std::int64_t>(rng() % (20ll * 365 * 86400 * kSecond));
                break;
            default: ts = t0 + static_cast<std::int64_t>(rng() % kSecond); break;
            }
            const Sample x{ts, static_cast<std::uint32_t>(rng() % 1500),
                           static_cast<std::uint32_t>(rng() % 5)};
            s.add(x.tsNs, x.bytes, x.label);
            samples.push_back(x);
            QVERIFY(s.overall().size() <= maxPoints);
        }
        QVERIFY(s.overallIntervalNs() > 86400 * kSecond);
        checkOverall(s, samples);
    }

    void timestampsAtBothEndsOfInt64()
    {
        ProtocolSeries s(4, 10);
        const std::vector<Sample> samples{
            {kMax, 10, 1}, {kMin, 20, 2}, {0, 30, 1}, {kMax - 1, 40, 3}, {kMin + 1, 50, 2}};
        for (const Sample &x : samples) {
            s.add(x.tsNs, x.bytes, x.label);
            QVERIFY(s.overall().size() <= 4);
        }
        checkOverall(s, samples);
        // The first bucket starts at (or clamps to) INT64_MIN, so it holds the oldest packets.
        QCOMPARE(TimeSeries::startOf(s.overallFirstKey(), s.overallIntervalNs()), kMin);

        // The recent ring: kMax is the newest second, the others are far older.
        std::int64_t first = 0;
        const auto recent = s.recent(first);
        QCOMPARE(recent.size(), std::size_t(1));
        QCOMPARE(first, TimeSeries::floorDiv(kMax, kSecond));
        QCOMPARE(recent[0]->total, (Counter{2, 50}));

        // Only INT64_MAX, many times: the last bucket's end does not fit in int64.
        ProtocolSeries top(1000, 10);
        for (int i = 0; i < 3; ++i)
            top.add(kMax, 1, 1);
        QCOMPARE(top.overall().size(), std::size_t(1));
        QCOMPARE(top.overall()[0].total, (Counter{3, 3}));
    }

    void recentKeepsTheLastSecondsDense()
    {
        ProtocolSeries s(1000, 10);
        const std::int64_t base = 1764000000;
        std::int64_t first = -1;
        QVERIFY(s.recent(first).empty());

        s.add(base * kSecond, 100, 1);
        s.add((base + 2) * kSecond + 5, 200, 2);
        auto recent = s.recent(first);
        // Fewer seconds than the ring: from the oldest packet, empty seconds included.
        QCOMPARE(first, base);
        QCOMPARE(recent.size(), std::size_t(3));
        QCOMPARE(recent[0]->total, (Counter{1, 100}));
        QCOMPARE(recent[1]->total, Counter{});
        QCOMPARE(recent[2]->label(2), (Counter{1, 200}));

        // The newest packet moves the window: [base + 3, base + 12].
        s.add((base + 12) * kSecond, 300, 1);
        recent = s.recent(first);
        QCOMPARE(first, base + 3);
        QCOMPARE(recent.size(), std::size_t(10));
        for (std::size_t i = 0; i < 9; ++i)
            QCOMPARE(recent[i]->total, Counter{});
        QCOMPARE(recent[9]->total, (Counter{1, 300}));

        // Out of order: inside the window it counts; before it, only in overall.
        s.add((base + 5) * kSecond + 999999999, 7, 3);
        s.add((base + 2) * kSecond, 9, 3);
        recent = s.recent(first);
        QCOMPARE(first, base + 3);
        QCOMPARE(recent[2]->total, (Counter{1, 7}));
        Counter inRecent;
        for (const auto *slot : recent)
            inRecent.add(slot->total);
        QCOMPARE(inRecent, (Counter{2, 307}));
        Counter inOverall;
        for (const auto &slot : s.overall())
            inOverall.add(slot.total);
        QCOMPARE(inOverall, (Counter{5, 616}));
        QCOMPARE(s.overall()[2].total, (Counter{2, 209})); // second base + 2

        // A slot reused by the ring (base + 13 and base + 3 share a slot) starts empty, and a
        // jump far ahead leaves only stale slots, which read as zeros.
        s.add((base + 13) * kSecond, 1, 1);
        s.add((base + 100) * kSecond, 2, 1);
        recent = s.recent(first);
        QCOMPARE(first, base + 91);
        QCOMPARE(recent.size(), std::size_t(10));
        for (std::size_t i = 0; i < 9; ++i)
            QCOMPARE(recent[i]->total, Counter{});
        QCOMPARE(recent[9]->total, (Counter{1, 2}));
    }

    void recentBeforeTheEpoch()
    {
        // Negative seconds map into the ring like positive ones.
        ProtocolSeries s(1000, 5);
        s.add(-3 * kSecond - 1, 10, 1); // second -4
        s.add(-1, 20, 1);               // second -1
        std::int64_t first = 0;
        const auto recent = s.recent(first);
        QCOMPARE(first, std::int64_t(-4));
        QCOMPARE(recent.size(), std::size_t(4));
        QCOMPARE(recent[0]->total, (Counter{1, 10}));
        QCOMPARE(recent[3]->total, (Counter{1, 20}));
    }
};

QTEST_GUILESS_MAIN(TstTimeSeries)
#include "tst_timeseries.moc"
