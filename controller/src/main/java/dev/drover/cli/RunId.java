package dev.drover.cli;

import java.security.SecureRandom;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * The id of one drover invocation, shown in the log file, the JSON events, the lock and the JUnit
 * report so the pieces of one run can be matched. It sorts by start time: {@code 20261128T180102-3fa9c1}.
 *
 * <p>Reconcile with the run journal: when the journal's own run id lands, {@link #start} is the one
 * place to replace, so every output names the journal's directory under {@code runs/}.
 */
record RunId(String value) {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");
    private static final SecureRandom RANDOM = new SecureRandom();

    RunId {
        if (!value.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("run id must be letters, digits, '.', '_' or '-': " + value);
        }
    }

    /** A fresh id for a run starting at {@code now}. */
    static RunId start(ZonedDateTime now) {
        byte[] suffix = new byte[3];
        RANDOM.nextBytes(suffix);
        return new RunId(STAMP.format(now) + "-" + HexFormat.of().formatHex(suffix));
    }

    @Override
    public String toString() {
        return value;
    }
}
