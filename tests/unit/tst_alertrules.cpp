// SPDX-License-Identifier: GPL-3.0-or-later
// alert-rules.json: the defaults are valid and on, serialize/parse round-trips exactly, and
// every kind of error is refused naming the file, the line and the field, keeping the rules
// in force.

#include "alerts/alertrule.h"
#include "alerts/alertrules.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace netlens;

namespace {

// A valid file with one rule of each kind, one key a line so lines are easy to name.
QByteArray sample()
{
    return R"({
  "version": 1,
  "rules": [
    {
      "id": "rate",
      "kind": "threshold",
      "metric": "bits_per_second",
      "threshold": 1000000,
      "window_seconds": 5,
      "scope": { "cidr": "10.0.0.0/8", "protocol": "DNS", "port": 53, "direction": "in" }
    },
    { "id": "scan", "kind": "port_scan", "threshold": 50, "severity": "critical" },
    { "id": "sweep", "kind": "host_sweep", "threshold": 20, "enabled": false },
    { "id": "syn", "kind": "syn_flood", "threshold": 100, "hysteresis": 0.5 },
    { "id": "icmp", "kind": "icmp_flood", "threshold": 10, "cooldown_seconds": 0 },
    { "id": "spike", "kind": "traffic_spike", "spike_factor": 3.5, "per_host": false },
    { "id": "new", "kind": "new_host", "learning_seconds": 60,
      "local_networks": ["100.64.0.0/10"], "allowlist": ["10.0.0.1", "fe80::/10"] },
    { "id": "bad", "kind": "blacklist", "addresses": ["203.0.113.7", "2001:db8::/32"] }
  ]
}
)";
}

// `sample()` with the text `from` (which must occur once) replaced by `to`.
QByteArray with(const char *from, const char *to)
{
    QByteArray s = sample();
    const qsizetype at = s.indexOf(from);
    Q_ASSERT(at >= 0 && s.indexOf(from, at + 1) < 0);
    return s.replace(at, qstrlen(from), to);
}

} // namespace

class TestAlertRules : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void defaultsAreValidAndOn()
    {
        const RuleSet d = RuleSet::defaults();
        QCOMPARE(d.version, RuleSet::kVersion);
        QStringList kinds;
        for (const AlertRule &r : d.rules) {
            QVERIFY2(r.enabled, qPrintable(r.id));
            kinds << alertKindName(r.kind);
        }
        for (const char *k : {"threshold", "port_scan", "host_sweep", "syn_flood", "icmp_flood",
                              "traffic_spike", "new_host", "blacklist"})
            QVERIFY2(kinds.contains(QLatin1String(k)), k);
        RuleSet back;
        RuleError e;
        QVERIFY2(parseRuleSet(serializeRuleSet(d), QStringLiteral("defaults.json"), back, e),
                 qPrintable(e.text()));
        QVERIFY(back == d);
    }

    void sampleParsesAndRoundTrips()
    {
        RuleSet set;
        RuleError e;
        QVERIFY2(parseRuleSet(sample(), QStringLiteral("alert-rules.json"), set, e),
                 qPrintable(e.text()));
        QCOMPARE(set.rules.size(), std::size_t{8});
        const AlertRule &rate = set.rules[0];
        QCOMPARE(rate.metric, ThresholdMetric::BitsPerSecond);
        QCOMPARE(rate.threshold, 1e6);
        QCOMPARE(rate.windowSeconds, 5);
        QCOMPARE(rate.scope.cidr, QStringLiteral("10.0.0.0/8"));
        QCOMPARE(rate.scope.protocol, QStringLiteral("DNS"));
        QCOMPARE(rate.scope.port, 53);
        QCOMPARE(rate.scope.direction, Direction::In);
        QCOMPARE(set.rules[1].severity, Severity::Critical);
        QCOMPARE(set.rules[2].enabled, false);
        QCOMPARE(set.rules[3].hysteresis, 0.5);
        QCOMPARE(set.rules[4].cooldownSeconds, 0);
        QCOMPARE(set.rules[5].spikeFactor, 3.5);
        QCOMPARE(set.rules[5].perHost, false);
        QCOMPARE(set.rules[6].learningSeconds, 60);
        QCOMPARE(set.rules[6].allowlist,
                 (QStringList{QStringLiteral("10.0.0.1"), QStringLiteral("fe80::/10")}));
        QCOMPARE(set.rules[7].addresses.size(), 2);

        // Exactly: the text of the re-read set is the text written.
        const QByteArray text = serializeRuleSet(set);
        RuleSet back;
        QVERIFY2(parseRuleSet(text, QStringLiteral("x.json"), back, e), qPrintable(e.text()));
        QVERIFY(back == set);
        QCOMPARE(serializeRuleSet(back), text);

        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("alert-rules.json"));
        QString error;
        QVERIFY2(saveRuleSet(path, set, error), qPrintable(error));
        RuleSet loaded;
        QVERIFY2(loadRuleSet(path, loaded, e), qPrintable(e.text()));
        QVERIFY(loaded == set);
    }

    void errorsNameFileLineAndField_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("message");
        QTest::newRow("syntax") << with("\"kind\": \"port_scan\",", "\"kind\" \"port_scan\",") << 12
                                << QString() << "not valid JSON";
        QTest::newRow("negative threshold")
            << with("\"threshold\": 50,", "\"threshold\": -5,") << 12 << "rules[1].threshold"
            << "must be a positive number";
        QTest::newRow("threshold as text")
            << with("\"threshold\": 1000000,", "\"threshold\": \"lots\",") << 8
            << "rules[0].threshold"
            << "must be a positive number";
        QTest::newRow("unknown key")
            << with("\"per_host\": false", "\"per_hots\": false") << 16 << "rules[5].per_hots"
            << "unknown key for a traffic_spike rule";
        QTest::newRow("key of another kind")
            << with("\"hysteresis\": 0.5", "\"learning_seconds\": 5") << 14
            << "rules[3].learning_seconds"
            << "unknown key for a syn_flood rule";
        QTest::newRow("out of range") << with("\"window_seconds\": 5,", "\"window_seconds\": 0,")
                                      << 9 << "rules[0].window_seconds"
                                      << "must be between 1 and 3600";
        QTest::newRow("wrong type")
            << with("\"enabled\": false", "\"enabled\": \"no\"") << 13 << "rules[2].enabled"
            << "must be true or false";
        QTest::newRow("duplicate id")
            << with("\"id\": \"icmp\"", "\"id\": \"syn\"") << 15 << "rules[4].id"
            << "duplicate id \"syn\"";
        QTest::newRow("unknown kind")
            << with("\"kind\": \"icmp_flood\"", "\"kind\": \"icmp_storm\"") << 15 << "rules[4].kind"
            << "unknown kind \"icmp_storm\"";
        QTest::newRow("unknown severity")
            << with("\"severity\": \"critical\"", "\"severity\": \"dire\"") << 12
            << "rules[1].severity"
            << "unknown severity \"dire\"";
        QTest::newRow("unknown metric")
            << with("\"bits_per_second\"", "\"bytes_per_second\"") << 7 << "rules[0].metric"
            << "unknown metric \"bytes_per_second\"";
        QTest::newRow("unknown direction") << with("\"direction\": \"in\"", "\"direction\": \"up\"")
                                           << 10 << "rules[0].scope.direction"
                                           << "unknown direction \"up\"";
        QTest::newRow("bad scope cidr")
            << with("\"cidr\": \"10.0.0.0/8\"", "\"cidr\": \"10.0.0.0/33\"") << 10
            << "rules[0].scope.cidr"
            << "not an IP address or CIDR";
        QTest::newRow("bad allowlist cidr")
            << with("\"fe80::/10\"", "\"fe80::zz\"") << 18 << "rules[6].allowlist[1]"
            << "not an IP address or CIDR";
        QTest::newRow("bad blacklist address")
            << with("\"203.0.113.7\"", "\"203.0.113\"") << 19 << "rules[7].addresses[0]"
            << "not an IP address";
        QTest::newRow("version missing") << with("\"version\": 1,", "") << 1 << "version"
                                         << "missing";
        QTest::newRow("version unsupported")
            << with("\"version\": 1,", "\"version\": 7,") << 2 << "version"
            << "unsupported version 7";
        QTest::newRow("unknown top key")
            << with("\"version\": 1,", "\"version\": 1, \"rulez\": [],") << 2 << "rulez"
            << "unknown key";
        QTest::newRow("id missing") << with("{ \"id\": \"sweep\",", "{") << 13 << "rules[2].id"
                                    << "missing";
        QTest::newRow("key twice")
            << with("\"cooldown_seconds\": 0", "\"cooldown_seconds\": 0, \"cooldown_seconds\": 1")
            << 15 << "rules[4].cooldown_seconds"
            << "key given twice";
    }

    void errorsNameFileLineAndField()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, line);
        QFETCH(QString, field);
        QFETCH(QString, message);
        RuleSet set;
        set.rules.push_back(AlertRule{});
        const RuleSet before = set;
        RuleError e;
        QVERIFY(!parseRuleSet(text, QStringLiteral("alert-rules.json"), set, e));
        QVERIFY(set == before); // untouched
        QCOMPARE(e.file, QStringLiteral("alert-rules.json"));
        QCOMPARE(e.line, line);
        QCOMPARE(e.field, field);
        QVERIFY2(e.message.contains(message), qPrintable(e.message));
        const QString expected =
            field.isEmpty() ? QStringLiteral("alert-rules.json:%1: ").arg(line)
                            : QStringLiteral("alert-rules.json:%1: %2: ").arg(line).arg(field);
        QVERIFY2(e.text().startsWith(expected), qPrintable(e.text()));
    }

    void refusedFileKeepsRulesInForce()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("alert-rules.json"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(sample());
        f.close();
        AlertRules rules;
        QVERIFY(rules.rules() == RuleSet::defaults());
        RuleError e;
        QVERIFY2(rules.load(path, e), qPrintable(e.text()));
        QCOMPARE(rules.rules().rules.size(), std::size_t{8});
        QCOMPARE(rules.rules().rules[0].id, QStringLiteral("rate"));
        const RuleSet good = rules.rules();

        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(with("\"threshold\": 20,", "\"threshold\": 0,"));
        f.close();
        QVERIFY(!rules.load(path, e));
        QCOMPARE(e.text(),
                 path + QStringLiteral(":13: rules[2].threshold: must be a positive number"));
        QVERIFY(rules.rules() == good);

        QVERIFY(!rules.load(dir.filePath(QStringLiteral("missing.json")), e));
        QVERIFY(e.text().startsWith(dir.filePath(QStringLiteral("missing.json"))));
        QVERIFY(rules.rules() == good);
    }

    void blacklistFileErrorsNameItsLine()
    {
        QTemporaryDir dir;
        const QString list = dir.filePath(QStringLiteral("bad.txt"));
        QFile l(list);
        QVERIFY(l.open(QIODevice::WriteOnly));
        l.write("# known bad\n198.51.100.0/24\n\n203.0.113.300\n");
        l.close();
        const QString path = dir.filePath(QStringLiteral("alert-rules.json"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        const QByteArray listKey = QByteArray("\"kind\": \"blacklist\", \"list_file\": \"") +
                                   list.toUtf8() + QByteArray("\",");
        f.write(with("\"kind\": \"blacklist\",", listKey.constData()));
        f.close();
        AlertRules rules;
        RuleError e;
        QVERIFY(!rules.load(path, e));
        QVERIFY2(e.text().contains(list + QStringLiteral(":4: ")), qPrintable(e.text()));
        QVERIFY2(e.text().contains(QStringLiteral("rules[7].list_file")), qPrintable(e.text()));
        QVERIFY(rules.rules() == RuleSet::defaults());

        QVERIFY(l.open(QIODevice::WriteOnly | QIODevice::Truncate));
        l.write("# known bad\n198.51.100.0/24\n\n203.0.113.30 # one host\n");
        l.close();
        QVERIFY2(rules.load(path, e), qPrintable(e.text()));
        QCOMPARE(rules.rules().rules[7].listFile, list);
    }
};

QTEST_GUILESS_MAIN(TestAlertRules)
#include "tst_alertrules.moc"
