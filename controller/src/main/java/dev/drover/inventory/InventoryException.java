package dev.drover.inventory;

/**
 * A problem the user can fix in an inventory source, a host pattern or a limit. The message is
 * complete and meant to be printed as is: it starts with {@code file:line:column:} when the problem
 * has a place in a file, then says what is wrong and, where useful, what to do.
 *
 * <p>Checked, because every caller (the CLI, the runner) must turn it into a clean error line
 * rather than a stack trace.
 */
public class InventoryException extends Exception {
    private static final long serialVersionUID = 1L;

    public InventoryException(String message) {
        super(message);
    }

    public InventoryException(String message, Throwable cause) {
        super(message, cause);
    }

    /** An error at a place in a file; {@code file} is shown as the user wrote it. */
    public static InventoryException at(String file, int line, int column, String reason) {
        return new InventoryException(file + ":" + line + ":" + column + ": " + reason);
    }
}
