// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>

namespace netlens {

/// How one delivery attempt ended, as the outbox needs to know it.
enum class DeliveryOutcome : std::uint8_t {
    Delivered, ///< the server took it: SMTP 250 after DATA, HTTP 2xx
    Retry,     ///< may work later: network errors, timeouts, SMTP 4xx, HTTP 5xx/408/429
    Failed,    ///< will not work as configured: SMTP 5xx, HTTP 4xx, certificate errors
};

} // namespace netlens
