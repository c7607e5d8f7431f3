// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <climits>
#include <cstdint>

namespace netlens {

/**
 * Bucket arithmetic on int64 nanosecond timestamps, which pcapng lets reach both ends of the
 * range: flooring division for negative times, and bucket starts that wrap instead of
 * overflowing. The buckets themselves live in ProtocolSeries.
 */
struct TimeSeries {
    /// key * bucket, wrapping instead of overflowing: within one bucket of INT64_MIN the
    /// exact start is not representable, and signed overflow would be undefined.
    static std::int64_t startOf(std::int64_t key, std::int64_t bucketNs)
    {
        __extension__ typedef __int128 I128;
        const I128 v = static_cast<I128>(key) * bucketNs;
        return v < INT64_MIN ? INT64_MIN : static_cast<std::int64_t>(v);
    }

    static std::int64_t floorDiv(std::int64_t a, std::int64_t b)
    {
        std::int64_t q = a / b;
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
    }
};

} // namespace netlens
