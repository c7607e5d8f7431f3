// SPDX-License-Identifier: GPL-3.0-or-later
// The traffic history (issue 11): the recorder over a real Engine fed a synthetic month of
// packet time, the minute/hour/day roll-ups checked against what was fed, the busiest hosts
// and "(other)", retention, the bound on the file over a synthetic year, the resolution a
// query picks, and the writer thread.
#include "engine/engine.h"
#include "frames.h"
#include "history/historyrecorder.h"
#include "history/historystore.h"
#include "history/historywriter.h"
#include "notify/notifydatabase.h"

#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <chrono>
#include <map>
#include <random>
#include <set>

using namespace netlens;
using namespace netlens::test;

namespace {
constexpr std::int64_t kSec = 1'000'000'000ll;
constexpr std::int64_t kDay = 86400;
// 2026-11-01 00:00:00 UTC
constexpr std::int64_t kMonthStart = 1793491200;

using Key = std::tuple<int, std::int64_t, QString>; // res, ts, name
using Expected = std::map<Key, HistoryCounts>;

std::int64_t alignDown(std::int64_t t, std::int64_t res)
{
    return t / res * res;
}

Bytes ip4(unsigned host)
{
    return {10, 0, static_cast<std::uint8_t>(host >> 8), static_cast<std::uint8_t>(host)};
}

Address address4(unsigned host)
{
    Address a;
    const Bytes b = ip4(host);
    std::copy(b.begin(), b.end(), a.bytes.begin());
    a.family = Address::V4;
    return a;
}

QString hostText(unsigned host)
{
    return QStringLiteral("10.0.%1.%2").arg(host >> 8).arg(host & 0xff);
}

std::map<Key, HistoryCounts> readTable(HistoryStore &store, const QString &table)
{
    Q_UNUSED(store);
    std::map<Key, HistoryCounts> out;
    const QString column = table == QLatin1String("history_host") ? QStringLiteral("host")
                                                                  : QStringLiteral("protocol");
    // The store's connection is private: read through one of our own.
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("t"));
    db.setDatabaseName(store.settings().dbPath);
    db.open();
    {
        QSqlQuery q(db);
        q.exec(QStringLiteral("SELECT res, ts, %1, bytes_in, bytes_out, packets_in, packets_out "
                              "FROM %2")
                   .arg(column, table));
        while (q.next()) {
            HistoryCounts c{q.value(3).toULongLong(), q.value(4).toULongLong(),
                            q.value(5).toULongLong(), q.value(6).toULongLong()};
            out[{q.value(0).toInt(), q.value(1).toLongLong(), q.value(2).toString()}] = c;
        }
    }
    db.close();
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(QStringLiteral("t"));
    return out;
}

HistoryMinute syntheticMinute(std::int64_t startSec, int hosts, std::mt19937 &rng,
                              unsigned hostPool)
{
    HistoryMinute m;
    m.startSec = startSec;
    for (const char *p : {"TLS", "DNS", "HTTP", "QUIC", "UDP", "TCP", "ICMP", "SSH"})
        m.protocols.push_back({QString::fromLatin1(p), {rng() % 100000, rng() % 100000, 50, 60}});
    std::set<unsigned> used;
    while (static_cast<int>(used.size()) < hosts)
        used.insert(static_cast<unsigned>(rng() % hostPool));
    for (const unsigned h : used)
        m.hosts.push_back(
            {QStringLiteral("10.%1.%2.%3").arg((h >> 16) & 0xff).arg((h >> 8) & 0xff).arg(h & 0xff),
             {rng() % 10000, rng() % 10000, 3, 4}});
    return m;
}
} // namespace

class TestHistory : public QObject {
    Q_OBJECT

private:
    /// A month of packets through an Engine with the recorder, straight into a store keeping
    /// `keepHosts` per period. Fills the expected rows as the packets go.
    void feedMonth(HistoryStore &store, int keepHosts, Expected &protocols, Expected &hosts,
                   std::uint64_t &packets)
    {
        Q_UNUSED(keepHosts);
        EngineSettings es;
        es.detectApplications = false; // the protocol is the transport: known to the test
        es.keepRecords = false;
        Engine engine(es);
        QString error;
        const unsigned local = 1;
        HistoryRecorder recorder(engine, {address4(local)}, [&](HistoryMinute &&m) {
            QVERIFY2(store.writeMinute(m, error), qPrintable(error));
        });
        engine.addPacketObserver(&recorder);
        std::mt19937 rng(11);
        const std::int64_t end = kMonthStart + 30 * kDay;
        std::int64_t t = kMonthStart * kSec;
        const auto add = [](Expected &e, int res, std::int64_t sec, const QString &k, bool out,
                            std::uint64_t bytes) {
            HistoryCounts &c = e[{res, alignDown(sec, res), k}];
            (out ? c.bytesOut : c.bytesIn) += bytes;
            ++(out ? c.packetsOut : c.packetsIn);
        };
        packets = 0;
        while (t < end * kSec) {
            // Bursts of a few packets, then a quiet gap of up to 20 minutes.
            const int burst = 1 + static_cast<int>(rng() % 12);
            for (int i = 0; i < burst; ++i) {
                const unsigned src = rng() % 4 == 0 ? local : 2 + rng() % 40;
                unsigned dst = rng() % 3 == 0 ? local : 2 + rng() % 40;
                if (dst == src)
                    dst = src == local ? 2 : local;
                const Bytes payload(rng() % 900, 0x42);
                const int kind = static_cast<int>(rng() % 3);
                const Bytes l4 = kind == 0   ? udp(5000, 53, payload)
                                 : kind == 1 ? tcp(40000, 443, 0x18, {}, payload)
                                             : icmp(8, 0);
                const std::uint8_t proto = kind == 0 ? 17 : kind == 1 ? 6 : 1;
                const Bytes frame =
                    cat({ether(0x0800), ipv4(proto, l4, {}, 0, ip4(src), ip4(dst))});
                engine.process(rawPacket(frame, t));
                ++packets;
                const QString name = kind == 0   ? QStringLiteral("UDP")
                                     : kind == 1 ? QStringLiteral("TCP")
                                                 : QStringLiteral("ICMP");
                const std::int64_t sec = t / kSec;
                for (const int res : {60, 3600, 86400}) {
                    add(protocols, res, sec, name, src == local, frame.size());
                    add(hosts, res, sec, hostText(src), true, frame.size());
                    add(hosts, res, sec, hostText(dst), false, frame.size());
                }
                t += static_cast<std::int64_t>(rng() % 3000) * 1'000'000; // up to 3 s
            }
            t += static_cast<std::int64_t>(rng() % 1200) * kSec;
        }
        recorder.finish();
        QVERIFY(recorder.minutesClosed() > 1000);
    }

    /// Sums per (res, ts) over every name.
    static std::map<std::pair<int, std::int64_t>, HistoryCounts> periodSums(const Expected &e)
    {
        std::map<std::pair<int, std::int64_t>, HistoryCounts> out;
        for (const auto &[k, c] : e)
            out[{std::get<0>(k), std::get<1>(k)}].add(c);
        return out;
    }

    static void lessOrEqual(const HistoryCounts &a, const HistoryCounts &b)
    {
        QVERIFY(a.bytesIn <= b.bytesIn && a.bytesOut <= b.bytesOut && a.packetsIn <= b.packetsIn &&
                a.packetsOut <= b.packetsOut);
    }

private Q_SLOTS:
    void monthRollUps_data()
    {
        QTest::addColumn<int>("keepHosts");
        QTest::newRow("every host") << 1000;
        QTest::newRow("busiest 8 and other") << 8;
    }

    void monthRollUps()
    {
        QFETCH(int, keepHosts);
        QTemporaryDir dir;
        HistorySettings s;
        s.dbPath = dir.filePath(QStringLiteral("netlens.db"));
        s.minuteDays = s.hourDays = s.dayDays = 60; // the whole month stays
        s.hostsPerPeriod = keepHosts;
        HistoryStore store(s);
        QString error;
        QVERIFY2(store.open(error), qPrintable(error));
        Expected protocols, hosts;
        std::uint64_t packets = 0;
        feedMonth(store, keepHosts, protocols, hosts, packets);
        if (QTest::currentTestFailed())
            return;

        // Protocols: every minute, hour and day row exactly as fed, and no other row.
        const auto protoRows = readTable(store, QStringLiteral("history_protocol"));
        QCOMPARE(protoRows.size(), protocols.size());
        for (const auto &[k, c] : protocols) {
            const auto it = protoRows.find(k);
            QVERIFY2(it != protoRows.end(), qPrintable(std::get<2>(k)));
            QCOMPARE(it->second, c);
        }
        // The day rows add up to every packet fed.
        std::uint64_t dayPackets = 0;
        for (const auto &[k, c] : protoRows)
            if (std::get<0>(k) == 86400)
                dayPackets += c.packets();
        QCOMPARE(dayPackets, packets);

        // Hosts: each period's rows (with "(other)") sum to exactly what was fed.
        const auto hostRows = readTable(store, QStringLiteral("history_host"));
        const auto fedSums = periodSums(hosts);
        const auto rowSums = periodSums(hostRows);
        QCOMPARE(rowSums.size(), fedSums.size());
        for (const auto &[p, c] : fedSums)
            QCOMPARE(rowSums.at(p), c);
        const QString other = QString::fromLatin1(HistoryMinute::kOther);
        std::map<std::pair<int, std::int64_t>, int> named;
        bool sawOther = false;
        const std::int64_t lastDay = alignDown(kMonthStart + 30 * kDay - 1, kDay);
        for (const auto &[k, c] : hostRows) {
            const int res = std::get<0>(k);
            if (std::get<2>(k) == other) {
                sawOther = true;
                continue;
            }
            ++named[{res, std::get<1>(k)}];
            const HistoryCounts &fed = hosts.at(k);
            if (res == 60 || keepHosts >= 1000)
                QCOMPARE(c, fed); // a kept host's minute row is exact
            else
                lessOrEqual(c, fed); // an hour or day row misses the minutes it was "other" in
        }
        QCOMPARE(sawOther, keepHosts < 1000);
        // At most keepHosts named per period, the hour and day still open aside.
        for (const auto &[p, n] : named) {
            const bool open = (p.first == 86400 && p.second == lastDay) ||
                              (p.first == 3600 && p.second >= lastDay + 23 * 3600);
            if (!open)
                QVERIFY2(n <= keepHosts, qPrintable(QStringLiteral("%1 at res %2: %3 hosts")
                                                        .arg(p.second)
                                                        .arg(p.first)
                                                        .arg(n)));
        }

        // The month as the window's query reads it: hours, the same totals, top hosts.
        HistoryReport r;
        QVERIFY2(store.query(kMonthStart, kMonthStart + 30 * kDay, 10, r, error),
                 qPrintable(error));
        QCOMPARE(r.resolution, 3600);
        QCOMPARE(r.total.packets(), packets);
        QCOMPARE(r.protocols.size(), std::size_t{3});
        QVERIFY(r.protocols[0].total.bytes() >= r.protocols[1].total.bytes());
        QCOMPARE(r.hosts.size(), std::size_t{10});
        QCOMPARE(r.hosts[0].key, hostText(1)); // the local host is in a third of the packets
        HistoryCounts hostSum = r.otherHosts;
        for (const HistoryEntry &e : r.hosts)
            hostSum.add(e.counts);
        // Every packet has both ends: the hosts count each packet twice (sent and received).
        QCOMPARE(hostSum.packets(), 2 * packets);
        QCOMPARE(hostSum.packetsOut, packets);
    }

    void retentionDeletesOnlyWhatIsPast()
    {
        QTemporaryDir dir;
        HistorySettings s;
        s.dbPath = dir.filePath(QStringLiteral("netlens.db"));
        s.minuteDays = 7;
        s.hourDays = 90;
        s.dayDays = 365;
        HistoryStore store(s);
        QString error;
        QVERIFY2(store.open(error), qPrintable(error));
        std::mt19937 rng(3);
        // A minute every 5 h 1 min over 400 days, and the boundaries exactly.
        const std::int64_t now = kMonthStart + 400 * kDay;
        std::vector<std::int64_t> written;
        for (std::int64_t t = kMonthStart; t < now - 8 * kDay; t += 5 * 3600 + 60)
            written.push_back(alignDown(t, 60));
        for (const std::int64_t t : {now - 7 * kDay - 60, now - 7 * kDay, now - 3600})
            written.push_back(t);
        written.push_back(now);
        for (const std::int64_t t : written)
            QVERIFY2(store.writeMinute(syntheticMinute(t, 2, rng, 10), error), qPrintable(error));
        const auto rows = readTable(store, QStringLiteral("history_protocol"));
        const std::pair<int, int> keep[] = {{60, 7}, {3600, 90}, {86400, 365}};
        for (const auto &[res, days] : keep) {
            const std::int64_t cutoff = now - days * kDay;
            std::set<std::int64_t> expected, present;
            for (const std::int64_t t : written)
                if (alignDown(t, res) >= cutoff)
                    expected.insert(alignDown(t, res));
            for (const auto &[k, c] : rows)
                if (std::get<0>(k) == res)
                    present.insert(std::get<1>(k));
            QCOMPARE(present, expected);
        }
        // The minute exactly at the edge stays, the one before it goes.
        QVERIFY(rows.count({60, now - 7 * kDay, QStringLiteral("TLS")}));
        QVERIFY(!rows.count({60, now - 7 * kDay - 60, QStringLiteral("TLS")}));
        // Three minutes within the 7 days, two hosts each.
        QCOMPARE(store.rowCount(QStringLiteral("history_host"), 60), qint64{3 * 2});
    }

    void boundedOverAYear()
    {
        QTemporaryDir dir;
        HistorySettings s;
        s.dbPath = dir.filePath(QStringLiteral("netlens.db"));
        HistoryStore store(s);
        QString error;
        QVERIFY2(store.open(error), qPrintable(error));
        std::mt19937 rng(7);
        // A year with one busy minute every two hours (150 hosts of 1,000,000), then the last
        // day minute by minute: every tier fills and is pruned.
        const std::int64_t start = kMonthStart;
        const std::int64_t end = start + 365 * kDay;
        std::vector<std::int64_t> minutes;
        for (std::int64_t t = start; t < end - kDay; t += 7200)
            minutes.push_back(t + 60 * static_cast<std::int64_t>(rng() % 120));
        for (std::int64_t t = end - kDay; t < end; t += 60)
            minutes.push_back(t);
        double totalMs = 0, slowest = 0;
        for (const std::int64_t t : minutes) {
            const HistoryMinute m = syntheticMinute(t, 150, rng, 1'000'000);
            const auto t0 = std::chrono::steady_clock::now();
            QVERIFY2(store.writeMinute(m, error), qPrintable(error));
            const double ms =
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                    .count();
            totalMs += ms;
            slowest = std::max(slowest, ms);
        }
        const qint64 protoRows = store.rowCount(QStringLiteral("history_protocol"));
        const qint64 hostRows[] = {store.rowCount(QStringLiteral("history_host"), 60),
                                   store.rowCount(QStringLiteral("history_host"), 3600),
                                   store.rowCount(QStringLiteral("history_host"), 86400)};
        {
            QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("c"));
            db.setDatabaseName(s.dbPath);
            db.open();
            QSqlQuery(db).exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("c"));
        const qint64 size = QFileInfo(s.dbPath).size();
        qInfo("year: %zu minutes written, %.2f ms each on average, %.2f ms the slowest",
              minutes.size(), totalMs / static_cast<double>(minutes.size()), slowest);
        qInfo("year: %lld protocol rows; host rows %lld minute, %lld hour, %lld day; %.1f MB",
              protoRows, hostRows[0], hostRows[1], hostRows[2], static_cast<double>(size) / 1e6);
        // 7 days of minutes: the last day minute by minute and 6 days of one every 2 hours.
        const qint64 minutesKept = 1440 + 6 * 12;
        const qint64 perPeriod = s.hostsPerPeriod + 1;
        QVERIFY(hostRows[0] <= (minutesKept + 1) * perPeriod);
        // Hours and days trimmed, but for the hour going on (up to 60 minutes of rows).
        QVERIFY(hostRows[1] <= (90 * 24 + 1) * perPeriod + 60 * perPeriod);
        QVERIFY(hostRows[2] <= 366 * perPeriod + 60 * perPeriod);
        QVERIFY(hostRows[2] >= 360 * s.hostsPerPeriod); // a year of days, each with 100 named
        QVERIFY(protoRows <= 8 * (minutesKept + 90 * 24 + 366 + 3));
        QVERIFY2(size < 60'000'000, qPrintable(QString::number(size)));
    }

    void resolutionFollowsSpanAndRetention()
    {
        QTemporaryDir dir;
        HistorySettings s;
        s.dbPath = dir.filePath(QStringLiteral("netlens.db"));
        HistoryStore store(s);
        QString error;
        QVERIFY2(store.open(error), qPrintable(error));
        std::mt19937 rng(5);
        // History that began at 10:23 on the first day, one minute every 30 for 20 days.
        const std::int64_t begin = kMonthStart + 10 * 3600 + 23 * 60;
        const std::int64_t now = kMonthStart + 20 * kDay;
        std::int64_t t = begin;
        for (; t < begin + 10 * 3600; t += 1800)
            QVERIFY2(store.writeMinute(syntheticMinute(t, 3, rng, 10), error), qPrintable(error));
        // The first day: minutes from 10:23, none before, but no coarser row reaches further.
        QCOMPARE(store.resolutionFor(kMonthStart, kMonthStart + kDay), 60);
        for (; t <= now; t += 1800)
            QVERIFY2(store.writeMinute(syntheticMinute(t, 3, rng, 10), error), qPrintable(error));
        const std::int64_t today = alignDown(now, kDay);
        QCOMPARE(store.resolutionFor(today, today + kDay), 60);
        QCOMPARE(store.resolutionFor(today - 6 * kDay, today + kDay), 3600);
        QCOMPARE(store.resolutionFor(today - 60 * kDay, today + kDay), 86400);
        // Ten days back the minutes are pruned (7 days): the hours show that day.
        QCOMPARE(store.resolutionFor(today - 10 * kDay, today - 9 * kDay), 3600);
        HistoryReport r;
        QVERIFY(store.query(today - 10 * kDay, today - 9 * kDay, 5, r, error));
        QCOMPARE(r.resolution, 3600);
        QCOMPARE(r.protocols.size(), std::size_t{8});
        QCOMPARE(r.protocols[0].points.size(), std::size_t{24});
        // An empty period is empty, not an error.
        QVERIFY(store.query(now + 100 * kDay, now + 101 * kDay, 5, r, error));
        QVERIFY(r.empty());
    }

    void clockClosesAQuietMinute()
    {
        Engine engine;
        std::vector<HistoryMinute> got;
        HistoryRecorder recorder(engine, {}, [&](HistoryMinute &&m) { got.push_back(m); });
        engine.addPacketObserver(&recorder);
        const Bytes frame = cat({ether(0x0800), ipv4(17, udp(1, 2))});
        const std::int64_t t = kMonthStart * kSec + 30 * kSec;
        engine.process(rawPacket(frame, t));
        engine.process(rawPacket(frame, t + 20 * kSec));
        recorder.advanceTo(t + 31 * kSec); // 1 s past the end: a late packet may still come
        QCOMPARE(got.size(), std::size_t{0});
        recorder.advanceTo(t + 32 * kSec);
        QCOMPARE(got.size(), std::size_t{1});
        QCOMPARE(got[0].startSec, kMonthStart);
        QCOMPARE(got[0].protocols.size(), std::size_t{1});
        QCOMPARE(got[0].protocols[0].counts.packetsIn, 2u); // no local address: all in
        QCOMPARE(got[0].hosts.size(), std::size_t{2});
        engine.process(rawPacket(frame, t + 200 * kSec));
        recorder.finish(); // the partial minute
        QCOMPARE(got.size(), std::size_t{2});
        QCOMPARE(got[1].startSec, kMonthStart + 180);
        recorder.finish();
        QCOMPARE(got.size(), std::size_t{2});
    }

    void keepBusiestKeepsTotals()
    {
        std::vector<HistoryEntry> hosts;
        HistoryCounts total;
        for (int i = 0; i < 50; ++i) {
            const HistoryCounts c{std::uint64_t(i * 10), std::uint64_t(i), 1, 2};
            hosts.push_back({QString::number(i), c});
            total.add(c);
        }
        hosts.push_back({QString::fromLatin1(HistoryMinute::kOther), {5, 5, 5, 5}});
        total.add({5, 5, 5, 5});
        keepBusiestHosts(hosts, 10);
        QCOMPARE(hosts.size(), std::size_t{11});
        HistoryCounts sum;
        std::set<QString> names;
        for (const HistoryEntry &e : hosts) {
            sum.add(e.counts);
            names.insert(e.key);
        }
        QCOMPARE(sum, total);
        QVERIFY(names.count(QStringLiteral("49")) && names.count(QStringLiteral("40")));
        QVERIFY(!names.count(QStringLiteral("39")));
    }

    void writerThread()
    {
        QTemporaryDir dir;
        HistorySettings s;
        s.dbPath = dir.filePath(QStringLiteral("sub/netlens.db"));
        std::mt19937 rng(1);
        {
            HistoryWriter writer(s);
            QString error;
            QVERIFY2(writer.start(error), qPrintable(error));
            for (int i = 0; i < 20; ++i)
                writer.push(syntheticMinute(kMonthStart + 60 * i, 5, rng, 100));
            writer.stop();
            QCOMPARE(writer.written(), 20u);
            QCOMPARE(writer.dropped(), 0u);
            QVERIFY(writer.lastError().isEmpty());
        }
        HistoryStore store(s);
        QString error;
        QVERIFY2(store.open(error, true), qPrintable(error));
        QCOMPARE(store.rowCount(QStringLiteral("history_protocol"), 60), qint64{20 * 8});

        HistorySettings bad;
        bad.dbPath = QStringLiteral("/proc/self/no/netlens.db");
        HistoryWriter writer(bad);
        QVERIFY(!writer.start(error));
        QVERIFY2(error.contains(bad.dbPath), qPrintable(error));
        HistorySettings none;
        none.dbPath = dir.filePath(QStringLiteral("none.db"));
        HistoryStore missing(none);
        QVERIFY(!missing.open(error, true));
        QVERIFY2(error.contains(QStringLiteral("none.db")), qPrintable(error));
    }

    void sharesTheAlertsDatabase()
    {
        // The alerts' NotifyDatabase and the history in one file, each with its own schema
        // check, opened in either order.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("netlens.db"));
        QString error;
        {
            NotifyDatabase alerts(path);
            QVERIFY2(alerts.open(error), qPrintable(error));
            HistorySettings s;
            s.dbPath = path;
            HistoryStore store(s);
            QVERIFY2(store.open(error), qPrintable(error));
            std::mt19937 rng(2);
            QVERIFY2(store.writeMinute(syntheticMinute(kMonthStart, 3, rng, 10), error),
                     qPrintable(error));
        }
        NotifyDatabase again(path);
        QVERIFY2(again.open(error), qPrintable(error));
        QSqlQuery q(again.database());
        QVERIFY(q.exec(QStringLiteral("PRAGMA user_version")) && q.next());
        QCOMPARE(q.value(0).toInt(), 1); // NotifyDatabase's, untouched
        QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode")) && q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("wal"));
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM history_protocol")) && q.next());
        QCOMPARE(q.value(0).toInt(), 3 * 8);
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM alerts")) && q.next());
        // A newer history schema is refused by name, not misread.
        QVERIFY(q.exec(QStringLiteral("UPDATE history_meta SET value = '9' WHERE key = 'schema'")));
        q.finish();
        HistorySettings s;
        s.dbPath = path;
        HistoryStore newer(s);
        QVERIFY(!newer.open(error));
        QVERIFY2(error.contains(QStringLiteral("newer NetLens")), qPrintable(error));
    }

    void recorderCostPerPacket()
    {
        // The same 2 M packets through an engine without and with the recorder.
        std::vector<Bytes> frames;
        for (unsigned i = 0; i < 256; ++i)
            frames.push_back(cat({ether(0x0800), ipv4(17, udp(1000 + i, 53, Bytes(100, 1)), {}, 0,
                                                      ip4(2 + i % 50), ip4(1))}));
        double ns[2] = {};
        for (int with = 0; with < 2; ++with) {
            EngineSettings es;
            es.detectApplications = false;
            es.keepRecords = false;
            Engine engine(es);
            std::uint64_t minutes = 0;
            HistoryRecorder recorder(engine, {address4(1)}, [&](HistoryMinute &&) { ++minutes; });
            if (with)
                engine.addPacketObserver(&recorder);
            constexpr int kPackets = 2'000'000;
            const auto t0 = std::chrono::steady_clock::now();
            for (int i = 0; i < kPackets; ++i)
                engine.process(rawPacket(frames[i & 255], kMonthStart * kSec + i * 100'000ll));
            ns[with] =
                std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - t0)
                    .count() /
                kPackets;
            if (with)
                QVERIFY(minutes >= 3); // 200 s of packet time
        }
        qInfo("engine %.0f ns/packet, with the history recorder %.0f ns/packet (+%.0f)", ns[0],
              ns[1], ns[1] - ns[0]);

        // Closing a minute on the engine thread: its hosts' text is made then.
        EngineSettings es;
        es.detectApplications = false;
        es.keepRecords = false;
        Engine engine(es);
        std::size_t hosts = 0;
        HistoryRecorder recorder(engine, {address4(1)},
                                 [&](HistoryMinute &&m) { hosts = m.hosts.size(); });
        engine.addPacketObserver(&recorder);
        for (unsigned i = 0; i < 20000; ++i) {
            const Bytes f = cat(
                {ether(0x0800),
                 ipv4(17, udp(1, 2), {}, 0,
                      {10, std::uint8_t(i >> 16), std::uint8_t(i >> 8), std::uint8_t(i)}, ip4(1))});
            engine.process(rawPacket(f, kMonthStart * kSec + i * 1000ll));
        }
        const auto t0 = std::chrono::steady_clock::now();
        recorder.finish();
        const double closeMs =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                .count();
        QCOMPARE(hosts, std::size_t{20000}); // 10.0.0.1 is among the sources too
        qInfo("closing a minute of 20,000 hosts on the engine thread: %.2f ms", closeMs);
    }
};

QTEST_GUILESS_MAIN(TestHistory)
#include "tst_history.moc"
