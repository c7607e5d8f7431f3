// SPDX-License-Identifier: GPL-3.0-or-later
// Screenshots of the real window under Xvfb, in English and in Chinese, with a capture
// loaded and a packet selected; the window with its dashboard at 1366x768, and each
// statistics window. They land in <build>/screenshots for people to look at.
#include "charts/dashboardview.h"
#include "charts/protocolpiechart.h"
#include "charts/toptalkerschart.h"
#include "charts/trafficchart.h"
#include "guitesthelpers.h"
#include "mainwindow/mainwindow.h"
#include "packets/packettablemodel.h"
#include "packets/packettableview.h"
#include "session/capturesession.h"
#include "stats/statisticsmenu.h"
#include "stats/statisticswindow.h"

#include <QApplication>
#include <QImage>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTranslator>

using namespace netlens;
using namespace netlens::test;

namespace {
/// A screenshot that is all one colour means nothing was drawn.
bool looksDrawn(const QImage &img)
{
    QSet<QRgb> colours;
    for (int y = 0; y < img.height(); y += 7)
        for (int x = 0; x < img.width(); x += 7)
            colours.insert(img.pixel(x, y));
    return colours.size() > 20;
}

QString savePath(const QString &name)
{
    QDir().mkpath(QStringLiteral(NETLENS_SCREENSHOT_DIR));
    return QStringLiteral(NETLENS_SCREENSHOT_DIR "/") + name + QStringLiteral(".png");
}

/// `widget` lies inside `window` and is at least `min` big: nothing cut off or squeezed.
bool fitsIn(const QWidget *widget, const QWidget *window, const QSize &min, QString *why)
{
    const QRect r(widget->mapTo(window, QPoint(0, 0)), widget->size());
    if (!widget->isVisible() || !window->rect().contains(r) || r.width() < min.width() ||
        r.height() < min.height()) {
        *why = QStringLiteral("%1 at %2,%3 %4x%5 in %6x%7")
                   .arg(QLatin1String(widget->metaObject()->className()))
                   .arg(r.x())
                   .arg(r.y())
                   .arg(r.width())
                   .arg(r.height())
                   .arg(window->width())
                   .arg(window->height());
        return false;
    }
    return true;
}

const QString kDashboardFile = QStringLiteral("zeek__wikipedia.pcap");
} // namespace

class TestScreenshots final : public QObject {
    Q_OBJECT

private:
    void shoot(const QString &name, const QString &file, int selectRow)
    {
        MainWindow w{AppSettings{}};
        w.resize(1500, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QSignalSpy done(&w, &MainWindow::sessionFinished);
        w.openFiles({file});
        QVERIFY(done.wait(30000));
        w.packetView()->selectRow(selectRow);
        w.packetView()->scrollTo(w.packetModel()->index(selectRow, 0));
        QTest::qWait(300);
        QDir().mkpath(QStringLiteral(NETLENS_SCREENSHOT_DIR));
        const QImage img = w.grab().toImage();
        const QString path =
            QStringLiteral(NETLENS_SCREENSHOT_DIR "/") + name + QStringLiteral(".png");
        QVERIFY(img.save(path));
        QVERIFY2(looksDrawn(img), qPrintable(path));
        qInfo("saved %s", qPrintable(path));
    }

    /// The window as on a 1366x768 laptop screen, dashboard docked beside the packets.
    void shootDashboard(const QString &suffix)
    {
        MainWindow w{AppSettings{}};
        w.resize(1366, 768);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QSignalSpy done(&w, &MainWindow::sessionFinished);
        w.openFiles({corpus(kDashboardFile)});
        QVERIFY(done.wait(30000));
        w.packetView()->selectRow(11);
        QTest::qWait(400);
        QCOMPARE(w.size(), QSize(1366, 768));
        DashboardView *d = w.dashboard();
        QVERIFY(d->isVisible());
        // The promise: the table and all three charts fit on such a screen.
        QString why;
        QVERIFY2(fitsIn(w.packetView(), &w, QSize(560, 150), &why), qPrintable(why));
        QVERIFY2(fitsIn(d->protocolChart(), &w, QSize(220, 200), &why), qPrintable(why));
        QVERIFY2(fitsIn(d->topTalkersChart(), &w, QSize(220, 200), &why), qPrintable(why));
        QVERIFY2(fitsIn(d->trafficChart(), &w, QSize(440, 180), &why), qPrintable(why));
        // Every bar of the default ten has its row: no scrolling inside the talkers chart.
        if (auto *scroll = d->topTalkersChart()->findChild<QScrollArea *>())
            QVERIFY2(!scroll->verticalScrollBar()->isVisible(), "the top talkers scroll");
        const QImage img = w.grab().toImage();
        const QString path = savePath(QStringLiteral("mainwindow-dashboard-") + suffix);
        QVERIFY(img.save(path));
        QVERIFY2(looksDrawn(img), qPrintable(path));
        qInfo("saved %s", qPrintable(path));

        // Each statistics window over the same capture, at the size it opens with.
        const std::pair<StatisticsWindow::Kind, QString> kinds[] = {
            {StatisticsWindow::Kind::ProtocolHierarchy, QStringLiteral("protocol-hierarchy")},
            {StatisticsWindow::Kind::Conversations, QStringLiteral("conversations")},
            {StatisticsWindow::Kind::Endpoints, QStringLiteral("endpoints")},
            {StatisticsWindow::Kind::Flows, QStringLiteral("flows")}};
        for (const auto &[kind, name] : kinds) {
            StatisticsWindow *sw = w.statisticsMenu()->open(kind);
            QVERIFY(sw);
            QVERIFY(QTest::qWaitForWindowExposed(sw));
            QTest::qWait(300);
            const QRect screen = sw->screen()->availableGeometry();
            QVERIFY2(sw->width() <= screen.width() && sw->height() <= 768, qPrintable(name));
            const QImage shot = sw->grab().toImage();
            const QString file = savePath(QStringLiteral("stats-%1-%2").arg(name, suffix));
            QVERIFY(shot.save(file));
            QVERIFY2(looksDrawn(shot), qPrintable(file));
            qInfo("saved %s", qPrintable(file));
            sw->close();
        }
    }

private Q_SLOTS:
    void initTestCase() { netlens::test::isolateSettings(); }

    void english()
    {
        shoot(QStringLiteral("mainwindow-en"), corpus(QStringLiteral("zeek__wikipedia.pcap")), 11);
    }

    void englishTls()
    {
        shoot(QStringLiteral("mainwindow-tls-en"),
              corpus(QStringLiteral("pcapplusplus__tls2.pcap")), 3);
    }

    void chinese()
    {
        QTranslator tr;
        QVERIFY(tr.load(QStringLiteral("netlens_zh_CN"), QStringLiteral(NETLENS_QM_DIR)));
        QCoreApplication::installTranslator(&tr);
        shoot(QStringLiteral("mainwindow-zh_CN"), corpus(QStringLiteral("zeek__wikipedia.pcap")),
              11);
        QCoreApplication::removeTranslator(&tr);
    }

    void dashboardEnglish() { shootDashboard(QStringLiteral("en")); }

    void dashboardChinese()
    {
        QTranslator tr;
        QVERIFY(tr.load(QStringLiteral("netlens_zh_CN"), QStringLiteral(NETLENS_QM_DIR)));
        QCoreApplication::installTranslator(&tr);
        shootDashboard(QStringLiteral("zh_CN"));
        QCoreApplication::removeTranslator(&tr);
    }
};

QTEST_MAIN(TestScreenshots)
#include "tst_screenshots.moc"
