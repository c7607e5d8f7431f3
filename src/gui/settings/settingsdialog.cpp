// SPDX-License-Identifier: GPL-3.0-or-later
#include "settingsdialog.h"

#include "autostart.h"
#include "capture/helperprocess.h"
#include "capture/interfaces.h"
#include "flowexportpage.h"
#include "historypage.h"
#include "notificationspage.h"
#include "ruleeditor.h"
#include "ui_settingsdialog.h"
#include "webpage.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileDialog>
#include <QMessageBox>

namespace netlens {

SettingsDialog::SettingsDialog(const AppSettings &s, QWidget *parent)
    : SettingsDialog(s, nullptr, parent)
{
}

SettingsDialog::SettingsDialog(const AppSettings &s, SecretKeeper *secrets, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::SettingsDialog>())
    , m_original(s)
    , m_autostart(std::make_unique<Autostart>(Autostart::forUser()))
{
    m_ui->setupUi(this);
    m_rules = new RuleEditor;
    m_rules->load(rulesPath(s));
    m_ui->tabs->addTab(m_rules, tr("Alerts"));
    m_notifications = new NotificationsPage(s, secrets);
    m_ui->tabs->addTab(m_notifications, tr("Notifications"));
    m_web = new WebPage(s);
    m_ui->tabs->addTab(m_web, tr("Web"));
    m_flowExport = new FlowExportPage(s);
    m_ui->tabs->addTab(m_flowExport, tr("Flow Export"));
    m_history = new HistoryPage(s);
    m_ui->tabs->addTab(m_history, tr("History"));
    m_ui->dataDirEdit->setText(s.dataDir);
    connect(m_ui->browseButton, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Data Directory"),
                                                              m_ui->dataDirEdit->text());
        if (!dir.isEmpty())
            m_ui->dataDirEdit->setText(dir);
    });
    m_ui->interfaceCombo->addItem(tr("First interface that is up"), QString());
    std::string error;
    const std::string helper =
        findCaptureHelper(QCoreApplication::applicationDirPath().toStdString());
    for (const auto &i : listInterfaces(helper, error))
        m_ui->interfaceCombo->addItem(QString::fromStdString(i.name),
                                      QString::fromStdString(i.name));
    m_ui->interfaceCombo->setCurrentIndex(
        std::max(0, m_ui->interfaceCombo->findData(s.defaultInterface)));
    m_ui->snapLenSpin->setValue(s.snapLen);
    m_ui->bufferSpin->setValue(s.bufferMiB);
    m_ui->promiscCheck->setChecked(s.promiscuous);
    m_ui->capSpin->setValue(static_cast<int>(s.storeCapacity));
    for (QSpinBox *spin : {m_ui->maxFlowsSpin, m_ui->maxHostsSpin, m_ui->maxConversationsSpin})
        spin->setSpecialValueText(tr("No limit"));
    m_ui->flowTimeoutSpin->setSpecialValueText(tr("Never"));
    m_ui->maxFlowsSpin->setValue(static_cast<int>(std::min<qint64>(s.maxFlows, 100'000'000)));
    m_ui->maxHostsSpin->setValue(static_cast<int>(std::min<qint64>(s.maxHosts, 100'000'000)));
    m_ui->maxConversationsSpin->setValue(
        static_cast<int>(std::min<qint64>(s.maxConversations, 100'000'000)));
    m_ui->flowTimeoutSpin->setValue(s.flowTimeoutS);
    m_ui->timeCombo->addItem(tr("Seconds since the first packet"), 0);
    m_ui->timeCombo->addItem(tr("Date and time of day"), 1);
    m_ui->timeCombo->addItem(tr("Seconds since the previous packet"), 2);
    m_ui->timeCombo->setCurrentIndex(std::max(0, m_ui->timeCombo->findData(s.timeFormat)));
    m_ui->languageCombo->addItem(tr("Follow the system"), QString());
    m_ui->languageCombo->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_ui->languageCombo->addItem(QStringLiteral("简体中文"), QStringLiteral("zh_CN"));
    m_ui->languageCombo->setCurrentIndex(std::max(0, m_ui->languageCombo->findData(s.language)));
    m_ui->themeCombo->addItem(tr("Follow the system"), QString());
    m_ui->themeCombo->addItem(tr("Light"), QStringLiteral("light"));
    m_ui->themeCombo->addItem(tr("Dark"), QStringLiteral("dark"));
    m_ui->themeCombo->setCurrentIndex(std::max(0, m_ui->themeCombo->findData(s.theme)));
    // The boxes show the autostart entry as it is on disk, whoever wrote or removed it.
    m_ui->autostartCheck->setToolTip(m_autostart->path());
    m_ui->autostartCheck->setChecked(m_autostart->isEnabled());
    m_ui->autostartCaptureCheck->setChecked(m_autostart->capturesAtLogin());
    m_ui->autostartCaptureCheck->setEnabled(m_ui->autostartCheck->isChecked());
    connect(m_ui->autostartCheck, &QCheckBox::toggled, m_ui->autostartCaptureCheck,
            &QWidget::setEnabled);
}

SettingsDialog::~SettingsDialog() = default;

QString SettingsDialog::rulesPath(const AppSettings &settings)
{
    return QDir(settings.dataDir).filePath(QStringLiteral("alert-rules.json"));
}

void SettingsDialog::accept()
{
    if (m_rules->isModified() && !m_rules->save()) {
        m_ui->tabs->setCurrentWidget(m_rules);
        return;
    }
    QString error;
    if (!m_web->validate(error)) {
        m_ui->tabs->setCurrentWidget(m_web);
        if (!qEnvironmentVariableIsSet("NETLENS_NO_DIALOGS"))
            QMessageBox::warning(this, tr("Settings"), error);
        return;
    }
    if (!m_flowExport->validate(error)) {
        m_ui->tabs->setCurrentWidget(m_flowExport);
        if (!qEnvironmentVariableIsSet("NETLENS_NO_DIALOGS"))
            QMessageBox::warning(this, tr("Settings"), error);
        return;
    }
    if (!m_notifications->saveSecrets(error)) {
        m_ui->tabs->setCurrentWidget(m_notifications);
        if (!qEnvironmentVariableIsSet("NETLENS_NO_DIALOGS"))
            QMessageBox::warning(this, tr("Settings"), error);
        return;
    }
    if (!applyAutostart(error)) {
        m_ui->tabs->setCurrentIndex(0);
        m_autostartError = error;
        if (!qEnvironmentVariableIsSet("NETLENS_NO_DIALOGS"))
            QMessageBox::warning(this, tr("Settings"), error);
        return;
    }
    QDialog::accept();
}

bool SettingsDialog::applyAutostart(QString &error) const
{
    const bool on = m_ui->autostartCheck->isChecked();
    const bool capture = m_ui->autostartCaptureCheck->isChecked();
    // Only a change is written: an entry the user edited by hand stays as it is otherwise.
    if (on == m_autostart->isEnabled() && (!on || capture == m_autostart->capturesAtLogin()))
        return true;
    return on ? m_autostart->enable(capture, error) : m_autostart->disable(error);
}

AppSettings SettingsDialog::settings() const
{
    AppSettings s = m_original;
    s.dataDir = m_ui->dataDirEdit->text().trimmed();
    if (s.dataDir.isEmpty())
        s.dataDir = QStringLiteral("data");
    s.defaultInterface = m_ui->interfaceCombo->currentData().toString();
    s.snapLen = m_ui->snapLenSpin->value();
    s.bufferMiB = m_ui->bufferSpin->value();
    s.promiscuous = m_ui->promiscCheck->isChecked();
    s.storeCapacity = m_ui->capSpin->value();
    s.maxFlows = m_ui->maxFlowsSpin->value();
    s.maxHosts = m_ui->maxHostsSpin->value();
    s.maxConversations = m_ui->maxConversationsSpin->value();
    s.flowTimeoutS = m_ui->flowTimeoutSpin->value();
    s.timeFormat = m_ui->timeCombo->currentData().toInt();
    s.language = m_ui->languageCombo->currentData().toString();
    s.theme = m_ui->themeCombo->currentData().toString();
    m_notifications->apply(s);
    m_web->apply(s);
    m_flowExport->apply(s);
    m_history->apply(s);
    return s;
}

} // namespace netlens
