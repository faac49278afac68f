package dev.drover.remote;

/**
 * The agent went away after it had started: the connection dropped or the process died. The host is
 * unreachable for the rest of the run (as opposed to an agent that could not start, a host failure).
 */
public class AgentLostException extends AgentException {
    private static final long serialVersionUID = 1L;

    /** Whether the host had acknowledged claiming the step in flight ({@code claimed} frame). */
    private final boolean stepClaimed;
    /** The step's process on the host as the agent last reported it, or -1. */
    private final long stepPid;

    public AgentLostException(String message, Throwable cause) {
        this(message, cause, false, -1);
    }

    /**
     * @param stepClaimed the agent had sent {@code claimed} for the keyed step in flight: the step
     *                    started on the host, so sending it again may only attach to it
     * @param stepPid     the step's process id the agent reported, or -1
     */
    public AgentLostException(String message, Throwable cause, boolean stepClaimed, long stepPid) {
        super(message, cause);
        this.stepClaimed = stepClaimed;
        this.stepPid = stepPid;
    }

    public boolean stepClaimed() {
        return stepClaimed;
    }

    public long stepPid() {
        return stepPid;
    }
}
