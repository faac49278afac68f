package dev.drover.cli;

/**
 * An error the user caused and can fix, already worded for them (file:line:column or host, cause,
 * what to do). Commands wrap domain exceptions (inventory, playbook, host variables) in this.
 */
final class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    UserError(String message) {
        this(message, ExitCodes.BAD_INPUT);
    }

    UserError(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
