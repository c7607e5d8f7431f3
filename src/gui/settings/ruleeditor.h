// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "alerts/alertrule.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;

namespace netlens {

/**
 * The settings' Alerts page: the rules of alert-rules.json as a list (add, remove,
 * duplicate) and the selected rule's fields, those of its kind only. Loads and saves the
 * file through the core's parser and writer, so what it saves is what the engine reads;
 * a file with an error is shown with its file, line and field and not loaded.
 */
class RuleEditor final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RuleEditor)

public:
    explicit RuleEditor(QWidget *parent = nullptr);

    /// Reads `path` (a missing file: the built-in defaults). False with the error shown.
    bool load(const QString &path);
    /// Writes the rules to `path` (the one loaded when empty). False with the error shown.
    bool save(const QString &path = {});
    void setRuleSet(const RuleSet &rules);
    /// The rules as edited now.
    RuleSet ruleSet() const;
    QString path() const { return m_path; }
    /// The last load or save error ("" when fine).
    QString errorText() const;
    bool isModified() const { return m_modified; }

    // The widgets, for the tests.
    QListWidget *ruleList() const { return m_list; }
    QPushButton *addButton() const { return m_add; }
    QPushButton *removeButton() const { return m_remove; }
    QPushButton *duplicateButton() const { return m_duplicate; }
    QLineEdit *idEdit() const { return m_id; }
    QLineEdit *nameEdit() const { return m_name; }
    QComboBox *kindCombo() const { return m_kind; }
    QCheckBox *enabledCheck() const { return m_enabled; }
    QComboBox *severityCombo() const { return m_severity; }
    QSpinBox *windowSpin() const { return m_window; }
    QSpinBox *cooldownSpin() const { return m_cooldown; }
    QDoubleSpinBox *thresholdSpin() const { return m_threshold; }
    QComboBox *metricCombo() const { return m_metric; }
    QLineEdit *scopeCidrEdit() const { return m_cidr; }
    QLineEdit *scopeProtocolEdit() const { return m_protocol; }
    QSpinBox *scopePortSpin() const { return m_port; }
    QComboBox *directionCombo() const { return m_direction; }
    QDoubleSpinBox *spikeFactorSpin() const { return m_spikeFactor; }
    QLineEdit *allowlistEdit() const { return m_allowlist; }
    QLineEdit *localNetworksEdit() const { return m_localNetworks; }
    QLineEdit *listFileEdit() const { return m_listFile; }
    QLineEdit *addressesEdit() const { return m_addresses; }

Q_SIGNALS:
    void modified();

private:
    void selectRule(int row);
    /// Widgets -> m_rules[m_current].
    void storeCurrent();
    /// m_rules[m_current] -> widgets.
    void showCurrent();
    void showKindFields(AlertKind kind);
    void addRule(AlertKind kind);
    void removeRule();
    void duplicateRule();
    void refreshListItem(int row);
    void setError(const QString &text);
    void markModified();
    QString uniqueId(const QString &base) const;

    std::vector<AlertRule> m_rules;
    int m_current = -1;
    int m_version = RuleSet::kVersion;
    bool m_loading = false; ///< widgets being filled: their signals are not edits
    bool m_modified = false;
    QString m_path;

    QListWidget *m_list;
    QPushButton *m_add, *m_remove, *m_duplicate;
    QLabel *m_error;
    QWidget *m_form;
    QLineEdit *m_id, *m_name;
    QComboBox *m_kind, *m_severity;
    QCheckBox *m_enabled;
    QSpinBox *m_window, *m_cooldown;
    QDoubleSpinBox *m_hysteresis;
    QLabel *m_thresholdLabel;
    QDoubleSpinBox *m_threshold;
    QGroupBox *m_thresholdGroup, *m_scopeGroup, *m_spikeGroup, *m_newHostGroup, *m_blacklistGroup;
    QComboBox *m_metric, *m_direction;
    QLineEdit *m_cidr, *m_protocol;
    QSpinBox *m_port;
    QDoubleSpinBox *m_spikeFactor, *m_minBits;
    QSpinBox *m_warmup;
    QCheckBox *m_perHost;
    QSpinBox *m_learning;
    QLineEdit *m_localNetworks, *m_allowlist;
    QLineEdit *m_listFile, *m_addresses;
};

} // namespace netlens
