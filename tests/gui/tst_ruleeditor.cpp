// SPDX-License-Identifier: GPL-3.0-or-later
// The settings' rule editor round-trips alert-rules.json: a file written here is loaded,
// edited through the widgets (fields, add, duplicate, remove, kind-specific fields), saved,
// and the core's parser reads back exactly the RuleSet expected. A broken file is refused
// with its file, line and field; an edit the parser would refuse is not saved. Offscreen.
#include "alerts/alertrule.h"
#include "guitesthelpers.h"
#include "settings/ruleeditor.h"
#include "settings/settingsdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>

using namespace netlens;
using namespace netlens::test;

namespace {
const char kRules[] = R"({
  "version": 1,
  "rules": [
    {
      "id": "dns-rate",
      "name": "Busy DNS",
      "kind": "threshold",
      "enabled": true,
      "severity": "warning",
      "window_seconds": 10,
      "cooldown_seconds": 300,
      "hysteresis": 0.2,
      "metric": "packets_per_second",
      "threshold": 500,
      "scope": { "protocol": "DNS", "port": 53, "direction": "in" }
    },
    {
      "id": "scan",
      "name": "Port scan",
      "kind": "port_scan",
      "enabled": true,
      "severity": "warning",
      "window_seconds": 10,
      "cooldown_seconds": 300,
      "hysteresis": 0.2,
      "threshold": 100
    },
    {
      "id": "newcomers",
      "name": "New host",
      "kind": "new_host",
      "enabled": false,
      "severity": "info",
      "window_seconds": 60,
      "cooldown_seconds": 300,
      "hysteresis": 0.2,
      "learning_seconds": 120,
      "local_networks": ["192.0.2.0/24"],
      "allowlist": []
    }
  ]
}
)";

void write(const QString &path, const QByteArray &text)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text);
}

/// Selects a kind in the Add menu, as a click would.
void addRule(RuleEditor &e, AlertKind kind)
{
    QMenu *menu = e.addButton()->menu();
    QVERIFY(menu);
    const QList<QAction *> actions = menu->actions();
    const int index = static_cast<int>(kind);
    QVERIFY(index < actions.size());
    actions.at(index)->trigger();
}

void typeInto(QLineEdit *edit, const QString &text)
{
    edit->selectAll();
    QTest::keyClicks(edit, text); // textEdited, as the user's typing
    if (text.isEmpty())
        QTest::keyClick(edit, Qt::Key_Delete);
}
} // namespace

class TestRuleEditor final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void roundTripThroughTheWidgets()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("alert-rules.json"));
        write(path, kRules);
        RuleSet original;
        RuleError error;
        QVERIFY2(loadRuleSet(path, original, error), qPrintable(error.text()));

        RuleEditor e;
        e.show();
        QVERIFY(e.load(path));
        QCOMPARE(e.ruleSet(), original);
        QCOMPARE(e.ruleList()->count(), 3);
        QCOMPARE(e.ruleList()->item(0)->text(), QStringLiteral("Busy DNS (Threshold)"));

        // Rule 0: what the widgets show, then edits.
        e.ruleList()->setCurrentRow(0);
        QCOMPARE(e.scopeProtocolEdit()->text(), QStringLiteral("DNS"));
        QCOMPARE(e.scopePortSpin()->value(), 53);
        QCOMPARE(e.directionCombo()->currentData().toInt(), int(Direction::In));
        QVERIFY(e.scopeCidrEdit()->isVisible());
        QVERIFY(!e.allowlistEdit()->isVisible());
        typeInto(e.nameEdit(), QStringLiteral("Busy DNS server"));
        typeInto(e.scopeCidrEdit(), QStringLiteral("10.0.0.53"));
        e.thresholdSpin()->setValue(750);
        e.metricCombo()->setCurrentIndex(
            e.metricCombo()->findData(int(ThresholdMetric::BitsPerSecond)));
        e.severityCombo()->setCurrentIndex(e.severityCombo()->findData(int(Severity::Critical)));

        // Rule 1 duplicated, the copy edited; the original removed.
        e.ruleList()->setCurrentRow(1);
        e.duplicateButton()->click();
        QCOMPARE(e.ruleList()->count(), 4);
        QCOMPARE(e.ruleList()->currentRow(), 2);
        QCOMPARE(e.idEdit()->text(), QStringLiteral("scan-2"));
        e.thresholdSpin()->setValue(40);
        e.windowSpin()->setValue(30);
        e.ruleList()->setCurrentRow(1);
        e.removeButton()->click();
        QCOMPARE(e.ruleList()->count(), 3);

        // Rule "newcomers" (now row 2): switched on, allowlist typed.
        e.ruleList()->setCurrentRow(2);
        QCOMPARE(e.idEdit()->text(), QStringLiteral("newcomers"));
        QVERIFY(e.allowlistEdit()->isVisible());
        QVERIFY(!e.scopeCidrEdit()->isVisible());
        QCOMPARE(e.localNetworksEdit()->text(), QStringLiteral("192.0.2.0/24"));
        e.enabledCheck()->setChecked(true);
        typeInto(e.allowlistEdit(), QStringLiteral("192.168.1.1, 192.168.1.0/30"));

        // A new blacklist rule from the Add menu.
        addRule(e, AlertKind::Blacklist);
        QCOMPARE(e.ruleList()->count(), 4);
        QCOMPARE(e.idEdit()->text(), QStringLiteral("blacklist"));
        QVERIFY(e.addressesEdit()->isVisible());
        typeInto(e.addressesEdit(), QStringLiteral("203.0.113.7 198.51.100.0/24"));
        typeInto(e.nameEdit(), QStringLiteral("Known bad"));
        QVERIFY(e.isModified());

        QVERIFY2(e.save(), qPrintable(e.errorText()));
        QVERIFY(!e.isModified());

        RuleSet expected = original;
        AlertRule &dns = expected.rules[0];
        dns.name = QStringLiteral("Busy DNS server");
        dns.scope.cidr = QStringLiteral("10.0.0.53");
        dns.threshold = 750;
        dns.metric = ThresholdMetric::BitsPerSecond;
        dns.severity = Severity::Critical;
        AlertRule scan = original.rules[1];
        scan.id = QStringLiteral("scan-2");
        scan.name = QStringLiteral("Port scan (copy)");
        scan.threshold = 40;
        scan.windowSeconds = 30;
        AlertRule newcomers = original.rules[2];
        newcomers.enabled = true;
        newcomers.allowlist = {QStringLiteral("192.168.1.1"), QStringLiteral("192.168.1.0/30")};
        AlertRule bad;
        bad.id = QStringLiteral("blacklist");
        bad.name = QStringLiteral("Known bad");
        bad.kind = AlertKind::Blacklist;
        bad.addresses = {QStringLiteral("203.0.113.7"), QStringLiteral("198.51.100.0/24")};
        expected.rules = {dns, scan, newcomers, bad};

        RuleSet back;
        QVERIFY2(loadRuleSet(path, back, error), qPrintable(error.text()));
        QCOMPARE(back.rules.size(), expected.rules.size());
        for (std::size_t i = 0; i < back.rules.size(); ++i)
            QVERIFY2(back.rules[i] == expected.rules[i], qPrintable(back.rules[i].id));
        QCOMPARE(back, expected);

        // And a fresh editor shows it as saved.
        RuleEditor again;
        QVERIFY(again.load(path));
        QCOMPARE(again.ruleSet(), expected);
    }

    void refusesBrokenFilesAndEdits()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("alert-rules.json"));
        QByteArray broken = kRules;
        broken.replace("\"threshold\": 100", "\"threshold\": \"lots\"");
        write(path, broken);
        RuleEditor e;
        QVERIFY(!e.load(path));
        // File, line and field named (the line of the bad value).
        const int line = static_cast<int>(broken.left(broken.indexOf("\"lots\"")).count('\n')) + 1;
        QVERIFY2(e.errorText().contains(QStringLiteral("alert-rules.json:%1").arg(line)),
                 qPrintable(e.errorText()));
        QVERIFY2(e.errorText().contains(QStringLiteral("rules[1].threshold")),
                 qPrintable(e.errorText()));

        // A missing file: the built-in defaults, savable as the first rule file.
        const QString fresh = dir.filePath(QStringLiteral("new/alert-rules.json"));
        QVERIFY(e.load(fresh));
        QCOMPARE(e.ruleSet(), RuleSet::defaults());
        // Two rules with one id: the parser refuses it, so the editor does not save it.
        e.ruleList()->setCurrentRow(1);
        const QString firstId = e.ruleSet().rules[0].id;
        typeInto(e.idEdit(), firstId);
        QVERIFY(!e.save());
        QVERIFY(!QFile::exists(fresh));
        QVERIFY2(!e.errorText().isEmpty(), "no error shown");
        typeInto(e.idEdit(), QStringLiteral("sweep"));
        QVERIFY2(e.save(), qPrintable(e.errorText()));
        RuleSet back;
        RuleError error;
        QVERIFY(loadRuleSet(fresh, back, error));
        QCOMPARE(back.rules[1].id, QStringLiteral("sweep"));
    }

    void settingsDialogHasTheEditor()
    {
        QTemporaryDir dir;
        AppSettings s;
        s.dataDir = dir.path();
        write(SettingsDialog::rulesPath(s), kRules);
        SettingsDialog d(s, nullptr, nullptr);
        QVERIFY(d.ruleEditor());
        QCOMPARE(d.ruleEditor()->ruleList()->count(), 3);
        d.ruleEditor()->ruleList()->setCurrentRow(1);
        d.ruleEditor()->thresholdSpin()->setValue(55);
        d.accept(); // OK saves the rules
        RuleSet back;
        RuleError error;
        QVERIFY(loadRuleSet(SettingsDialog::rulesPath(s), back, error));
        QCOMPARE(back.rules[1].threshold, 55.0);
    }
};

QTEST_MAIN(TestRuleEditor)
#include "tst_ruleeditor.moc"
