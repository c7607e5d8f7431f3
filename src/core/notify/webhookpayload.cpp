// SPDX-License-Identifier: GPL-3.0-or-later
#include "notify/webhookpayload.h"

#include "alerts/alertjson.h"
#include "notify/mailcomposer.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace netlens {

namespace {

QString titleOf(const Alert &a)
{
    return QStringLiteral("[%1] %2: %3")
        .arg(severityName(a.severity).toUpper(), alertKindName(a.kind), a.key);
}

QJsonObject slackField(const QString &name, const QString &value)
{
    return {{QStringLiteral("type"), QStringLiteral("mrkdwn")},
            {QStringLiteral("text"), QStringLiteral("*%1*\n%2").arg(name, value)}};
}

QJsonArray slackBlocks(const Alert &a)
{
    const QJsonArray fields{
        slackField(QStringLiteral("Severity"), severityName(a.severity)),
        slackField(QStringLiteral("Type"), alertKindName(a.kind)),
        slackField(QStringLiteral("Key"), a.key),
        slackField(QStringLiteral("Start"), captureTimeText(a.startNs)),
        slackField(QStringLiteral("Trigger"), QStringLiteral("%1 %2 (threshold %3)")
                                                  .arg(a.evidence.value)
                                                  .arg(a.evidence.unit)
                                                  .arg(a.evidence.threshold)),
        slackField(QStringLiteral("Filter"), a.displayFilter),
    };
    return {
        QJsonObject{{QStringLiteral("type"), QStringLiteral("header")},
                    {QStringLiteral("text"),
                     QJsonObject{{QStringLiteral("type"), QStringLiteral("plain_text")},
                                 {QStringLiteral("text"), titleOf(a).left(150)}}}},
        QJsonObject{
            {QStringLiteral("type"), QStringLiteral("section")},
            {QStringLiteral("text"), QJsonObject{{QStringLiteral("type"), QStringLiteral("mrkdwn")},
                                                 {QStringLiteral("text"), a.summary}}},
            {QStringLiteral("fields"), fields}},
    };
}

QJsonObject discordEmbed(const Alert &a)
{
    QJsonArray fields{
        QJsonObject{{QStringLiteral("name"), QStringLiteral("Key")},
                    {QStringLiteral("value"), a.key},
                    {QStringLiteral("inline"), true}},
        QJsonObject{{QStringLiteral("name"), QStringLiteral("Severity")},
                    {QStringLiteral("value"), severityName(a.severity)},
                    {QStringLiteral("inline"), true}},
        QJsonObject{{QStringLiteral("name"), QStringLiteral("Trigger")},
                    {QStringLiteral("value"), QStringLiteral("%1 %2 (threshold %3)")
                                                  .arg(a.evidence.value)
                                                  .arg(a.evidence.unit)
                                                  .arg(a.evidence.threshold)},
                    {QStringLiteral("inline"), true}},
    };
    if (!a.displayFilter.isEmpty())
        fields.append(QJsonObject{{QStringLiteral("name"), QStringLiteral("Filter")},
                                  {QStringLiteral("value"), a.displayFilter}});
    if (!a.snippetPath.isEmpty())
        fields.append(QJsonObject{{QStringLiteral("name"), QStringLiteral("Packets")},
                                  {QStringLiteral("value"), a.snippetPath}});
    QJsonObject embed{{QStringLiteral("title"), titleOf(a).left(256)},
                      {QStringLiteral("description"), a.summary},
                      {QStringLiteral("color"), WebhookPayload::severityColour(a.severity)},
                      {QStringLiteral("fields"), fields}};
    if (a.startNs)
        embed.insert(QStringLiteral("timestamp"), captureTimeText(a.startNs));
    return embed;
}

QByteArray toBody(const QJsonObject &o)
{
    return jsonText(o); // exact times in alert objects
}

} // namespace

int WebhookPayload::severityColour(Severity severity)
{
    switch (severity) {
    case Severity::Info: return 0x3498DB;
    case Severity::Warning: return 0xF39C12;
    case Severity::Critical: return 0xE74C3C;
    }
    return 0;
}

QByteArray WebhookPayload::alertBody(const Alert &a, WebhookSettings::Format format)
{
    switch (format) {
    case WebhookSettings::Format::Json: return toBody(alertToJson(a));
    case WebhookSettings::Format::Slack:
        return toBody(
            {{QStringLiteral("text"), QString(titleOf(a) + QLatin1String(" - ") + a.summary)},
             {QStringLiteral("blocks"), slackBlocks(a)}});
    case WebhookSettings::Format::Discord:
        return toBody({{QStringLiteral("content"), titleOf(a)},
                       {QStringLiteral("embeds"), QJsonArray{discordEmbed(a)}}});
    }
    return {};
}

QByteArray WebhookPayload::digestBody(const QList<Alert> &alerts, const QString &digestId,
                                      WebhookSettings::Format format)
{
    const QString text = QStringLiteral("NetLens: %1 alerts").arg(alerts.size());
    switch (format) {
    case WebhookSettings::Format::Json: {
        QJsonArray array;
        for (const Alert &a : alerts)
            array.append(alertToJson(a));
        return toBody({{QStringLiteral("digest"), digestId},
                       {QStringLiteral("count"), int(alerts.size())},
                       {QStringLiteral("alerts"), array}});
    }
    case WebhookSettings::Format::Slack: {
        QJsonArray blocks;
        for (const Alert &a : alerts)
            for (const QJsonValue &b : slackBlocks(a))
                blocks.append(b);
        // Slack takes at most 50 blocks a message; the text line still names the count.
        while (blocks.size() > 50)
            blocks.removeLast();
        return toBody({{QStringLiteral("text"), text}, {QStringLiteral("blocks"), blocks}});
    }
    case WebhookSettings::Format::Discord: {
        QJsonArray embeds;
        // Discord takes at most 10 embeds a message.
        for (qsizetype i = 0; i < alerts.size() && i < 10; ++i)
            embeds.append(discordEmbed(alerts[i]));
        return toBody({{QStringLiteral("content"), text}, {QStringLiteral("embeds"), embeds}});
    }
    }
    return {};
}

QByteArray WebhookPayload::testBody(WebhookSettings::Format format)
{
    const QString text = QStringLiteral("NetLens test message");
    switch (format) {
    case WebhookSettings::Format::Json:
        return toBody({{QStringLiteral("test"), true}, {QStringLiteral("summary"), text}});
    case WebhookSettings::Format::Slack: return toBody({{QStringLiteral("text"), text}});
    case WebhookSettings::Format::Discord: return toBody({{QStringLiteral("content"), text}});
    }
    return {};
}

} // namespace netlens
