package dev.drover.agent;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Result times in the text forms Ansible shows, so registered results and callbacks read the same:
 * {@code start}/{@code end} as Python's {@code str(datetime.now())} in the host's local time
 * ("2026-11-28 15:42:51.123456") and {@code delta} as
 * {@code str(timedelta)} ("0:00:00.003210", "1 day, 2:03:04.000005"), except that the
 * microseconds are always printed (Python drops ".000000"), so each field parses one way.
 */
final class Timestamps {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    private Timestamps() {
    }

    static String format(Instant instant, ZoneId zone) {
        return FORMAT.format(LocalDateTime.ofInstant(instant, zone));
    }

    static String delta(long nanos) {
        long micros = Math.max(0, nanos) / 1000;
        long seconds = micros / 1_000_000;
        long days = seconds / 86_400;
        long h = seconds / 3600 % 24;
        long m = seconds / 60 % 60;
        long s = seconds % 60;
        // By hand, not String.format: a format string is parsed on every call, and this runs for every
        // command step (in a young agent, interpreted).
        StringBuilder clock = new StringBuilder(16).append(h).append(':');
        pad(clock, m, 2).append(':');
        pad(clock, s, 2).append('.');
        pad(clock, micros % 1_000_000, 6);
        if (days == 0) {
            return clock.toString();
        }
        return days + (days == 1 ? " day, " : " days, ") + clock;
    }

    /** Appends {@code value} (not negative) with leading zeros to {@code width} digits. */
    private static StringBuilder pad(StringBuilder out, long value, int width) {
        String digits = Long.toString(value);
        for (int i = digits.length(); i < width; i++) {
            out.append('0');
        }
        return out.append(digits);
    }
}
