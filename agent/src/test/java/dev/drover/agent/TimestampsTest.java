package dev.drover.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * Expected strings are what Python prints for str(datetime) and str(timedelta), except that we
 * always print the microseconds (Python drops ".000000"), so the fields parse one way.
 */
class TimestampsTest {

    @Test
    void startAndEndLookLikePythonDatetimesWithMicroseconds() {
        Instant t = Instant.parse("2026-11-28T15:42:51.123456789Z");
        assertEquals("2026-11-28 15:42:51.123456", Timestamps.format(t, ZoneOffset.UTC));
        assertEquals("2026-11-28 16:42:51.123456", Timestamps.format(t, ZoneOffset.ofHours(1)), "host's local time");
        assertEquals("2026-11-28 15:42:51.000000", Timestamps.format(Instant.parse("2026-11-28T15:42:51Z"), ZoneOffset.UTC),
                "always six digits, so the field parses one way");
    }

    @Test
    void deltaLooksLikeAPythonTimedelta() {
        assertEquals("0:00:00.003210", Timestamps.delta(3_210_999));
        assertEquals("0:01:05.000001", Timestamps.delta(65_000_001_000L));
        assertEquals("1:00:00.000000", Timestamps.delta(3_600_000_000_000L));
        assertEquals("1 day, 2:03:04.000005", Timestamps.delta(((26 * 60 + 3) * 60 + 4) * 1_000_000_000L + 5_000));
        assertEquals("2 days, 0:00:00.000000", Timestamps.delta(2 * 86_400 * 1_000_000_000L));
    }
}
