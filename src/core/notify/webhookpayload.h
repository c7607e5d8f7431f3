// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "alerts/alert.h"
#include "notify/notifysettings.h"

#include <QByteArray>
#include <QList>

namespace netlens {

/**
 * The JSON bodies of webhook posts, per format:
 * - json: the alert as alertToJson() gives it (a digest: {"digest", "count", "alerts": [...]});
 * - slack: "text" (the fallback line) and "blocks" (header, summary, fields), as Slack's
 *   incoming webhooks and Mattermost take it;
 * - discord: "content" and "embeds" with a colour by severity.
 */
class WebhookPayload {
public:
    static QByteArray alertBody(const Alert &alert, WebhookSettings::Format format);
    static QByteArray digestBody(const QList<Alert> &alerts, const QString &digestId,
                                 WebhookSettings::Format format);
    static QByteArray testBody(WebhookSettings::Format format);
    /// Discord embed colour (0xRRGGBB) for a severity.
    static int severityColour(Severity severity);
};

} // namespace netlens
