package dev.drover.cli;

import java.security.SecureRandom;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * The id of one drover invocation, shown in the log file, the JSON events, the lock and the JUnit
 * report so the pieces of one run can be matched, and for {@code drover run} the name of its journal's
 * directory under {@code runs/}. It sorts by start time (UTC): {@code 20261128-180102-3fa9}.
 */
record RunId(String value) {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");
    private static final SecureRandom RANDOM = new SecureRandom();

    RunId {
        if (!value.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("run id must be letters, digits, '.', '_' or '-': " + value);
        }
    }

    /** A fresh id for a run starting at {@code now}, in the journal's form ({@code runs/<id>/}). */
    static RunId start(ZonedDateTime now) {
        return new RunId(dev.drover.journal.RunId.next(now.toInstant(), RANDOM));
    }

    @Override
    public String toString() {
        return value;
    }
}
