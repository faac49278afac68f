package dev.drover.acssim;

/**
 * A failure a user of the simulator can cause (a bad option, a broken installation, an unreachable
 * database). {@code SimMain} prints the message, without a stack trace, and exits with {@link #exitCode()}.
 */
public class SimException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Bad command line or bad input files. */
    public static final int BAD_INPUT = 4;
    /** The operation was understood but failed (database, files). */
    public static final int FAILED = 1;

    private final int exitCode;

    public SimException(String message) {
        this(message, BAD_INPUT, null);
    }

    public SimException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
