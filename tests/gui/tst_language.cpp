// SPDX-License-Identifier: GPL-3.0-or-later
// The language follows the system locale (LANG) unless the setting overrides it. This test
// starts with LANG=zh_CN.UTF-8, as a Chinese desktop would, before QApplication reads it.
#include "mainwindow/mainwindow.h"
#include "settings/language.h"

#include <QApplication>
#include <QMenuBar>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <QTranslator>
#include <cstdlib>

using namespace netlens;

class TestLanguage final : public QObject {
    Q_OBJECT

private:
    static QString fileMenuTitle()
    {
        MainWindow w{AppSettings{}};
        return w.menuBar()->actions().value(0)->text();
    }
    static void removeAll()
    {
        for (QTranslator *t : qApp->findChildren<QTranslator *>()) {
            QCoreApplication::removeTranslator(t);
            delete t;
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("NetLensTest"));
        QSettings().clear();
    }
    void followsTheSystemLocale()
    {
        QCOMPARE(installTranslators(*qApp, QString(), QStringLiteral(NETLENS_QM_DIR)),
                 QStringLiteral("zh_CN"));
        QCOMPARE(fileMenuTitle(), QStringLiteral("文件(&F)"));
        removeAll();
    }
    void settingOverridesTheSystem()
    {
        QCOMPARE(installTranslators(*qApp, QStringLiteral("en"), QStringLiteral(NETLENS_QM_DIR)),
                 QStringLiteral("en_US"));
        QCOMPARE(fileMenuTitle(), QStringLiteral("&File"));
        removeAll();
        installTranslators(*qApp, QStringLiteral("zh_CN"), QStringLiteral(NETLENS_QM_DIR));
        QCOMPARE(fileMenuTitle(), QStringLiteral("文件(&F)"));
        removeAll();
    }
};

int main(int argc, char *argv[])
{
    // What a Chinese desktop session sets; QLocale::system() reads it when the app starts.
    ::setenv("LANG", "zh_CN.UTF-8", 1);
    ::setenv("LC_ALL", "zh_CN.UTF-8", 1);
    ::unsetenv("LANGUAGE");
    QApplication app(argc, argv);
    TestLanguage test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_language.moc"
