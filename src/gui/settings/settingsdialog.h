// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "appsettings.h"

#include <QDialog>

#include <memory>

namespace Ui {
class SettingsDialog;
}

namespace netlens {

/// Edits an AppSettings value (a Designer form, ui/settingsdialog.ui).
class SettingsDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsDialog)

public:
    explicit SettingsDialog(const AppSettings &settings, QWidget *parent = nullptr);
    ~SettingsDialog() override;
    AppSettings settings() const;

private:
    std::unique_ptr<Ui::SettingsDialog> m_ui;
    AppSettings m_original;
};

} // namespace netlens
