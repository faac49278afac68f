package dev.drover.acssim;

/**
 * A command line that cannot run (exit {@value SimException#BAD_INPUT}). The data tools also print the
 * command's usage line with it.
 */
public final class UsageException extends SimException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
