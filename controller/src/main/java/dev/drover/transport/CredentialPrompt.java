package dev.drover.transport;

import dev.drover.secret.Secret;
import java.util.Optional;

/**
 * Asks the operator for a passphrase or password. The CLI supplies one backed by the terminal;
 * with no terminal (cron, CI) it is {@link #NONE}, which never blocks: the caller then fails with a
 * message saying which environment variable to set.
 */
@FunctionalInterface
public interface CredentialPrompt {
    CredentialPrompt NONE = question -> Optional.empty();

    /** @return the answer, or empty when nobody can be asked */
    Optional<Secret> ask(String question);

    /**
     * Tells the operator what was decided on their behalf (a host key recorded, an ssh option applied
     * differently); a line of the run's stderr, not a question. Never holds a secret.
     */
    default void tell(String notice) {
    }
}
