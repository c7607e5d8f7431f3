// SPDX-License-Identifier: GPL-3.0-or-later
#include "ruleeditor.h"

#include "alerts/alertlistmodel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QVBoxLayout>

namespace netlens {

namespace {
constexpr AlertKind kKinds[] = {AlertKind::Threshold, AlertKind::PortScan,  AlertKind::HostSweep,
                                AlertKind::SynFlood,  AlertKind::IcmpFlood, AlertKind::TrafficSpike,
                                AlertKind::NewHost,   AlertKind::Blacklist};

QSpinBox *spin(int min, int max, const QString &suffix = {})
{
    auto *s = new QSpinBox;
    s->setRange(min, max);
    s->setSuffix(suffix);
    return s;
}

QDoubleSpinBox *doubleSpin(double min, double max, int decimals)
{
    auto *s = new QDoubleSpinBox;
    s->setRange(min, max);
    s->setDecimals(decimals);
    return s;
}

QStringList listOf(const QLineEdit *edit)
{
    return edit->text().split(QRegularExpression(QStringLiteral("[,\\s]+")), Qt::SkipEmptyParts);
}
} // namespace

RuleEditor::RuleEditor(QWidget *parent)
    : QWidget(parent)
{
    auto *top = new QVBoxLayout(this);
    auto *columns = new QHBoxLayout;
    top->addLayout(columns, 1);

    auto *left = new QVBoxLayout;
    m_list = new QListWidget;
    m_list->setMinimumWidth(200);
    left->addWidget(m_list, 1);
    auto *buttons = new QHBoxLayout;
    m_add = new QPushButton(tr("Add"));
    auto *addMenu = new QMenu(m_add);
    for (AlertKind k : kKinds)
        addMenu->addAction(AlertListModel::kindText(k), this, [this, k] { addRule(k); });
    m_add->setMenu(addMenu);
    m_remove = new QPushButton(tr("Remove"));
    m_duplicate = new QPushButton(tr("Duplicate"));
    buttons->addWidget(m_add);
    buttons->addWidget(m_remove);
    buttons->addWidget(m_duplicate);
    left->addLayout(buttons);
    columns->addLayout(left);
    connect(m_remove, &QPushButton::clicked, this, &RuleEditor::removeRule);
    connect(m_duplicate, &QPushButton::clicked, this, &RuleEditor::duplicateRule);
    connect(m_list, &QListWidget::currentRowChanged, this, &RuleEditor::selectRule);

    m_form = new QWidget;
    auto *form = new QVBoxLayout(m_form);
    form->setContentsMargins(0, 0, 0, 0);
    auto *common = new QFormLayout;
    m_id = new QLineEdit;
    m_name = new QLineEdit;
    m_kind = new QComboBox;
    for (AlertKind k : kKinds)
        m_kind->addItem(AlertListModel::kindText(k), int(k));
    m_enabled = new QCheckBox(tr("Enabled"));
    m_severity = new QComboBox;
    for (Severity s : {Severity::Info, Severity::Warning, Severity::Critical})
        m_severity->addItem(AlertListModel::severityText(s), int(s));
    m_window = spin(1, 86400, tr(" s"));
    m_cooldown = spin(0, 864000, tr(" s"));
    m_hysteresis = doubleSpin(0, 0.95, 2);
    m_hysteresis->setSingleStep(0.05);
    common->addRow(tr("Id:"), m_id);
    common->addRow(tr("Name:"), m_name);
    common->addRow(tr("Kind:"), m_kind);
    common->addRow(QString(), m_enabled);
    common->addRow(tr("Severity:"), m_severity);
    common->addRow(tr("Window:"), m_window);
    common->addRow(tr("Cooldown:"), m_cooldown);
    common->addRow(tr("Hysteresis:"), m_hysteresis);
    form->addLayout(common);

    m_thresholdGroup = new QGroupBox(tr("Trigger"));
    auto *tf = new QFormLayout(m_thresholdGroup);
    m_metric = new QComboBox;
    m_metric->addItem(tr("Packets per second"), int(ThresholdMetric::PacketsPerSecond));
    m_metric->addItem(tr("Bits per second"), int(ThresholdMetric::BitsPerSecond));
    m_metric->addItem(tr("New flows per second"), int(ThresholdMetric::NewFlowsPerSecond));
    m_threshold = doubleSpin(0, 1e15, 1);
    m_thresholdLabel = new QLabel(tr("Threshold:"));
    tf->addRow(tr("Measure:"), m_metric);
    tf->addRow(m_thresholdLabel, m_threshold);
    form->addWidget(m_thresholdGroup);

    m_scopeGroup = new QGroupBox(tr("Scope"));
    auto *sf = new QFormLayout(m_scopeGroup);
    m_cidr = new QLineEdit;
    m_cidr->setPlaceholderText(tr("all hosts; or 10.0.0.5, 10.0.0.0/24"));
    m_protocol = new QLineEdit;
    m_protocol->setPlaceholderText(tr("any; or TCP, DNS, …"));
    m_port = spin(0, 65535);
    m_port->setSpecialValueText(tr("any"));
    m_direction = new QComboBox;
    m_direction->addItem(tr("Both ways"), int(Direction::Both));
    m_direction->addItem(tr("In (to the scope)"), int(Direction::In));
    m_direction->addItem(tr("Out (from the scope)"), int(Direction::Out));
    sf->addRow(tr("Host or network:"), m_cidr);
    sf->addRow(tr("Protocol:"), m_protocol);
    sf->addRow(tr("Port:"), m_port);
    sf->addRow(tr("Direction:"), m_direction);
    form->addWidget(m_scopeGroup);

    m_spikeGroup = new QGroupBox(tr("Baseline"));
    auto *bf = new QFormLayout(m_spikeGroup);
    m_spikeFactor = doubleSpin(0.5, 100, 1);
    m_minBits = doubleSpin(0, 1e12, 0);
    m_minBits->setSuffix(tr(" bit/s"));
    m_warmup = spin(0, 86400, tr(" s"));
    m_perHost = new QCheckBox(tr("Per local host as well as overall"));
    bf->addRow(tr("Deviations above the mean:"), m_spikeFactor);
    bf->addRow(tr("At least:"), m_minBits);
    bf->addRow(tr("Learning:"), m_warmup);
    bf->addRow(QString(), m_perHost);
    form->addWidget(m_spikeGroup);

    m_newHostGroup = new QGroupBox(tr("New hosts"));
    auto *nf = new QFormLayout(m_newHostGroup);
    m_learning = spin(0, 86400, tr(" s"));
    m_localNetworks = new QLineEdit;
    m_localNetworks->setPlaceholderText(tr("besides the private ranges, e.g. 192.0.2.0/24"));
    m_allowlist = new QLineEdit;
    m_allowlist->setPlaceholderText(tr("never reported, separated by commas"));
    nf->addRow(tr("Learning:"), m_learning);
    nf->addRow(tr("Local networks:"), m_localNetworks);
    nf->addRow(tr("Allowlist:"), m_allowlist);
    form->addWidget(m_newHostGroup);

    m_blacklistGroup = new QGroupBox(tr("Blacklist"));
    auto *lf = new QFormLayout(m_blacklistGroup);
    m_listFile = new QLineEdit;
    m_listFile->setPlaceholderText(tr("file of one address or CIDR a line"));
    m_addresses = new QLineEdit;
    m_addresses->setPlaceholderText(tr("addresses or CIDRs, separated by commas"));
    lf->addRow(tr("List file:"), m_listFile);
    lf->addRow(tr("Addresses:"), m_addresses);
    form->addWidget(m_blacklistGroup);
    form->addStretch(1);
    columns->addWidget(m_form, 1);

    m_error = new QLabel;
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b91c1c;"));
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->hide();
    top->addWidget(m_error);

    // Every field edit lands in the rule at once, so the list and ruleSet() stay current.
    const auto edited = [this] {
        if (m_loading)
            return;
        storeCurrent();
        markModified();
    };
    for (QLineEdit *e :
         {m_id, m_name, m_cidr, m_protocol, m_localNetworks, m_allowlist, m_listFile, m_addresses})
        connect(e, &QLineEdit::textEdited, this, edited);
    for (QComboBox *c : {m_severity, m_metric, m_direction})
        connect(c, &QComboBox::currentIndexChanged, this, edited);
    for (QCheckBox *c : {m_enabled, m_perHost})
        connect(c, &QCheckBox::toggled, this, edited);
    for (QSpinBox *s : {m_window, m_cooldown, m_port, m_warmup, m_learning})
        connect(s, &QSpinBox::valueChanged, this, edited);
    for (QDoubleSpinBox *s : {m_hysteresis, m_threshold, m_spikeFactor, m_minBits})
        connect(s, &QDoubleSpinBox::valueChanged, this, edited);
    connect(m_kind, &QComboBox::currentIndexChanged, this, [this, edited] {
        showKindFields(static_cast<AlertKind>(m_kind->currentData().toInt()));
        edited();
    });
    setRuleSet({});
}

bool RuleEditor::load(const QString &path)
{
    m_path = path;
    if (!QFileInfo::exists(path)) { // nothing saved yet: start from what is on by default
        setRuleSet(RuleSet::defaults());
        setError({});
        return true;
    }
    RuleSet rules;
    RuleError error;
    if (!loadRuleSet(path, rules, error)) {
        setError(tr("Not loaded: %1").arg(error.text()));
        return false;
    }
    setRuleSet(rules);
    setError({});
    return true;
}

bool RuleEditor::save(const QString &path)
{
    const QString target = path.isEmpty() ? m_path : path;
    const RuleSet rules = ruleSet();
    // Read back what would be written: the parser is the one judge of a valid rule, so an
    // edit it refuses (a duplicate id, a bad CIDR) is named here instead of at the next start.
    RuleSet check;
    RuleError parseError;
    if (!parseRuleSet(serializeRuleSet(rules), QFileInfo(target).fileName(), check, parseError)) {
        setError(tr("Not saved: %1").arg(parseError.text()));
        return false;
    }
    QDir().mkpath(QFileInfo(target).absolutePath());
    QString error;
    if (!saveRuleSet(target, rules, error)) {
        setError(tr("Not saved: %1").arg(error));
        return false;
    }
    m_path = target;
    m_modified = false;
    setError({});
    return true;
}

void RuleEditor::setRuleSet(const RuleSet &rules)
{
    m_version = rules.version;
    m_rules = rules.rules;
    m_current = -1;
    m_loading = true;
    m_list->clear();
    for (std::size_t i = 0; i < m_rules.size(); ++i) {
        m_list->addItem(QString());
        refreshListItem(static_cast<int>(i));
    }
    m_loading = false;
    m_modified = false;
    m_list->setCurrentRow(m_rules.empty() ? -1 : 0);
    selectRule(m_list->currentRow());
}

RuleSet RuleEditor::ruleSet() const
{
    RuleSet out;
    out.version = m_version;
    out.rules = m_rules;
    return out;
}

QString RuleEditor::errorText() const
{
    return m_error->text();
}

void RuleEditor::selectRule(int row)
{
    m_current = row >= 0 && row < static_cast<int>(m_rules.size()) ? row : -1;
    m_form->setEnabled(m_current >= 0);
    m_remove->setEnabled(m_current >= 0);
    m_duplicate->setEnabled(m_current >= 0);
    showCurrent();
}

void RuleEditor::showKindFields(AlertKind kind)
{
    const bool threshold = kind == AlertKind::Threshold;
    const bool spike = kind == AlertKind::TrafficSpike;
    m_thresholdGroup->setVisible(kind != AlertKind::NewHost && kind != AlertKind::Blacklist &&
                                 !spike);
    m_metric->setEnabled(threshold);
    m_metric->setVisible(threshold);
    if (auto *f = qobject_cast<QFormLayout *>(m_thresholdGroup->layout()))
        if (QWidget *l = f->labelForField(m_metric))
            l->setVisible(threshold);
    switch (kind) {
    case AlertKind::PortScan: m_thresholdLabel->setText(tr("Distinct ports:")); break;
    case AlertKind::HostSweep: m_thresholdLabel->setText(tr("Distinct hosts:")); break;
    case AlertKind::SynFlood: m_thresholdLabel->setText(tr("Unanswered SYNs:")); break;
    case AlertKind::IcmpFlood: m_thresholdLabel->setText(tr("ICMP packets/s:")); break;
    default: m_thresholdLabel->setText(tr("Threshold:")); break;
    }
    m_threshold->setDecimals(threshold ? 1 : 0); // ports, hosts, SYNs and packets/s: counts
    m_scopeGroup->setVisible(threshold);         // the rule file has a scope for thresholds only
    m_spikeGroup->setVisible(spike);
    m_newHostGroup->setVisible(kind == AlertKind::NewHost);
    m_blacklistGroup->setVisible(kind == AlertKind::Blacklist);
}

void RuleEditor::showCurrent()
{
    m_loading = true;
    const AlertRule r = m_current >= 0 ? m_rules[m_current] : AlertRule{};
    showKindFields(r.kind); // first: it sets the threshold's decimals, which round its value
    m_id->setText(r.id);
    m_name->setText(r.name);
    m_kind->setCurrentIndex(m_kind->findData(int(r.kind)));
    m_enabled->setChecked(r.enabled);
    m_severity->setCurrentIndex(m_severity->findData(int(r.severity)));
    m_window->setValue(r.windowSeconds);
    m_cooldown->setValue(r.cooldownSeconds);
    m_hysteresis->setValue(r.hysteresis);
    m_metric->setCurrentIndex(m_metric->findData(int(r.metric)));
    m_threshold->setValue(r.threshold);
    m_cidr->setText(r.scope.cidr);
    m_protocol->setText(r.scope.protocol);
    m_port->setValue(r.scope.port);
    m_direction->setCurrentIndex(m_direction->findData(int(r.scope.direction)));
    m_spikeFactor->setValue(r.spikeFactor);
    m_minBits->setValue(r.minBitsPerSecond);
    m_warmup->setValue(r.warmupSeconds);
    m_perHost->setChecked(r.perHost);
    m_learning->setValue(r.learningSeconds);
    m_localNetworks->setText(r.localNetworks.join(QStringLiteral(", ")));
    m_allowlist->setText(r.allowlist.join(QStringLiteral(", ")));
    m_listFile->setText(r.listFile);
    m_addresses->setText(r.addresses.join(QStringLiteral(", ")));
    m_loading = false;
}

void RuleEditor::storeCurrent()
{
    if (m_current < 0)
        return;
    AlertRule &r = m_rules[m_current];
    r.id = m_id->text().trimmed();
    r.name = m_name->text().trimmed();
    r.kind = static_cast<AlertKind>(m_kind->currentData().toInt());
    r.enabled = m_enabled->isChecked();
    r.severity = static_cast<Severity>(m_severity->currentData().toInt());
    r.windowSeconds = m_window->value();
    r.cooldownSeconds = m_cooldown->value();
    r.hysteresis = m_hysteresis->value();
    // Fields of other kinds keep their defaults, as the file does not carry them.
    const AlertRule defaults;
    const bool threshold = r.kind == AlertKind::Threshold;
    const bool spike = r.kind == AlertKind::TrafficSpike;
    const bool counted = !spike && r.kind != AlertKind::NewHost && r.kind != AlertKind::Blacklist;
    r.metric =
        threshold ? static_cast<ThresholdMetric>(m_metric->currentData().toInt()) : defaults.metric;
    r.threshold = counted ? m_threshold->value() : defaults.threshold;
    r.scope = defaults.scope;
    if (threshold) {
        r.scope.cidr = m_cidr->text().trimmed();
        r.scope.protocol = m_protocol->text().trimmed();
        r.scope.port = m_port->value();
        r.scope.direction = static_cast<Direction>(m_direction->currentData().toInt());
    }
    r.spikeFactor = spike ? m_spikeFactor->value() : defaults.spikeFactor;
    r.minBitsPerSecond = spike ? m_minBits->value() : defaults.minBitsPerSecond;
    r.warmupSeconds = spike ? m_warmup->value() : defaults.warmupSeconds;
    r.perHost = spike ? m_perHost->isChecked() : defaults.perHost;
    const bool newHost = r.kind == AlertKind::NewHost;
    r.learningSeconds = newHost ? m_learning->value() : defaults.learningSeconds;
    r.localNetworks = newHost ? listOf(m_localNetworks) : defaults.localNetworks;
    r.allowlist = newHost ? listOf(m_allowlist) : defaults.allowlist;
    const bool blacklist = r.kind == AlertKind::Blacklist;
    r.listFile = blacklist ? m_listFile->text().trimmed() : defaults.listFile;
    r.addresses = blacklist ? listOf(m_addresses) : defaults.addresses;
    refreshListItem(m_current);
}

void RuleEditor::refreshListItem(int row)
{
    const AlertRule &r = m_rules[row];
    QListWidgetItem *item = m_list->item(row);
    const QString name = r.name.isEmpty() ? r.id : r.name;
    const QString kind = AlertListModel::kindText(r.kind);
    item->setText(name == kind ? name : tr("%1 (%2)").arg(name, kind));
    QFont f = item->font();
    f.setItalic(!r.enabled); // a rule that is off reads as such at a glance
    item->setFont(f);
    item->setToolTip(r.enabled ? r.id : tr("%1 (off)").arg(r.id));
}

QString RuleEditor::uniqueId(const QString &base) const
{
    const auto taken = [this](const QString &id) {
        return std::any_of(m_rules.begin(), m_rules.end(),
                           [&](const AlertRule &r) { return r.id == id; });
    };
    if (!taken(base))
        return base;
    for (int n = 2;; ++n)
        if (const QString id = QStringLiteral("%1-%2").arg(base).arg(n); !taken(id))
            return id;
}

void RuleEditor::addRule(AlertKind kind)
{
    AlertRule r;
    r.kind = kind;
    r.id = uniqueId(alertKindName(kind).replace(QLatin1Char('_'), QLatin1Char('-')));
    r.name = AlertListModel::kindText(kind);
    if (kind != AlertKind::NewHost && kind != AlertKind::Blacklist &&
        kind != AlertKind::TrafficSpike)
        r.threshold = kind == AlertKind::Threshold ? 10000 : 100; // a start the user tunes
    m_rules.push_back(r);
    m_list->addItem(QString());
    refreshListItem(static_cast<int>(m_rules.size()) - 1);
    m_list->setCurrentRow(static_cast<int>(m_rules.size()) - 1);
    markModified();
}

void RuleEditor::removeRule()
{
    if (m_current < 0)
        return;
    const int row = m_current;
    m_current = -1; // the list's selection change must not store into the erased rule
    m_rules.erase(m_rules.begin() + row);
    delete m_list->takeItem(row);
    m_list->setCurrentRow(std::min(row, static_cast<int>(m_rules.size()) - 1));
    selectRule(m_list->currentRow());
    markModified();
}

void RuleEditor::duplicateRule()
{
    if (m_current < 0)
        return;
    AlertRule copy = m_rules[m_current];
    copy.id = uniqueId(copy.id);
    copy.name = tr("%1 (copy)").arg(copy.name);
    m_rules.insert(m_rules.begin() + m_current + 1, copy);
    const int row = m_current + 1;
    m_list->insertItem(row, QString());
    refreshListItem(row);
    m_list->setCurrentRow(row);
    markModified();
}

void RuleEditor::setError(const QString &text)
{
    m_error->setText(text);
    m_error->setVisible(!text.isEmpty());
}

void RuleEditor::markModified()
{
    m_modified = true;
    Q_EMIT modified();
}

} // namespace netlens
