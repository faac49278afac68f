package dev.drover.acssim.tools;

/** A command line that cannot run: {@link ToolCommands} prints the message and the command's usage, exit 2. */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
