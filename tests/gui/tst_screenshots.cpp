// Screenshots of the real window under Xvfb, in English and in Chinese, with a capture
// loaded and a packet selected. They land in <build>/screenshots for people to look at.
#include "guitesthelpers.h"

#include "mainwindow/mainwindow.h"
#include "packets/packettablemodel.h"
#include "packets/packettableview.h"

#include <QApplication>
#include <QImage>
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
        const QString path = QStringLiteral(NETLENS_SCREENSHOT_DIR "/") + name + QStringLiteral(".png");
        QVERIFY(img.save(path));
        QVERIFY2(looksDrawn(img), qPrintable(path));
        qInfo("saved %s", qPrintable(path));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("NetLensTest"));
        QSettings().clear();
    }

    void english()
    {
        shoot(QStringLiteral("mainwindow-en"), corpus(QStringLiteral("zeek__wikipedia.pcap")), 11);
    }

    void englishTls()
    {
        shoot(QStringLiteral("mainwindow-tls-en"), corpus(QStringLiteral("pcapplusplus__tls2.pcap")), 3);
    }

    void chinese()
    {
        QTranslator tr;
        QVERIFY(tr.load(QStringLiteral("netlens_zh_CN"), QStringLiteral(NETLENS_QM_DIR)));
        QCoreApplication::installTranslator(&tr);
        shoot(QStringLiteral("mainwindow-zh_CN"), corpus(QStringLiteral("zeek__wikipedia.pcap")), 11);
        QCoreApplication::removeTranslator(&tr);
    }
};

QTEST_MAIN(TestScreenshots)
#include "tst_screenshots.moc"
