package dev.drover.demo;

/**
 * The sandbox could not be set up or inspected: a tool is missing, a simulated node did not start, a
 * directory is unusable. The message is written for the operator: what failed, where its log is, and
 * what to do.
 */
public final class DemoException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DemoException(String message) {
        super(message);
    }

    public DemoException(String message, Throwable cause) {
        super(message, cause);
    }
}
