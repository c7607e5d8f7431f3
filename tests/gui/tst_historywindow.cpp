// SPDX-License-Identifier: GPL-3.0-or-later
// Statistics → History (issue 11), offscreen: the window over a database the test fills
// through HistoryStore (a week with a daily rhythm, one day minute by minute), its periods
// and their resolution, the stacked series, the top hosts and their sort, stepping back and
// forth, a missing database, the Statistics menu entry, and screenshots of a day and a week
// (history-*.png).
#include "charts/chartformat.h"
#include "history/historychart.h"
#include "history/historystore.h"
#include "history/historywindow.h"
#include "session/capturesession.h"
#include "settings/historypage.h"
#include "settings/settingsdialog.h"
#include "stats/statisticsmenu.h"

#include <QCheckBox>
#include <QDir>
#include <QMenu>
#include <QSettings>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <qcustomplot.h>

using namespace netlens;

namespace {
const QDate kDay(2026, 12, 2); // a Wednesday

void saveShot(QWidget &w, const QString &name)
{
    QDir().mkpath(QStringLiteral(NETLENS_SCREENSHOT_DIR));
    const QString path = QStringLiteral(NETLENS_SCREENSHOT_DIR "/") + name;
    QVERIFY2(w.grab().save(path), qPrintable(path));
    qInfo("screenshot: %s", qPrintable(path));
}

HistoryMinute minuteAt(std::int64_t sec)
{
    // A working-day rhythm: quiet at night, busy around 14:00 local time.
    const QTime t = QDateTime::fromSecsSinceEpoch(sec).time();
    const double hour = t.hour() + t.minute() / 60.0;
    const double load = 0.15 + std::pow(std::max(0.0, std::sin((hour - 6) / 16 * M_PI)), 2);
    const auto scaled = [load](double v) { return static_cast<std::uint64_t>(v * load); };
    HistoryMinute m;
    m.startSec = sec;
    const std::pair<const char *, double> protocols[] = {
        {"TLS", 9e6}, {"QUIC", 5e6}, {"HTTP", 2e6},       {"DNS", 4e5}, {"SSH", 8e5},
        {"NTP", 5e4}, {"ICMP", 3e4}, {"BitTorrent", 2e4}, {"SMB", 1e4}};
    for (const auto &[name, bytes] : protocols)
        m.protocols.push_back({QString::fromLatin1(name),
                               {scaled(bytes), scaled(bytes / 6), scaled(bytes / 900) + 1,
                                scaled(bytes / 2000) + 1}});
    for (int h = 1; h <= 30; ++h) {
        const double share = 3e6 / (h * h);
        m.hosts.push_back({h <= 20 ? QStringLiteral("192.168.1.%1").arg(h)
                                   : QStringLiteral("2001:db8::%1").arg(h),
                           {scaled(share), scaled(share / 5), scaled(share / 900) + 1,
                            scaled(share / 3000) + 1}});
    }
    return m;
}
} // namespace

class TestHistoryWindow final : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_db;

private Q_SLOTS:
    void initTestCase()
    {
        m_db = m_dir.filePath(QStringLiteral("netlens.db"));
        HistorySettings s;
        s.dbPath = m_db;
        s.hostsPerPeriod = 25;
        s.minuteDays = s.hourDays = s.dayDays = 100000; // nothing of 2026 is pruned
        HistoryStore store(s);
        QString error;
        QVERIFY2(store.open(error), qPrintable(error));
        // Monday to Sunday of that week: every 10 minutes, and the Wednesday every minute.
        const QDateTime monday = kDay.addDays(-2).startOfDay();
        for (std::int64_t t = monday.toSecsSinceEpoch(); t < monday.addDays(7).toSecsSinceEpoch();
             t += 60) {
            const bool wednesday = QDateTime::fromSecsSinceEpoch(t).date() == kDay;
            if (wednesday || t % 600 == 0)
                QVERIFY2(store.writeMinute(minuteAt(t), error), qPrintable(error));
        }
    }

    void dayAtMinutes()
    {
        HistoryWindow w(m_db);
        w.setAttribute(Qt::WA_DeleteOnClose, false);
        w.resize(1000, 720);
        w.show();
        w.setPeriod(HistoryPeriod::containing(HistoryPeriod::Day, kDay.startOfDay()));
        QCOMPARE(w.report().resolution, 60);
        QCOMPARE(w.report().protocols.size(), std::size_t{9});
        QCOMPARE(w.report().protocols[0].points.size(), std::size_t{1440});
        // The busiest seven by name, the other two as "Other", bottom first.
        QCOMPARE(w.chart()->seriesNames(),
                 QStringList({QStringLiteral("TLS"), QStringLiteral("QUIC"), QStringLiteral("HTTP"),
                              QStringLiteral("SSH"), QStringLiteral("DNS"), QStringLiteral("NTP"),
                              QStringLiteral("ICMP"), QStringLiteral("Other")}));
        QVERIFY2(w.statusText().contains(QStringLiteral("bars per minute")),
                 qPrintable(w.statusText()));
        QStandardItemModel *hosts = w.hostsModel();
        QCOMPARE(hosts->rowCount(), 26); // the 25 kept, then "(other hosts)"
        QCOMPARE(hosts->item(0, 0)->text(), QStringLiteral("192.168.1.1"));
        QCOMPARE(hosts->item(25, 0)->text(), QStringLiteral("(other hosts)"));
        // The time axis spans the day exactly.
        QCustomPlot *plot = w.chart()->plot();
        QCOMPARE(plot->xAxis->range().lower, double(kDay.startOfDay().toSecsSinceEpoch()));
        QCOMPARE(plot->xAxis->range().upper,
                 double(kDay.addDays(1).startOfDay().toSecsSinceEpoch()));
        QVERIFY(plot->yAxis->range().upper > 1e6);
        QTest::qWait(50);
        saveShot(w, QStringLiteral("history-day.png"));

        // Sorting by a column, numerically: ascending packets out puts the smallest first.
        auto *view = w.findChild<QTableView *>();
        QVERIFY(view);
        view->sortByColumn(4, Qt::AscendingOrder);
        QAbstractItemModel *shown = view->model();
        for (int r = 1; r < shown->rowCount(); ++r)
            QVERIFY(shown->index(r - 1, 4).data(Qt::UserRole + 1).toULongLong() <=
                    shown->index(r, 4).data(Qt::UserRole + 1).toULongLong());
    }

    void weekMonthYearAndStepping()
    {
        HistoryWindow w(m_db);
        w.setAttribute(Qt::WA_DeleteOnClose, false);
        w.resize(1000, 720);
        w.show();
        w.setPeriod(HistoryPeriod::containing(HistoryPeriod::Week, kDay.startOfDay()));
        QCOMPARE(w.period().start.date(), QDate(2026, 11, 30)); // weeks start on Monday
        QCOMPARE(w.report().resolution, 3600);
        QCOMPARE(w.report().protocols[0].points.size(), std::size_t{7 * 24});
        QTest::qWait(50);
        saveShot(w, QStringLiteral("history-week.png"));
        // The week's total is the sum of its days.
        std::uint64_t week = w.report().total.bytes(), days = 0;
        for (int d = 0; d < 7; ++d) {
            w.setPeriod(HistoryPeriod::containing(HistoryPeriod::Day,
                                                  QDate(2026, 11, 30).addDays(d).startOfDay()));
            days += w.report().total.bytes();
        }
        QCOMPARE(days, week);

        w.setPeriod(HistoryPeriod::containing(HistoryPeriod::Month, kDay.startOfDay()));
        QCOMPARE(w.report().resolution, 3600);
        w.previous(); // November: only its last day has traffic
        QCOMPARE(w.period().start.date(), QDate(2026, 11, 1));
        QVERIFY(!w.report().empty());
        w.previous(); // October: nothing
        QVERIFY(w.report().empty());
        QVERIFY2(w.statusText().contains(QStringLiteral("No traffic")), qPrintable(w.statusText()));
        QCOMPARE(w.chart()->seriesNames(), QStringList());
        w.next();
        w.next();
        QCOMPARE(w.period().start.date(), QDate(2026, 12, 1));
        w.setPeriod(HistoryPeriod::containing(HistoryPeriod::Year, kDay.startOfDay()));
        QCOMPARE(w.report().resolution, 86400);
        QTest::qWait(50);
        saveShot(w, QStringLiteral("history-year.png"));
    }

    void missingDatabase()
    {
        HistoryWindow w(m_dir.filePath(QStringLiteral("none/netlens.db")));
        w.setAttribute(Qt::WA_DeleteOnClose, false);
        w.show();
        QVERIFY2(w.statusText().contains(QStringLiteral("none/netlens.db")),
                 qPrintable(w.statusText()));
        QVERIFY(w.report().empty());
        QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("none/netlens.db"))));
    }

    void settingsPageAndCaptureSettings()
    {
        AppSettings a;
        a.dataDir = m_dir.filePath(QStringLiteral("data"));
        QVERIFY(a.historyEnabled); // on by default
        SettingsDialog d(a);
        HistoryPage *page = d.historyPage();
        QVERIFY(page);
        QCOMPARE(page->minuteDaysSpin()->value(), 7);
        page->enabledCheck()->setChecked(false);
        QVERIFY(!page->hostsSpin()->isEnabled());
        page->enabledCheck()->setChecked(true);
        page->minuteDaysSpin()->setValue(3);
        page->hourDaysSpin()->setValue(30);
        page->dayDaysSpin()->setValue(730);
        page->hostsSpin()->setValue(50);
        AppSettings b = a;
        page->apply(b);
        QCOMPARE(b.historyMinuteDays, 3);
        QCOMPARE(b.historyHosts, 50);
        // Saved and loaded back; out-of-range values fall back to the defaults.
        QSettings ini(m_dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
        b.save(ini);
        QVERIFY(AppSettings::load(ini) == b);
        ini.setValue(QStringLiteral("history/minuteDays"), -4);
        QCOMPARE(AppSettings::load(ini).historyMinuteDays, 7);
        // What a live capture of the window gets: the database in the data folder.
        const CaptureSettings c = b.captureSettings(QStringLiteral("lo"), QString());
        QVERIFY(c.history.enabled);
        QCOMPARE(c.history.dbPath, QDir(a.dataDir).filePath(QStringLiteral("netlens.db")));
        QCOMPARE(c.history.dayDays, 730);
        QCOMPARE(c.history.hostsPerPeriod, 50);
        QVERIFY(!c.history.localAddresses.empty()); // 127.0.0.1 and ::1
        b.historyEnabled = false;
        QVERIFY(!b.captureSettings(QStringLiteral("lo"), QString()).history.enabled);
    }

    void statisticsMenuOpensIt()
    {
        QWidget main;
        StatisticsMenu menu(&main);
        menu.setHistoryDatabase(m_db);
        QAction *history = nullptr;
        for (QAction *a : menu.menu()->actions())
            if (a->text() == QStringLiteral("&History"))
                history = a;
        QVERIFY(history);
        QVERIFY(history->isEnabled()); // no session needed
        history->trigger();
        HistoryWindow *w = menu.historyWindow();
        QVERIFY(w);
        QVERIFY(w->isVisible());
        QCOMPARE(w->database(), m_db);
        QCOMPARE(menu.openHistory(), w); // one window, raised again
        w->close();
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        QVERIFY(!menu.historyWindow());
    }
};

QTEST_MAIN(TestHistoryWindow)
#include "tst_historywindow.moc"
