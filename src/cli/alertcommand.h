// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "alerts/alert.h"
#include "alerts/alertrule.h"

#include <QList>
#include <QStringList>

class QCommandLineParser;

namespace netlens::cli {

/// `netlens-cli alert FILE... [--rules PATH] [--json] [--snippets DIR | --no-snippets]
/// [--quiet]`: the alert engine over capture files. Exit status 0 no alert, 3 alerts were
/// raised, 2 an error (a bad rule file, an unreadable capture).
int runAlert(const QStringList &arguments);

/// Where `alert` hands its alerts to the delivery channels (e-mail, webhook) named on the
/// command line, and waits until each delivery succeeded or failed for good. Returns 2 when
/// a delivery failed, else 0. Today: no channels yet (the notify helper adds them).
int deliverAlerts(const QList<Alert> &alerts, const QCommandLineParser &parser);

/// The rules of `--rules PATH` (empty: the built-in defaults) into `rules`; false after
/// printing the error (file, line, field) prefixed by `command`.
bool loadRulesOption(const QString &path, const char *command, RuleSet &rules);
/// One line for an alert that engaged (ALERT), was released (RELEASED) or, `snippetNews`,
/// got its snippet (SNIPPET), for capture --alerts.
QString alertLine(const Alert &alert, bool snippetNews = false);

} // namespace netlens::cli
