package dev.drover.remote;

/**
 * The agent went away after it had started: the connection dropped or the process died. The host is
 * unreachable for the rest of the run (as opposed to an agent that could not start, a host failure).
 */
public class AgentLostException extends AgentException {
    private static final long serialVersionUID = 1L;

    /** Whether the host had acknowledged claiming the step in flight ({@code claimed} frame). */
    private final boolean stepClaimed;

    public AgentLostException(String message, Throwable cause) {
        this(message, cause, false);
    }

    /**
     * @param stepClaimed the agent had sent {@code claimed} for the keyed step in flight: the step
     *                    started on the host, so sending it again may only attach to it
     */
    public AgentLostException(String message, Throwable cause, boolean stepClaimed) {
        super(message, cause);
        this.stepClaimed = stepClaimed;
    }

    public boolean stepClaimed() {
        return stepClaimed;
    }
}
