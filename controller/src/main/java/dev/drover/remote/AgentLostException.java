package dev.drover.remote;

/**
 * The agent went away after it had started: the connection dropped or the process died. The host is
 * unreachable for the rest of the run (as opposed to an agent that could not start, a host failure).
 */
public class AgentLostException extends AgentException {
    private static final long serialVersionUID = 1L;

    public AgentLostException(String message, Throwable cause) {
        super(message, cause);
    }
}
