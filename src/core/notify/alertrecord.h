// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "alerts/alert.h"

#include <QMetaType>
#include <optional>

namespace netlens {

/// Delivery state of one alert on one channel, as the alert panel shows it.
enum class DeliveryStatus : std::uint8_t { None, Pending, Retrying, Delivered, Failed, Suppressed };
enum class Channel : std::uint8_t { Email, Webhook };
QString deliveryStatusName(DeliveryStatus status); ///< "none", "pending", ... "suppressed"
QString channelName(Channel channel);              ///< "email", "webhook"

/// An alert from the history with its delivery state and the user's marks.
struct AlertRecord {
    qint64 id = 0; ///< history row id
    Alert alert;
    bool acknowledged = false;
    DeliveryStatus email = DeliveryStatus::None;
    DeliveryStatus webhook = DeliveryStatus::None;
    QString deliveryError; ///< the last failure, if any ("smtp.example.org:587: 535 ...")
};

/// Which history rows to list: all conditions must hold.
struct HistoryFilter {
    QString text; ///< substring of type, severity, key or summary (case-insensitive)
    std::optional<Severity> minSeverity;
    std::int64_t fromNs = 0; ///< alerts that started at or after (0: no bound)
    std::int64_t toNs = 0;   ///< ... and at or before (0: no bound)
    bool unacknowledgedOnly = false;
    int limit = 10000; ///< newest first
};

} // namespace netlens

Q_DECLARE_METATYPE(netlens::AlertRecord)
Q_DECLARE_METATYPE(netlens::DeliveryStatus)
Q_DECLARE_METATYPE(netlens::Channel)
