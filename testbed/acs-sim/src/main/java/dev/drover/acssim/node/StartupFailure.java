package dev.drover.acssim.node;

/** A start step failed; {@link Startup} logs the message as ERROR from {@code logger}, then the context failure. */
final class StartupFailure extends Exception {
    private static final long serialVersionUID = 1L;
    final String logger;

    StartupFailure(String logger, String message) {
        super(message);
        this.logger = logger;
    }
}
