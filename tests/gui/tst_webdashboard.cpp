// SPDX-License-Identifier: GPL-3.0-or-later
// The web dashboard as the window runs it: View → Web Dashboard serves the window's own
// session (checked against `netlens-cli analyze --json` of the same file), a port in use is
// reported while the window goes on, the Web settings page refuses an open address without a
// token, and File → Export Report writes the page with the same numbers inlined. Offscreen.
#include "guitesthelpers.h"
#include "mainwindow/mainwindow.h"
#include "session/capturesession.h"
#include "settings/settingsdialog.h"
#include "settings/webpage.h"
#include "web/webserver.h"

#include <QAction>
#include <QCheckBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTcpServer>

using namespace netlens;
using namespace netlens::test;

namespace {
struct Reply {
    int status = 0;
    QByteArray body;
    QByteArray csp;
};

Reply get(const QString &url)
{
    QNetworkAccessManager nam;
    QNetworkReply *r = nam.get(QNetworkRequest(QUrl(url)));
    waitFor([r] { return r->isFinished(); }, 15000);
    Reply out;
    out.status = r->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    out.body = r->readAll();
    out.csp = r->rawHeader("Content-Security-Policy");
    r->deleteLater();
    return out;
}

QJsonObject analyzeJson(const QString &file, const QTemporaryDir &dir)
{
    const QString json = dir.filePath(QStringLiteral("analyze.json"));
    bool ok = false;
    run(QStringLiteral(NETLENS_CLI),
        {QStringLiteral("analyze"), file, QStringLiteral("--json"), json,
         QStringLiteral("--quiet")},
        &ok);
    QFile f(json);
    if (!ok || !f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

/// Only the data: the summary's file list names the path the window opened, as the CLI's does.
QJsonObject withoutFiles(QJsonObject o)
{
    o.remove(QStringLiteral("files"));
    return o;
}
} // namespace

class TestWebDashboard final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { netlens::test::isolateSettings(); }

    void servesTheWindowsSession()
    {
        QTemporaryDir dir;
        AppSettings s;
        s.dataDir = dir.path();
        s.web.port = 0; // a free one
        MainWindow w(s);
        // Switched on before the file opens: the page follows the window's next session.
        QString error;
        QVERIFY2(w.setWebDashboard(true, &error), qPrintable(error));
        QVERIFY(w.webDashboardAction()->isChecked());
        QVERIFY(w.webServer() && w.webServer()->port() != 0);
        const QString base = w.webServer()->url();
        QCOMPARE(base, QStringLiteral("http://127.0.0.1:%1/").arg(w.webServer()->port()));

        const QString file = corpus(QStringLiteral("zeek__wikipedia.pcap"));
        QSignalSpy done(&w, &MainWindow::sessionFinished);
        w.openFiles({file});
        QVERIFY(done.wait(60000));
        // The feed takes the final snapshot with the session's finished(); poll until the
        // status says so.
        QJsonObject status;
        QVERIFY(waitFor([&] {
            status =
                QJsonDocument::fromJson(get(base + QStringLiteral("api/v1/status")).body).object();
            return status.value(QStringLiteral("state")).toString() == QLatin1String("finished");
        }));
        QCOMPARE(status.value(QStringLiteral("capturing")).toBool(true), false);
        QVERIFY(status.value(QStringLiteral("files")).toVariant().toStringList().contains(file));

        const Reply summary = get(base + QStringLiteral("api/v1/summary"));
        QCOMPARE(summary.status, 200);
        QCOMPARE(summary.csp, QByteArray("default-src 'self'"));
        const QJsonObject expected = analyzeJson(file, dir);
        QVERIFY(!expected.isEmpty());
        QVERIFY(expected.value(QStringLiteral("packets")).toInteger() > 0);
        QCOMPARE(withoutFiles(QJsonDocument::fromJson(summary.body).object()),
                 withoutFiles(expected));
        QCOMPARE(QJsonDocument::fromJson(summary.body)
                     .object()
                     .value(QStringLiteral("files"))
                     .toArray()
                     .size(),
                 1);

        // The page itself, with the window's language picked by the browser's header.
        const Reply page = get(base);
        QCOMPARE(page.status, 200);
        QVERIFY(page.body.contains("/static/app.js"));

        // Off: the port is given back.
        const quint16 port = w.webServer()->port();
        w.setWebDashboard(false);
        QVERIFY(!w.webServer());
        QVERIFY(!w.webDashboardAction()->isChecked());
        QTcpServer again;
        QVERIFY2(again.listen(QHostAddress::LocalHost, port), "the port was not released");
    }

    void aNewFileIsANewSessionWithItsOwnAlerts()
    {
        QTemporaryDir dir;
        AppSettings s;
        s.dataDir = dir.path();
        s.web.port = 0;
        MainWindow w(s);
        QVERIFY(w.setWebDashboard(true));
        const QString base = w.webServer()->url();
        const auto json = [&](const char *path) {
            return QJsonDocument::fromJson(get(base + QLatin1String(path)).body).object();
        };
        // The built-in rules raise alerts on this one (scans among its many protocols).
        QSignalSpy done(&w, &MainWindow::sessionFinished);
        w.openFiles({corpus(QStringLiteral("pcapplusplus__many-protocols.pcap"))});
        QVERIFY(done.wait(60000));
        QVERIFY(waitFor([&] {
            return json("api/v1/status").value(QStringLiteral("state")).toString() ==
                   QLatin1String("finished");
        }));
        const qint64 first = json("api/v1/status").value(QStringLiteral("session")).toInteger();
        QVERIFY(first >= 1);
        const QJsonObject alertsA = json("api/v1/alerts");
        const qsizetype countA = w.session()->alerts().size();
        QVERIFY2(countA > 0, "the first file raised no alert: the test shows nothing");
        QCOMPARE(alertsA.value(QStringLiteral("alerts")).toArray().size(), countA);
        const qint64 cursor = alertsA.value(QStringLiteral("next")).toInteger();

        w.openFiles({corpus(QStringLiteral("zeek__wikipedia.pcap"))});
        QVERIFY(done.wait(60000));
        QVERIFY(waitFor([&] {
            const QJsonObject st = json("api/v1/status");
            return st.value(QStringLiteral("session")).toInteger() == first + 1 &&
                   st.value(QStringLiteral("state")).toString() == QLatin1String("finished");
        }));
        // Only this file's alerts; the cursor from before still works (numbers go on).
        const QJsonObject alertsB = json("api/v1/alerts");
        QCOMPARE(alertsB.value(QStringLiteral("alerts")).toArray().size(),
                 w.session()->alerts().size());
        for (const QJsonValue &a : alertsB.value(QStringLiteral("alerts")).toArray())
            QVERIFY(a.toObject().value(QStringLiteral("id")).toInteger() > cursor);
        const QJsonObject sinceA =
            QJsonDocument::fromJson(
                get(base + QStringLiteral("api/v1/alerts?since=%1").arg(cursor)).body)
                .object();
        QCOMPARE(sinceA.value(QStringLiteral("alerts")).toArray(),
                 alertsB.value(QStringLiteral("alerts")).toArray());
    }

    void portInUseIsReportedAndTheWindowGoesOn()
    {
        QTcpServer squatter;
        QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
        QTemporaryDir dir;
        AppSettings s;
        s.dataDir = dir.path();
        s.web.port = squatter.serverPort();
        MainWindow w(s);
        QString error;
        QVERIFY(!w.setWebDashboard(true, &error));
        QVERIFY2(error.contains(QStringLiteral("127.0.0.1:%1").arg(squatter.serverPort())),
                 qPrintable(error));
        QVERIFY(!w.webDashboardAction()->isChecked());
        QVERIFY(!w.webServer());
        QSignalSpy done(&w, &MainWindow::sessionFinished);
        w.openFiles({corpus(QStringLiteral("zeek__wikipedia.pcap"))});
        QVERIFY(done.wait(60000)); // the window itself is unaffected
    }

    void exportReportInlinesTheSameNumbers()
    {
        QTemporaryDir dir;
        AppSettings s;
        s.dataDir = dir.path();
        MainWindow w(s);
        const QString report = dir.filePath(QStringLiteral("report.html"));
        QString error;
        QVERIFY(!w.exportReport(report, &error)); // nothing opened yet
        QVERIFY(!error.isEmpty());
        const QString file = corpus(QStringLiteral("zeek__wikipedia.pcap"));
        QSignalSpy done(&w, &MainWindow::sessionFinished);
        w.openFiles({file});
        QVERIFY(done.wait(60000));
        QVERIFY(waitFor([&] { return w.exportReport(report, &error); }, 10000));
        QFile f(report);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray html = f.readAll();
        // Self-contained: no script or style is fetched from anywhere.
        QVERIFY(!html.contains("<script src"));
        QVERIFY(!html.contains("<link rel=\"stylesheet\""));
        static const QRegularExpression dataRe(
            QStringLiteral("<script id=\"netlens-data\" type=\"application/json\">(.*?)</script>"),
            QRegularExpression::DotMatchesEverythingOption);
        const auto m = dataRe.match(QString::fromUtf8(html));
        QVERIFY(m.hasMatch());
        QJsonParseError perr;
        const QJsonObject data = QJsonDocument::fromJson(m.captured(1).toUtf8(), &perr).object();
        QVERIFY2(perr.error == QJsonParseError::NoError, qPrintable(perr.errorString()));
        QCOMPARE(withoutFiles(data.value(QStringLiteral("summary")).toObject()),
                 withoutFiles(analyzeJson(file, dir)));
    }

    void settingsPageNeedsATokenForAnOpenAddress()
    {
        AppSettings s;
        SettingsDialog dialog(s);
        WebPage *page = dialog.webPage();
        QVERIFY(page);
        QCOMPARE(page->addressEdit()->text(), QStringLiteral("127.0.0.1"));
        QCOMPARE(page->portSpin()->value(), 5000);
        QString error;
        QVERIFY2(page->validate(error), qPrintable(error));
        page->addressEdit()->setText(QStringLiteral("0.0.0.0"));
        QVERIFY(!page->validate(error));
        QVERIFY2(error.contains(QStringLiteral("0.0.0.0")), qPrintable(error));
        page->generateButton()->click();
        QVERIFY(QRegularExpression(QStringLiteral("^[0-9a-f]{32}$"))
                    .match(page->tokenEdit()->text())
                    .hasMatch());
        QVERIFY2(page->validate(error), qPrintable(error));
        page->addressEdit()->setText(QStringLiteral("not an address"));
        QVERIFY(!page->validate(error));
        page->addressEdit()->setText(QStringLiteral("0.0.0.0"));
        page->portSpin()->setValue(8080);
        page->autoStartCheck()->setChecked(true);
        const AppSettings out = dialog.settings();
        QCOMPARE(out.web.address, QStringLiteral("0.0.0.0"));
        QCOMPARE(out.web.port, quint16(8080));
        QCOMPARE(out.web.token, page->tokenEdit()->text());
        QVERIFY(out.webAutoStart);
        // Round trip through the settings file.
        QSettings q;
        out.save(q);
        const AppSettings back = AppSettings::load(q);
        QCOMPARE(back.web, out.web);
        QCOMPARE(back.webAutoStart, true);
    }
};

QTEST_MAIN(TestWebDashboard)
#include "tst_webdashboard.moc"
