package dev.drover.remote;

/**
 * How an agent is started as another user: the program that switches user ({@code sudo} or
 * {@code su}, Ansible's become plugins of those names), how it asks for a password and how it
 * refuses. Everything after the switch, the become user's own jar cache and the agent's start, is
 * the same for every method ({@link BecomeScript}, {@link BecomeStart}).
 *
 * <p>Adding a method: a class here that builds its command around {@link BecomeScript}'s script,
 * says how its password prompt looks on stderr and explains its refusals; a case in {@link #named};
 * its name in {@link AgentOptions.Become#METHODS}.
 */
sealed interface BecomeMethod permits SudoMethod, SuMethod {

    /** The method called {@code name}; an unknown name is refused with the supported ones. */
    static BecomeMethod named(String name) throws AgentException {
        return switch (name) {
            case "sudo" -> new SudoMethod();
            case "su" -> new SuMethod();
            default -> throw new AgentException(AgentOptions.Become.unsupported(name));
        };
    }

    /**
     * One start's command and how to talk to it.
     *
     * @param user         the validated become user
     * @param withPassword whether a become password will be given
     * @param nonce        random per start (sudo's prompt marker is made of it)
     * @param script       {@link BecomeScript#innerScript}, to run as {@code user} with the login
     *     user's LC_MESSAGES as {@code $1}
     */
    Start prepare(String host, AgentOptions.Become become, String user, boolean withPassword, String nonce, String script)
            throws AgentException;

    /**
     * @param command  for {@link dev.drover.transport.Transport#exec}
     * @param prompt   watches stderr for the password prompt; null when the method cannot ask
     *     (sudo {@code -n})
     * @param refusals explains the method's refusals
     */
    record Start(String command, PasswordPrompt prompt, Refusals refusals) {
    }

    /** {@code become_exe} and {@code become_flags} go into the command as the user wrote them, as in Ansible. */
    static String checkedWords(String what, String value) throws AgentException {
        if (value != null && !value.codePoints().allMatch(c -> c >= ' ' && c != 0x7f)) {
            throw new AgentException(what + " '" + value.replaceAll("\\p{Cntrl}", "?")
                    + "' contains a line break or control character");
        }
        return value == null ? "" : value.strip();
    }
}
