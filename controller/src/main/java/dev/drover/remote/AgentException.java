package dev.drover.remote;

/**
 * The agent could not be started or was lost: missing or too old java, upload verification failed,
 * protocol mismatch, the agent died mid-request. The message names the cause and what to do; the
 * caller adds the host.
 */
public class AgentException extends Exception {
    private static final long serialVersionUID = 1L;

    public AgentException(String message) {
        super(message);
    }

    public AgentException(String message, Throwable cause) {
        super(message, cause);
    }
}
