// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "appsettings.h"

#include <QDialog>
#include <memory>

namespace Ui {
class SettingsDialog;
}

namespace netlens {

class Autostart;
class NotificationsPage;
class RuleEditor;
class SecretKeeper;
class HistoryPage;
class WebPage;
class FlowExportPage;

/**
 * Edits an AppSettings value (a Designer form, ui/settingsdialog.ui, for the General tab),
 * the alert rules (the Alerts tab, saved to DATADIR/alert-rules.json on OK) and delivery
 * (the Notifications tab; its password and secret go to `secrets` on OK) and the web
 * dashboard (the Web tab). "Start at login" on the General tab is the XDG autostart entry
 * itself (Autostart), written or removed on OK, not a setting.
 */
class SettingsDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsDialog)

public:
    explicit SettingsDialog(const AppSettings &settings, QWidget *parent = nullptr);
    SettingsDialog(const AppSettings &settings, SecretKeeper *secrets, QWidget *parent);
    ~SettingsDialog() override;
    AppSettings settings() const;

    /// The rule file the Alerts tab edits.
    static QString rulesPath(const AppSettings &settings);
    RuleEditor *ruleEditor() const { return m_rules; }
    NotificationsPage *notificationsPage() const { return m_notifications; }
    WebPage *webPage() const { return m_web; }
    FlowExportPage *flowExportPage() const { return m_flowExport; }
    HistoryPage *historyPage() const { return m_history; }
    /// The "Start at login" entry the General tab writes or removes on OK.
    const Autostart &autostart() const { return *m_autostart; }
    /// Why the last OK stayed open over the autostart entry (empty: it did not).
    QString autostartError() const { return m_autostartError; }

    /// Saves the rules and the secrets, then closes; stays open with the error shown if
    /// either fails.
    void accept() override;

private:
    /// Writes or removes the autostart entry as the General tab's boxes say.
    bool applyAutostart(QString &error) const;

    std::unique_ptr<Ui::SettingsDialog> m_ui;
    AppSettings m_original;
    std::unique_ptr<Autostart> m_autostart;
    QString m_autostartError;
    RuleEditor *m_rules = nullptr;
    NotificationsPage *m_notifications = nullptr;
    WebPage *m_web = nullptr;
    FlowExportPage *m_flowExport = nullptr;
    HistoryPage *m_history = nullptr;
};

} // namespace netlens
