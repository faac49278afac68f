package dev.drover.execute.play;

/**
 * The run cannot go on because of something the user wrote or passed (a host pattern that does not
 * parse, a vars file with a mistake, a bad {@code serial}); the message names the play or file and
 * what to fix. Hosts' own failures are results, never this.
 */
public class PlayException extends Exception {
    private static final long serialVersionUID = 1L;

    public PlayException(String message, Throwable cause) {
        super(message, cause);
    }
}
