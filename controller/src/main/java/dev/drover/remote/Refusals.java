package dev.drover.remote;

/**
 * Turns what a become method printed when it did not run the agent into a message that names the
 * host and the user, says why and what to do. Methods run with {@code LC_MESSAGES=C} ({@link
 * BecomeScript}), so their English texts are matched; anything unrecognised is quoted as written.
 *
 * <p>The texts only ever hold what the method and the shell printed: neither sudo {@code -S} nor
 * su echoes a password, and sudo's prompt marker is removed by {@link #clean}.
 */
abstract sealed class Refusals permits SudoRefusals, SuRefusals {
    private final String host;
    final String user;
    private final String marker;

    /** @param marker text of ours to remove from what is quoted (sudo's prompt), or null */
    Refusals(String host, String user, String marker) {
        this.host = host;
        this.user = user;
        this.marker = marker;
    }

    String host() {
        return host;
    }

    /** The method's output without our prompt marker (noise to a reader). */
    String clean(String text) {
        return marker == null ? text : text.replace(marker, "");
    }

    /** The method asked for a password and none was given. */
    abstract AgentException needsPassword();

    /** The method rejected the password given. */
    abstract AgentException incorrectPassword();

    /** The method (or the shell before it) ended the exec before the become user's script said anything. */
    abstract AgentException explain(String output, int exitCode);

    AgentException refused(PasswordFeeder.Refusal why) {
        return why == PasswordFeeder.Refusal.MISSING ? needsPassword() : incorrectPassword();
    }
}
