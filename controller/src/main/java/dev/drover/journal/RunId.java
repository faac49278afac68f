package dev.drover.journal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * A run's id: UTC start time to the second and four random hex digits, {@code 20261128-175204-a1b2}.
 * Sorts by start time as text, reads at a glance, and is unique enough for one state directory (the
 * writer creates the run's directory exclusively and draws again on a clash).
 */
public final class RunId {
    static final Pattern FORM = Pattern.compile("\\d{8}-\\d{6}-[0-9a-f]{4}");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private RunId() {
    }

    public static String next(Instant now, RandomGenerator random) {
        return TIME.format(now) + "-" + String.format("%04x", random.nextInt(0x10000));
    }

    /** Whether {@code text} has the form of a run id (it may still name no run). */
    public static boolean isRunId(String text) {
        return FORM.matcher(text).matches();
    }
}
