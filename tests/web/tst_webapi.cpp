// SPDX-License-Identifier: GPL-3.0-or-later
// The dashboard's JSON API over a real server on a free loopback port, fed by a real
// CaptureSession loading corpus captures (alerts from the real AlertEngine): every
// endpoint's shape and values against analyze --json of the same file, the since= cursors,
// the 400s naming their parameter, 404, 405, HEAD, the page and its files.

#include "alerts/alertjson.h"
#include "alerts/alertrule.h"
#include "web/dashboardjson.h"
#include "web/webapi.h"
#include "web/webserver.h"
#include "webtesthelpers.h"

#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>

using namespace netlens;
using namespace netlens::test;

namespace {
const char *const kAlertsFile = "pcapplusplus__many-protocols.pcap";

// Rules that fire on ordinary traffic, so a corpus file gives several alerts that change
// state: every local host is new at once, and any second with a packet is over threshold.
const char *const kRules = R"({ "version": 1, "rules": [
  { "id": "new", "kind": "new_host", "learning_seconds": 0 },
  { "id": "any", "kind": "threshold", "metric": "packets_per_second", "threshold": 0.5,
    "window_seconds": 1, "cooldown_seconds": 0 } ] })";

QJsonArray arr(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toArray();
}
} // namespace

class TestWebApi : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    LoadedFeed m_loaded;
    std::unique_ptr<WebServer> m_server;
    quint16 m_port = 0;
    QJsonObject m_summary; ///< analyze --json of kAlertsFile, by the CLI

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const QString rulesPath = m_dir.filePath(QStringLiteral("rules.json"));
        QFile rules(rulesPath);
        QVERIFY(rules.open(QIODevice::WriteOnly));
        rules.write(kRules);
        rules.close();
        AlertSettings alerts;
        alerts.enabled = true;
        alerts.dataDir.clear();
        RuleError ruleError;
        QVERIFY(parseRuleSet(QByteArray(kRules), rulesPath, alerts.rules, ruleError));
        QVERIFY(m_loaded.load(corpus(kAlertsFile), alerts));
        QVERIFY(m_loaded.session->alerts().size() >= 3);

        WebSettings settings;
        settings.port = 0;
        m_server = std::make_unique<WebServer>(m_loaded.feed, settings);
        QString error;
        QVERIFY2(m_server->start(error), qPrintable(error));
        m_port = m_server->port();
        QVERIFY(m_port != 0);
        QCOMPARE(m_server->url(), QStringLiteral("http://127.0.0.1:%1/").arg(m_port));

        int code = -1;
        m_summary =
            QJsonDocument::fromJson(analyzeJsonText(corpus(kAlertsFile), m_dir.path(), &code))
                .object();
        QCOMPARE(code, 0);
        QVERIFY(m_summary.value(QLatin1String("packets")).toInteger() > 0);
    }

    void summaryIsAnalyzeJson_data()
    {
        QTest::addColumn<QString>("file");
        for (const char *f : {"pcapplusplus__many-protocols.pcap", "zeek__smtp.pcap",
                              "pcapplusplus__pcapng-example.pcapng", "zeek__tunnels_Teredo.pcap"})
            QTest::newRow(f) << corpus(f);
    }
    void summaryIsAnalyzeJson()
    {
        QFETCH(QString, file);
        LoadedFeed loaded;
        QVERIFY(loaded.load(file));
        WebSettings settings;
        settings.port = 0;
        WebServer server(loaded.feed, settings);
        QString error;
        QVERIFY2(server.start(error), qPrintable(error));
        const HttpReply r = get(server.port(), "/api/v1/summary");
        QCOMPARE(r.status, 200);
        QCOMPARE(r.header("content-type"), QByteArray("application/json; charset=utf-8"));

        const QByteArray expected = analyzeJsonText(file, m_dir.path());
        QVERIFY(expected.size() > 100);
        QCOMPARE(r.body, expected); // byte for byte
        // Cached: the second answer is the same bytes.
        QCOMPARE(get(server.port(), "/api/v1/summary").body, expected);
    }

    void status()
    {
        const HttpReply r = get(m_port, "/api/v1/status");
        QCOMPARE(r.status, 200);
        const QJsonObject o = r.json();
        QCOMPARE(o.value(QLatin1String("state")).toString(), QStringLiteral("finished"));
        QCOMPARE(o.value(QLatin1String("capturing")).toBool(true), false);
        QVERIFY(o.value(QLatin1String("interface")).isNull());
        QCOMPARE(o.value(QLatin1String("file")).toString(), corpus(kAlertsFile));
        QCOMPARE(arr(o, "files").size(), 1);
        QCOMPARE(o.value(QLatin1String("packets")), m_summary.value(QLatin1String("packets")));
        QCOMPARE(o.value(QLatin1String("bytes")), m_summary.value(QLatin1String("bytes")));
        QCOMPARE(o.value(QLatin1String("packets_per_s")).toDouble(-1), 0.0);
        QCOMPARE(o.value(QLatin1String("dropped_kernel")).toInteger(-1), 0);
        QVERIFY(o.value(QLatin1String("started_at")).toDouble() > 1.7e9);
        const QJsonObject snap = o.value(QLatin1String("snapshot")).toObject();
        QVERIFY(snap.value(QLatin1String("final")).toBool());
        QVERIFY(snap.value(QLatin1String("complete")).toBool());
        QVERIFY(snap.value(QLatin1String("sequence")).toInteger() >= 1);
        QCOMPARE(o.value(QLatin1String("version")).toString(), QStringLiteral(NETLENS_VERSION));
    }

    void talkersConversationsFlows_data()
    {
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<QString>("list");
        QTest::addColumn<QString>("summaryList");
        QTest::addColumn<QString>("countKey");
        QTest::addColumn<int>("defaultN");
        QTest::newRow("talkers") << QByteArray("talkers") << "talkers"
                                 << "top_talkers"
                                 << "host_count" << 5;
        QTest::newRow("conversations") << QByteArray("conversations") << "conversations"
                                       << "conversations"
                                       << "conversation_count" << 10;
        QTest::newRow("flows") << QByteArray("flows") << "flows"
                               << "flows"
                               << "flow_count" << 10;
    }
    void talkersConversationsFlows()
    {
        QFETCH(QByteArray, path);
        QFETCH(QString, list);
        QFETCH(QString, summaryList);
        QFETCH(QString, countKey);
        QFETCH(int, defaultN);
        const QJsonArray all = m_summary.value(summaryList).toArray(); // the top 10
        QVERIFY(all.size() >= 5);
        for (int n : {3, defaultN}) {
            const QByteArray target =
                "/api/v1/" + path + (n == defaultN ? QByteArray() : "?n=" + QByteArray::number(n));
            const HttpReply r = get(m_port, target);
            QCOMPARE(r.status, 200);
            const QJsonObject o = r.json();
            QCOMPARE(o.size(), 2);
            QCOMPARE(o.value(countKey), m_summary.value(countKey));
            const QJsonArray rows = o.value(list).toArray();
            QCOMPARE(rows.size(), std::min<qsizetype>(n, all.size()));
            for (qsizetype i = 0; i < rows.size(); ++i)
                QCOMPARE(rows[i].toObject(), all[i].toObject()); // the summary's own objects
        }
        const HttpReply hundred = get(m_port, "/api/v1/" + path + "?n=100");
        QCOMPARE(hundred.status, 200);
        QVERIFY(hundred.json().value(list).toArray().size() >= all.size());
    }

    void badParameters_data()
    {
        QTest::addColumn<QByteArray>("target");
        QTest::addColumn<QString>("message");
        QTest::newRow("n text") << QByteArray("/api/v1/talkers?n=abc")
                                << "n: must be a whole number from 1 to 100, not \"abc\"";
        QTest::newRow("n 0") << QByteArray("/api/v1/conversations?n=0")
                             << "n: must be a whole number from 1 to 100, not \"0\"";
        QTest::newRow("n 101") << QByteArray("/api/v1/flows?n=101")
                               << "n: must be a whole number from 1 to 100, not \"101\"";
        QTest::newRow("n fraction") << QByteArray("/api/v1/dashboard?n=2.5")
                                    << "n: must be a whole number from 1 to 100, not \"2.5\"";
        QTest::newRow("since text") << QByteArray("/api/v1/timeseries?since=yesterday")
                                    << "since: must be a time in seconds since the epoch (0 or "
                                       "more), not \"yesterday\"";
        QTest::newRow("since negative") << QByteArray("/api/v1/timeseries?since=-5")
                                        << "since: must be a time in seconds since the epoch (0 "
                                           "or more), not \"-5\"";
        QTest::newRow("alert id") << QByteArray("/api/v1/alerts?since=-1")
                                  << "since: must be a whole number of 0 or more, not \"-1\"";
        QTest::newRow("alerts_since")
            << QByteArray("/api/v1/dashboard?alerts_since=x")
            << "alerts_since: must be a whole number of 0 or more, not \"x\"";
        QTest::newRow("unknown") << QByteArray("/api/v1/summary?top=5") << "top: unknown parameter";
        QTest::newRow("twice") << QByteArray("/api/v1/talkers?n=2&n=3")
                               << "n: given more than once";
        QTest::newRow("page param") << QByteArray("/?lang=zh") << "lang: unknown parameter";
    }
    void badParameters()
    {
        QFETCH(QByteArray, target);
        QFETCH(QString, message);
        const HttpReply r = get(m_port, target);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.header("content-type"), QByteArray("application/json; charset=utf-8"));
        QCOMPARE(r.json()
                     .value(QLatin1String("error"))
                     .toObject()
                     .value(QLatin1String("status"))
                     .toInt(),
                 400);
        QCOMPARE(r.errorMessage(), message);
        QCOMPARE(missingSecurityHeader(r), QByteArray());
    }

    void notFoundAndMethod()
    {
        for (const QByteArray &path : {QByteArray("/api/v1/nothing"), QByteArray("/api/v2/summary"),
                                       QByteArray("/static/../index.html"), QByteArray("/x")}) {
            const HttpReply r = get(m_port, path);
            QCOMPARE(r.status, 404);
            QVERIFY2(r.errorMessage().endsWith(QStringLiteral(": no such path")),
                     qPrintable(r.errorMessage()));
            QCOMPARE(missingSecurityHeader(r), QByteArray());
        }
        const QByteArray host = "127.0.0.1:" + QByteArray::number(m_port);
        for (const QByteArray &method :
             {QByteArray("POST"), QByteArray("PUT"), QByteArray("DELETE")}) {
            const HttpReply r =
                request(m_port, "/api/v1/summary", host, {"Content-Length: 0"}, method);
            QCOMPARE(r.status, 405);
            QCOMPARE(r.header("allow"), QByteArray("GET, HEAD"));
            QVERIFY(r.errorMessage().contains(QString::fromLatin1(method)));
            QCOMPARE(missingSecurityHeader(r), QByteArray());
        }
        const HttpReply full = get(m_port, "/api/v1/protocols");
        const HttpReply head = request(m_port, "/api/v1/protocols", host, {}, "HEAD");
        QCOMPARE(head.status, 200);
        QVERIFY(head.body.isEmpty());
        QCOMPARE(head.header("content-length"), QByteArray::number(full.body.size()));
    }

    void protocols()
    {
        const QJsonObject o = get(m_port, "/api/v1/protocols").json();
        QCOMPARE(o.value(QLatin1String("packets")), m_summary.value(QLatin1String("packets")));
        QCOMPARE(o.value(QLatin1String("bytes")), m_summary.value(QLatin1String("bytes")));
        for (const auto &[key, summaryKey] :
             {std::pair{"protocols", "protocols"}, std::pair{"transports", "transport"}}) {
            const QJsonObject expected = m_summary.value(QLatin1String(summaryKey)).toObject();
            const QJsonArray rows = arr(o, key);
            QCOMPARE(rows.size(), expected.size());
            qint64 previous = std::numeric_limits<qint64>::max();
            for (const QJsonValue &v : rows) {
                const QJsonObject row = v.toObject();
                const QJsonObject want =
                    expected.value(row.value(QLatin1String("name")).toString()).toObject();
                QCOMPARE(row.value(QLatin1String("packets")), want.value(QLatin1String("packets")));
                QCOMPARE(row.value(QLatin1String("bytes")), want.value(QLatin1String("bytes")));
                const qint64 packets = row.value(QLatin1String("packets")).toInteger();
                QVERIFY(packets <= previous); // by packets, descending
                previous = packets;
            }
        }
    }

    void timeseriesSince()
    {
        const QJsonObject all = get(m_port, "/api/v1/timeseries").json();
        QCOMPARE(all.value(QLatin1String("series")).toString(), QStringLiteral("overall"));
        const double interval = all.value(QLatin1String("interval_s")).toDouble();
        const QJsonObject summarySeries = m_summary.value(QLatin1String("timeseries")).toObject();
        QCOMPARE(interval, summarySeries.value(QLatin1String("interval_s")).toDouble());
        const QJsonArray points = arr(all, "points");
        QVERIFY(points.size() >= 3);
        // Dense: every interval, zeros included; the summary lists the same non-empty ones.
        QJsonArray nonEmpty;
        for (qsizetype i = 0; i < points.size(); ++i) {
            const QJsonObject p = points[i].toObject();
            if (i > 0)
                QVERIFY(qAbs(p.value(QLatin1String("t")).toDouble() -
                             points[i - 1].toObject().value(QLatin1String("t")).toDouble() -
                             interval) < 1e-6);
            if (p.value(QLatin1String("packets")).toInteger())
                nonEmpty.append(p);
        }
        QCOMPARE(nonEmpty, summarySeries.value(QLatin1String("points")).toArray());

        const qsizetype mid = points.size() / 2;
        const double since = points[mid].toObject().value(QLatin1String("t")).toDouble();
        const HttpReply r =
            get(m_port, "/api/v1/timeseries?since=" + QByteArray::number(since, 'f', 6));
        QCOMPARE(r.status, 200);
        const QJsonArray tail = arr(r.json(), "points");
        QCOMPARE(tail.size(), points.size() - mid);
        for (qsizetype i = 0; i < tail.size(); ++i)
            QCOMPARE(tail[i], points[mid + i]);
        const double after = points.last().toObject().value(QLatin1String("t")).toDouble() + 1;
        QCOMPARE(
            arr(get(m_port, "/api/v1/timeseries?since=" + QByteArray::number(after, 'f', 3)).json(),
                "points")
                .size(),
            0);
    }

    void alertsSince()
    {
        // The session's alerts (each in its latest state), by the real engine.
        QHash<QString, QJsonObject> expected;
        for (const Alert &a : m_loaded.session->alerts())
            expected.insert(a.uid, QJsonDocument::fromJson(alertToJsonLine(a)).object());
        const HttpReply r = get(m_port, "/api/v1/alerts");
        QCOMPARE(r.status, 200);
        const QJsonObject o = r.json();
        const QJsonArray list = arr(o, "alerts");
        QCOMPARE(list.size(), expected.size());
        qint64 previous = 0;
        for (const QJsonValue &v : list) {
            QJsonObject a = v.toObject();
            const qint64 id = a.take(QLatin1String("id")).toInteger();
            QVERIFY(id > previous); // oldest change first
            previous = id;
            QCOMPARE(a, expected.value(a.value(QLatin1String("uid")).toString()));
        }
        QCOMPARE(o.value(QLatin1String("next")).toInteger(), previous);
        // Every alert changed state at least once after it engaged: more changes than alerts.
        QVERIFY(previous > list.size());

        const qint64 cut = list[list.size() / 2].toObject().value(QLatin1String("id")).toInteger();
        const QJsonObject later =
            get(m_port, "/api/v1/alerts?since=" + QByteArray::number(cut)).json();
        const QJsonArray rest = arr(later, "alerts");
        QCOMPARE(rest.size(), list.size() - list.size() / 2 - 1);
        for (const QJsonValue &v : rest)
            QVERIFY(v.toObject().value(QLatin1String("id")).toInteger() > cut);
        const QJsonObject none =
            get(m_port, "/api/v1/alerts?since=" + QByteArray::number(previous)).json();
        QCOMPARE(arr(none, "alerts").size(), 0);
        QCOMPARE(none.value(QLatin1String("next")).toInteger(), previous);

        // The same alerts as netlens-cli alert --json gives for the file.
        const QString rules = m_dir.filePath(QStringLiteral("rules.json"));
        const QList<QByteArray> lines =
            runCli({QStringLiteral("alert"), QStringLiteral("--json"),
                    QStringLiteral("--no-snippets"), QStringLiteral("--rules"), rules,
                    corpus(kAlertsFile)})
                .trimmed()
                .split('\n');
        QCOMPARE(lines.size(), expected.size());
        for (const QByteArray &line : lines)
            QVERIFY(expected.contains(
                QJsonDocument::fromJson(line).object().value(QLatin1String("uid")).toString()));
    }

    void dashboard()
    {
        const HttpReply r = get(m_port, "/api/v1/dashboard?n=3&alerts_since=2");
        QCOMPARE(r.status, 200);
        const QJsonObject o = r.json();
        const QStringList keys{QStringLiteral("alerts"),    QStringLiteral("conversations"),
                               QStringLiteral("flows"),     QStringLiteral("protocols"),
                               QStringLiteral("status"),    QStringLiteral("talkers"),
                               QStringLiteral("timeseries")};
        QCOMPARE(o.keys(), keys);
        QCOMPARE(arr(o.value(QLatin1String("talkers")).toObject(), "talkers").size(), 3);
        QCOMPARE(arr(o.value(QLatin1String("conversations")).toObject(), "conversations"),
                 arr(get(m_port, "/api/v1/conversations").json(), "conversations"));
        QCOMPARE(o.value(QLatin1String("alerts")).toObject(),
                 get(m_port, "/api/v1/alerts?since=2").json());
        // Assembled from the cached parts: each one the same as its own endpoint's reply.
        QCOMPARE(o.value(QLatin1String("talkers")).toObject(),
                 get(m_port, "/api/v1/talkers?n=3").json());
        QCOMPARE(o.value(QLatin1String("flows")).toObject(), get(m_port, "/api/v1/flows").json());
        QCOMPARE(o.value(QLatin1String("protocols")).toObject(),
                 get(m_port, "/api/v1/protocols").json());
        QCOMPARE(o.value(QLatin1String("timeseries")).toObject(),
                 get(m_port, "/api/v1/timeseries").json());
        QCOMPARE(o.value(QLatin1String("status")).toObject().value(QLatin1String("snapshot")),
                 get(m_port, "/api/v1/status").json().value(QLatin1String("snapshot")));
    }

    void pageAndFiles()
    {
        struct Case {
            QByteArray acceptLanguage;
            const char *lang;
        };
        for (const Case &c :
             {Case{"", "en"}, Case{"zh-CN,zh;q=0.9,en;q=0.8", "zh-CN"},
              Case{"en-US,en;q=0.9,zh;q=0.5", "en"}, Case{"fr, en;q=0.5, zh-TW;q=0.8", "zh-CN"},
              Case{"de, zh;q=0.1, en;q=0.2", "en"}}) {
            const HttpReply r =
                get(m_port, "/",
                    c.acceptLanguage.isEmpty()
                        ? QList<QByteArray>{}
                        : QList<QByteArray>{"Accept-Language: " + c.acceptLanguage});
            QCOMPARE(r.status, 200);
            QCOMPARE(r.header("content-type"), QByteArray("text/html; charset=utf-8"));
            QVERIFY2(r.body.contains(QByteArray("<html lang=\"" + QByteArray(c.lang) + "\">")),
                     c.acceptLanguage.constData());
            const QByteArray title =
                QByteArray(c.lang) == "en"
                    ? QByteArray("NetLens — Network Traffic Monitoring and Analysis")
                    : QStringLiteral("网络流量监控与分析系统").toUtf8();
            QVERIFY(r.body.contains(QByteArray("<title>" + title + "</title>")));
            QVERIFY(!r.body.contains("{{"));
            QCOMPARE(missingSecurityHeader(r), QByteArray());
        }
        struct File {
            QByteArray path;
            QString source;
            QByteArray type;
        };
        const QString src = QStringLiteral(NETLENS_SOURCE_DIR);
        for (const File &f :
             {File{"/static/app.js", src + QStringLiteral("/resources/web/app.js"),
                   "text/javascript; charset=utf-8"},
              File{"/static/style.css", src + QStringLiteral("/resources/web/style.css"),
                   "text/css; charset=utf-8"},
              File{"/static/chart.min.js",
                   QStringLiteral("/usr/share/javascript/chart.js/chart.min.js"),
                   "text/javascript; charset=utf-8"},
              File{"/static/netlens.svg", src + QStringLiteral("/resources/icons/netlens.svg"),
                   "image/svg+xml"}}) {
            QFile file(f.source);
            QVERIFY(file.open(QIODevice::ReadOnly));
            const HttpReply r = get(m_port, f.path);
            QCOMPARE(r.status, 200);
            QCOMPARE(r.header("content-type"), f.type);
            QCOMPARE(r.body, file.readAll());
            QCOMPARE(missingSecurityHeader(r), QByteArray());
        }
    }

    void liveSeriesIsRecent()
    {
        // A snapshot of a capture still running: the 1 s series, and only from `since` on.
        DashboardFeed feed;
        const StatsSnapshotPtr last = m_loaded.feed->snapshot();
        auto live = std::make_shared<StatsSnapshot>(*last);
        live->final = false;
        const QJsonObject o = dashboardjson::timeseries(*live, dashboardjson::kAll);
        QCOMPARE(o.value(QLatin1String("series")).toString(), QStringLiteral("recent"));
        QCOMPARE(o.value(QLatin1String("interval_s")).toDouble(),
                 static_cast<double>(last->recent.intervalNs) / 1e9);
        QCOMPARE(arr(o, "points").size(), static_cast<qsizetype>(last->recent.size()));
    }

    void cleanupTestCase() { m_server.reset(); }
};

QTEST_GUILESS_MAIN(TestWebApi)
#include "tst_webapi.moc"
