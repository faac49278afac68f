package dev.drover.acssim.mmt;

/**
 * An error the user caused or can fix (missing WAR, bad AMP, version conflict). {@link Mmt} prints
 * the message on stderr, like MMT's {@code ModuleManagementToolException}, and exits 1.
 */
public final class MmtException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MmtException(String message) {
        super(message);
    }

    public MmtException(String message, Throwable cause) {
        super(message, cause);
    }
}
