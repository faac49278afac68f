package dev.drover.cli;

import java.io.PrintWriter;

/**
 * Turns an exception that escaped a command into a message and an exit code. Errors the user can
 * cause (bad files, bad patterns, bad variables) are {@link UserError}s: one clear line, exit 4.
 * Anything else is a bug: a short message, a hint to rerun with {@code --debug}, exit 250.
 */
final class Failures {
    private Failures() {
    }

    static int report(Exception ex, PrintWriter err, boolean debug) {
        if (ex instanceof UserError user) {
            err.println("ERROR: " + user.getMessage());
            err.flush();
            return user.exitCode();
        }
        if (ex instanceof InterruptedException) {
            err.println("drover: interrupted");
            return ExitCodes.INTERRUPTED;
        }
        err.println("drover: internal error: " + ex);
        if (debug) {
            ex.printStackTrace(err);
        } else {
            err.println("This is a bug in drover. Rerun with --debug for the stack trace and report it.");
        }
        err.flush();
        return ExitCodes.INTERNAL_ERROR;
    }
}
