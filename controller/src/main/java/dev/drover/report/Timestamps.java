package dev.drover.report;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * How unattended output stamps its lines: ISO-8601 local time with the offset, to the second
 * ({@code 2026-11-28T18:01:02+00:00}; never {@code Z}, so every line has the same shape for log
 * parsers and {@code sort}).
 */
public final class Timestamps {
    /** {@code xxx} rather than {@code XXX}: a zero offset prints as {@code +00:00}, not {@code Z}. */
    static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

    private Timestamps() {
    }

    public static String now(Clock clock) {
        return format(ZonedDateTime.now(clock));
    }

    public static String format(ZonedDateTime t) {
        return FORMAT.format(t.truncatedTo(ChronoUnit.SECONDS));
    }
}
