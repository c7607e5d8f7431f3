// SPDX-License-Identifier: GPL-3.0-or-later
#include "notify/alerthub.h"

#include "alerts/alertjson.h"
#include "notify/alerthistory.h"
#include "notify/mailcomposer.h"
#include "notify/notifydatabase.h"
#include "notify/outbox.h"
#include "notify/smtpclient.h"
#include "notify/webhookclient.h"
#include "notify/webhookpayload.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

namespace netlens {

namespace {

constexpr std::array kChannels{Channel::Email, Channel::Webhook};
constexpr qint64 kRateWindowMs = 60000;

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

/// The alerts of an outbox payload: one object, or an array for a digest.
bool payloadAlerts(const QByteArray &payload, QList<Alert> &alerts, QString &error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(payload, &parseError);
    if (doc.isNull()) {
        error = QStringLiteral("outbox payload: %1").arg(parseError.errorString());
        return false;
    }
    QJsonArray array = doc.isArray() ? doc.array() : QJsonArray{doc.object()};
    for (const QJsonValue &v : array) {
        Alert a;
        if (!alertFromJson(v.toObject(), a, error))
            return false;
        alerts << a;
    }
    if (alerts.isEmpty()) {
        error = QStringLiteral("outbox payload: no alert");
        return false;
    }
    return true;
}

} // namespace

AlertHub::AlertHub(QString databasePath, NotifySettings settings, QObject *parent)
    : QObject(parent)
    , m_path(std::move(databasePath))
    , m_settings(std::move(settings))
    , m_giveUpAfterS(m_settings.giveUpAfterS)
    , m_smtp(new SmtpClient(this))
    , m_webhook(new WebhookClient(this))
    , m_testSmtp(new SmtpClient(this))
    , m_testWebhook(new WebhookClient(this))
{
    qRegisterMetaType<netlens::AlertRecord>();
    qRegisterMetaType<netlens::Channel>();
    qRegisterMetaType<netlens::DeliveryStatus>();
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &AlertHub::dispatch);
    connect(m_smtp, &SmtpClient::finished, this,
            [this](DeliveryOutcome o, const QString &m) { onFinished(Channel::Email, o, m); });
    connect(m_webhook, &WebhookClient::finished, this,
            [this](DeliveryOutcome o, const QString &m) { onFinished(Channel::Webhook, o, m); });
    connect(m_testSmtp, &SmtpClient::finished, this, [this](DeliveryOutcome o, const QString &m) {
        Q_EMIT testEmailDone(o == DeliveryOutcome::Delivered, m);
    });
    connect(m_testWebhook, &WebhookClient::finished, this,
            [this](DeliveryOutcome o, const QString &m) {
                Q_EMIT testWebhookDone(o == DeliveryOutcome::Delivered, m);
            });
}

AlertHub::~AlertHub()
{
    // An attempt cut off here stays Pending/Retrying and is sent again by the next open();
    // its stable Message-ID / Idempotency-Key lets the receiver spot the repeat.
    m_smtp->abort();
    m_webhook->abort();
    m_outbox.reset();
    m_history.reset();
    m_db.reset();
}

bool AlertHub::open(QString &error)
{
    if (m_db && m_db->isOpen())
        return true;
    m_db = std::make_unique<NotifyDatabase>(m_path);
    if (!m_db->open(error)) {
        m_db.reset();
        return false;
    }
    m_history = std::make_unique<AlertHistory>(*m_db);
    m_outbox = std::make_unique<Outbox>(*m_db);
    m_idle = isIdle();
    scheduleDispatch(0);
    return true;
}

void AlertHub::setSettings(const NotifySettings &settings)
{
    m_settings = settings;
    m_giveUpAfterS = settings.giveUpAfterS;
    // A channel switched off drops its attempt; the row waits for the channel to return.
    if (!channelEnabled(Channel::Email) && state(Channel::Email).inFlightId) {
        m_smtp->abort();
        state(Channel::Email).inFlightId = 0;
    }
    if (!channelEnabled(Channel::Webhook) && state(Channel::Webhook).inFlightId) {
        m_webhook->abort();
        state(Channel::Webhook).inFlightId = 0;
    }
    scheduleDispatch(0);
    checkIdle();
}

void AlertHub::setGiveUpAfter(int seconds)
{
    m_giveUpAfterS = std::max(0, seconds);
}

bool AlertHub::channelEnabled(Channel channel) const
{
    return channel == Channel::Email ? m_settings.smtp.enabled : m_settings.webhook.enabled;
}

bool AlertHub::submit(const Alert &alert)
{
    if (!m_history) {
        Q_EMIT storageError(QStringLiteral("%1: the alert database is not open").arg(m_path));
        return false;
    }
    if (alert.uid.isEmpty()) {
        Q_EMIT storageError(QStringLiteral("%1: an alert without a uid (\"%2\") was refused")
                                .arg(m_path, alert.summary));
        return false;
    }
    AlertRecord record;
    bool created = false;
    QString error;
    const QByteArray payload = jsonText(alertToJson(alert));
    if (!m_history->upsert(alert, payload, record, created, error)) {
        Q_EMIT storageError(error);
        return false;
    }
    const qint64 now = nowMs();
    // Held back (bounded) only while the engine says a snippet is on its way, so the e-mail
    // can attach it; a release before the snippet waits too.
    const bool awaitSnippet = alert.snippetPending && alert.snippetPath.isEmpty();
    const qint64 notBefore = awaitSnippet ? now + std::max(0, m_settings.snippetWaitMs) : now;
    for (Channel ch : kChannels) {
        if (!channelEnabled(ch))
            continue;
        DeliveryStatus &current = ch == Channel::Email ? record.email : record.webhook;
        if (alert.severity < m_settings.minSeverity) {
            if (current == DeliveryStatus::None) {
                setStatus({alert.uid}, ch, DeliveryStatus::Suppressed, {}, false);
                current = DeliveryStatus::Suppressed;
            }
            continue;
        }
        bool queued = false;
        if (!m_outbox->enqueue(alert.uid, ch, payload, now, notBefore, queued)) {
            Q_EMIT storageError(
                m_db->errorText(QStringLiteral("queueing alert %1").arg(alert.uid)));
            continue;
        }
        if (queued) {
            setStatus({alert.uid}, ch, DeliveryStatus::Pending, {}, false);
            current = DeliveryStatus::Pending;
        }
    }
    // The record as stored, kept up to date above rather than read back.
    Q_EMIT recordChanged(record);
    m_idle = m_idle && isIdle();
    scheduleDispatch(0);
    return true;
}

QList<AlertRecord> AlertHub::history(const QString &filter, int limit) const
{
    HistoryFilter f;
    f.text = filter;
    f.limit = limit;
    return history(f);
}

QList<AlertRecord> AlertHub::history(const HistoryFilter &filter) const
{
    return m_history ? m_history->list(filter) : QList<AlertRecord>{};
}

bool AlertHub::acknowledge(qint64 id)
{
    return m_history && m_history->acknowledge(id);
}

bool AlertHub::clear()
{
    return m_history && m_history->clear();
}

bool AlertHub::exportCsv(const QString &path, const QString &filter, QString &error) const
{
    HistoryFilter f;
    f.text = filter;
    f.limit = std::numeric_limits<int>::max();
    return exportCsv(path, f, error);
}

bool AlertHub::exportCsv(const QString &path, const HistoryFilter &filter, QString &error) const
{
    if (!m_history) {
        error = QStringLiteral("%1: the alert database is not open").arg(m_path);
        return false;
    }
    return m_history->exportCsv(path, filter, error);
}

bool AlertHub::isIdle() const
{
    if (!m_outbox)
        return true;
    for (Channel ch : kChannels)
        if (channelEnabled(ch) && (m_channels[int(ch)].inFlightId || m_outbox->activeCount(ch) > 0))
            return false;
    return true;
}

void AlertHub::sendTestEmail(const SmtpSettings &smtp)
{
    m_testSmtp->send(smtp, MailComposer::testMessage(smtp));
}

void AlertHub::sendTestWebhook(const WebhookSettings &webhook)
{
    m_testWebhook->post(webhook, WebhookPayload::testBody(webhook.format),
                        QStringLiteral("test-%1").arg(nowMs()));
}

void AlertHub::scheduleDispatch(qint64 delayMs)
{
    delayMs = std::clamp<qint64>(delayMs, 0, 24 * 3600 * 1000);
    if (m_timer.isActive() && m_timer.remainingTime() <= delayMs)
        return;
    m_timer.start(int(delayMs));
}

void AlertHub::dispatch()
{
    if (!m_outbox)
        return;
    const qint64 now = nowMs();
    std::optional<qint64> next;
    for (Channel ch : kChannels) {
        if (!channelEnabled(ch))
            continue;
        ChannelState &cs = state(ch);
        if (!cs.inFlightId)
            dispatchChannel(ch, now);
        if (cs.inFlightId)
            continue; // its finish schedules the next round
        std::optional<qint64> due = m_outbox->nextDueMs(ch);
        if (!due)
            continue;
        if (int(cs.sentMs.size()) >= std::max(1, m_settings.maxPerMinute))
            due = std::max(*due, cs.sentMs.front() + kRateWindowMs);
        next = next ? std::min(*next, *due) : *due;
    }
    if (next)
        scheduleDispatch(std::max<qint64>(*next - now, 1));
    checkIdle();
}

void AlertHub::dispatchChannel(Channel ch, qint64 now)
{
    ChannelState &cs = state(ch);
    QList<Outbox::Item> due = m_outbox->due(ch, now);
    if (due.isEmpty())
        return;
    while (!cs.sentMs.empty() && cs.sentMs.front() <= now - kRateWindowMs)
        cs.sentMs.pop_front();
    const int budget = std::max(1, m_settings.maxPerMinute) - int(cs.sentMs.size());
    if (budget <= 0)
        return;
    if (due.size() > budget) {
        // Keep budget-1 messages for single alerts; the rest of the fresh ones share one.
        QList<Outbox::Item> fresh;
        for (const Outbox::Item &it : std::as_const(due))
            if (!it.digest && it.attempts == 0 && it.status == Outbox::Status::Pending)
                fresh << it;
        const qsizetype fold = std::min<qsizetype>(fresh.size(), due.size() - (budget - 1));
        if (fold >= 2) {
            const QList<Outbox::Item> members = fresh.mid(fresh.size() - fold);
            if (m_outbox->foldIntoDigest(ch, members, now))
                due = m_outbox->due(ch, now);
            else
                Q_EMIT storageError(m_db->errorText(QStringLiteral("making a digest failed")));
        }
    }
    if (!due.isEmpty())
        send(ch, due.first().id);
}

void AlertHub::send(Channel ch, qint64 itemId)
{
    const std::optional<Outbox::Item> item = m_outbox->get(itemId);
    if (!item)
        return;
    ChannelState &cs = state(ch);
    QList<Alert> alerts;
    QString error;
    if (!payloadAlerts(item->payload, alerts, error)) {
        // A row that cannot be read will not get better: fail it rather than loop.
        m_outbox->markFailed(item->id, nowMs(), error);
        setStatus(item->digest ? m_outbox->members(item->uid, ch) : QStringList{item->uid}, ch,
                  DeliveryStatus::Failed, error);
        scheduleDispatch(0);
        return;
    }
    cs.inFlightId = item->id;
    cs.sentMs.push_back(nowMs());
    if (ch == Channel::Email) {
        const SmtpSettings &smtp = m_settings.smtp;
        m_smtp->send(smtp, item->digest ? MailComposer::digestMessage(alerts, item->uid, smtp)
                                        : MailComposer::alertMessage(alerts.first(), smtp));
    } else {
        const WebhookSettings &wh = m_settings.webhook;
        m_webhook->post(wh,
                        item->digest ? WebhookPayload::digestBody(alerts, item->uid, wh.format)
                                     : WebhookPayload::alertBody(alerts.first(), wh.format),
                        item->uid);
    }
}

void AlertHub::onFinished(Channel ch, DeliveryOutcome outcome, const QString &message)
{
    ChannelState &cs = state(ch);
    const qint64 id = cs.inFlightId;
    cs.inFlightId = 0;
    const std::optional<Outbox::Item> item = id ? m_outbox->get(id) : std::nullopt;
    if (!item) {
        scheduleDispatch(0);
        return;
    }
    const qint64 now = nowMs();
    DeliveryStatus status = DeliveryStatus::Delivered;
    QString error;
    switch (outcome) {
    case DeliveryOutcome::Delivered: m_outbox->markDelivered(id, now, message); break;
    case DeliveryOutcome::Failed:
        m_outbox->markFailed(id, now, message);
        status = DeliveryStatus::Failed;
        error = message;
        break;
    case DeliveryOutcome::Retry: {
        const qint64 deadline = item->createdMs + giveUpMs();
        if (now >= deadline) {
            error = QStringLiteral("gave up after %1 s and %2 attempts: %3")
                        .arg(m_giveUpAfterS)
                        .arg(item->attempts + 1)
                        .arg(message);
            m_outbox->markFailed(id, now, error);
            status = DeliveryStatus::Failed;
            break;
        }
        // Exponential backoff, capped, and one last try at the deadline.
        const int shift = std::min(item->attempts, 30);
        const qint64 delay =
            std::min<qint64>(qint64(m_settings.retryFirstMs) << shift,
                             std::max(m_settings.retryMaxMs, m_settings.retryFirstMs));
        m_outbox->markRetry(id, std::min(now + delay, deadline), message);
        status = DeliveryStatus::Retrying;
        error = message;
        break;
    }
    }
    const QStringList uids =
        item->digest ? m_outbox->members(item->uid, ch) : QStringList{item->uid};
    setStatus(uids, ch, status, status == DeliveryStatus::Delivered ? message : error);
    scheduleDispatch(0);
}

void AlertHub::setStatus(const QStringList &uids, Channel ch, DeliveryStatus status,
                         const QString &message, bool announceRecord)
{
    // The history keeps the message only when it is a failure: the panel shows the error.
    const bool failure = status == DeliveryStatus::Failed || status == DeliveryStatus::Retrying;
    for (const QString &uid : uids) {
        m_history->setStatus(uid, ch, status, failure ? message : QString());
        Q_EMIT deliveryChanged(uid, ch, status, message);
        if (!announceRecord)
            continue;
        if (const std::optional<AlertRecord> record = m_history->find(uid))
            Q_EMIT recordChanged(*record);
    }
}

void AlertHub::checkIdle()
{
    const bool idleNow = isIdle();
    if (idleNow && !m_idle) {
        m_idle = true;
        Q_EMIT idle();
        return;
    }
    m_idle = idleNow;
}

} // namespace netlens
