// SPDX-License-Identifier: GPL-3.0-or-later
#include "web/webapi.h"

#include "alerts/alertjson.h"
#include "export/jsonexport.h"
#include "export/summary.h"
#include "web/dashboardfeed.h"
#include "web/dashboardjson.h"

#include <QJsonDocument>
#include <cmath>
#include <functional>

namespace netlens::webapi {

namespace {

using Query = QList<QPair<QString, QString>>;

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

/// Parsed parameters of one request; the first problem wins and names the parameter.
class Params {
public:
    Params(const Query &query, std::initializer_list<const char *> allowed)
    {
        for (const auto &[k, v] : query) {
            bool known = false;
            for (const char *a : allowed)
                known |= k == QLatin1String(a);
            if (!known) {
                fail(k + QStringLiteral(": unknown parameter"));
                return;
            }
            if (m_values.contains(k)) {
                fail(k + QStringLiteral(": given more than once"));
                return;
            }
            m_values.insert(k, v);
        }
    }
    bool ok() const { return m_error.isEmpty(); }
    const QString &error() const { return m_error; }

    int count(const char *name, int fallback)
    {
        const QString key = QLatin1String(name);
        if (!ok() || !m_values.contains(key))
            return fallback;
        bool good = false;
        const QString v = m_values.value(key);
        const int n = v.toInt(&good);
        if (!good || n < 1 || n > 100 || v.trimmed() != v)
            fail(key + QStringLiteral(": must be a whole number from 1 to 100, not \"") + v +
                 QLatin1Char('"'));
        return n;
    }
    double seconds(const char *name)
    {
        const QString key = QLatin1String(name);
        if (!ok() || !m_values.contains(key))
            return dashboardjson::kAll;
        bool good = false;
        const QString v = m_values.value(key);
        const double t = v.toDouble(&good);
        if (!good || !std::isfinite(t) || t < 0 || v.trimmed() != v)
            fail(key +
                 QStringLiteral(": must be a time in seconds since the epoch (0 or more), not \"") +
                 v + QLatin1Char('"'));
        return t;
    }
    quint64 id(const char *name)
    {
        const QString key = QLatin1String(name);
        if (!ok() || !m_values.contains(key))
            return 0;
        bool good = false;
        const QString v = m_values.value(key);
        const quint64 id = v.toULongLong(&good);
        if (!good || v.isEmpty() || !v.at(0).isDigit())
            fail(key + QStringLiteral(": must be a whole number of 0 or more, not \"") + v +
                 QLatin1Char('"'));
        return id;
    }

private:
    void fail(const QString &message)
    {
        if (m_error.isEmpty())
            m_error = message;
    }
    QHash<QString, QString> m_values;
    QString m_error;
};

/// Renderings of one snapshot, cached in the feed under `key`.
class Renderer {
public:
    explicit Renderer(const DashboardFeed &feed)
        : m_feed(feed)
        , m_snapshot(feed.snapshot())
    {
        if (!m_snapshot)
            m_snapshot = std::make_shared<const StatsSnapshot>();
    }
    const StatsSnapshot &snapshot() const { return *m_snapshot; }

    QByteArray cached(const QByteArray &key, const std::function<QByteArray()> &render) const
    {
        QByteArray body = m_feed.cached(key, m_snapshot->sequence);
        if (body.isEmpty()) {
            body = render();
            m_feed.store(key, m_snapshot->sequence, body);
        }
        return body;
    }
    QByteArray summary() const
    {
        // The version is read before the files: if they change in between, this entry's key
        // is already out of date and nobody is served it.
        const quint64 version = m_feed.filesVersion();
        return cached("summary:" + QByteArray::number(version), [this] {
            return summaryToJsonText(Summary::fromSnapshot(m_snapshot, 10, m_feed.files()));
        });
    }
    QByteArray talkers(int n) const
    {
        return cached("talkers:" + QByteArray::number(n),
                      [&] { return compact(dashboardjson::talkers(*m_snapshot, n)); });
    }
    QByteArray conversations(int n) const
    {
        return cached("conversations:" + QByteArray::number(n),
                      [&] { return compact(dashboardjson::conversations(*m_snapshot, n)); });
    }
    QByteArray flows(int n) const
    {
        return cached("flows:" + QByteArray::number(n),
                      [&] { return compact(dashboardjson::flows(*m_snapshot, n)); });
    }
    QByteArray protocols() const
    {
        return cached("protocols", [&] { return compact(dashboardjson::protocols(*m_snapshot)); });
    }
    QByteArray timeseries(double since) const
    {
        const QByteArray key = std::isinf(since)
                                   ? QByteArray("timeseries:all")
                                   : "timeseries:" + QByteArray::number(since, 'g', 17);
        return cached(key, [&] { return compact(dashboardjson::timeseries(*m_snapshot, since)); });
    }
    // Not per snapshot: the status has the capture's rates, the alerts their own cursor.
    QByteArray status() const { return compact(dashboardjson::status(m_feed)); }
    QByteArray alerts(quint64 since) const
    {
        return jsonText(dashboardjson::alerts(m_feed, since));
    }

private:
    const DashboardFeed &m_feed;
    StatsSnapshotPtr m_snapshot;
};

} // namespace

QByteArray dashboardText(const DashboardFeed &feed, double since, quint64 alertsSince, int n)
{
    const Renderer r(feed);
    // Keys sorted, as QJsonObject writes them, so the reply reads like the endpoints' own.
    return "{\"alerts\":" + r.alerts(alertsSince) + ",\"conversations\":" + r.conversations(10) +
           ",\"flows\":" + r.flows(10) + ",\"protocols\":" + r.protocols() +
           ",\"status\":" + r.status() + ",\"talkers\":" + r.talkers(n) +
           ",\"timeseries\":" + r.timeseries(since) + '}';
}

bool handle(const DashboardFeed &feed, const QByteArray &path, const Query &query, WebReply &reply)
{
    if (!path.startsWith("/api/v1/"))
        return false;
    const QByteArray name = path.mid(8);
    const auto answer = [&](Params &p, const std::function<QByteArray()> &body) {
        if (!p.ok())
            reply = WebReply::error(400, p.error());
        else
            reply = WebReply::json(body());
        return true;
    };
    const Renderer r(feed);
    if (name == "summary") {
        Params p(query, {});
        return answer(p, [&] { return r.summary(); });
    }
    if (name == "status") {
        Params p(query, {});
        return answer(p, [&] { return r.status(); });
    }
    if (name == "timeseries") {
        Params p(query, {"since"});
        const double since = p.seconds("since");
        return answer(p, [&] { return r.timeseries(since); });
    }
    if (name == "talkers") {
        Params p(query, {"n"});
        const int n = p.count("n", 5);
        return answer(p, [&] { return r.talkers(n); });
    }
    if (name == "conversations") {
        Params p(query, {"n"});
        const int n = p.count("n", 10);
        return answer(p, [&] { return r.conversations(n); });
    }
    if (name == "flows") {
        Params p(query, {"n"});
        const int n = p.count("n", 10);
        return answer(p, [&] { return r.flows(n); });
    }
    if (name == "protocols") {
        Params p(query, {});
        return answer(p, [&] { return r.protocols(); });
    }
    if (name == "alerts") {
        Params p(query, {"since"});
        const quint64 since = p.id("since");
        return answer(p, [&] { return r.alerts(since); });
    }
    if (name == "dashboard") {
        Params p(query, {"since", "alerts_since", "n"});
        const double since = p.seconds("since");
        const quint64 alertsSince = p.id("alerts_since");
        const int n = p.count("n", 5);
        return answer(p, [&] { return dashboardText(feed, since, alertsSince, n); });
    }
    return false;
}

} // namespace netlens::webapi
