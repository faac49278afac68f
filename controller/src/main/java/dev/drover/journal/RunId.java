package dev.drover.journal;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * The id of one drover invocation: UTC start time to the second and four random hex digits, {@code
 * 20261128-175204-a1b2}. For {@code drover run} it names the journal's directory under {@code runs/};
 * the log file, the JSON events, the lock and the JUnit report name it too, so the pieces of one run
 * can be matched. Sorts by start time as text, reads at a glance, and is unique enough for one state
 * directory (the writer creates the run's directory exclusively and draws again on a clash).
 */
public record RunId(String value) {
    static final Pattern FORM = Pattern.compile("\\d{8}-\\d{6}-[0-9a-f]{4}");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    public RunId {
        if (!value.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("run id must be letters, digits, '.', '_' or '-': " + value);
        }
    }

    /** A fresh id for an invocation starting at {@code now}. */
    public static RunId start(Instant now) {
        return new RunId(next(now, RANDOM));
    }

    /** A fresh id's text for {@code now}, drawing the random part from {@code random}. */
    public static String next(Instant now, RandomGenerator random) {
        return TIME.format(now) + "-" + String.format("%04x", random.nextInt(0x10000));
    }

    /** Whether {@code text} has the form of a run id (it may still name no run). */
    public static boolean isRunId(String text) {
        return FORM.matcher(text).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
