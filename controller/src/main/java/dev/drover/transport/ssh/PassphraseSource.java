package dev.drover.transport.ssh;

import dev.drover.secret.Secret;
import dev.drover.transport.CredentialPrompt;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import net.schmizz.sshj.userauth.password.PasswordFinder;
import net.schmizz.sshj.userauth.password.Resource;

/**
 * Supplies the passphrase of one encrypted key file to sshj's key readers: first the
 * {@code DROVER_SSH_PASSPHRASE} environment variable, then the operator through the
 * {@link CredentialPrompt} (up to three tries, as OpenSSH allows). When neither can answer it
 * throws {@link Unavailable} instead of returning an empty passphrase, so the caller can fail with a
 * message rather than a "wrong passphrase". It never blocks by itself: with no terminal the prompt is
 * {@link CredentialPrompt#NONE}, which answers empty at once.
 *
 * <p>Used by one thread for one key file, only while the key is being decrypted.
 */
final class PassphraseSource implements PasswordFinder {
    private static final int PROMPT_TRIES = 3;

    /** Nobody could supply a passphrase (no environment variable, no terminal, or the operator declined). */
    static final class Unavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unavailable() {
            super(null, null, false, false);
        }
    }

    private final Path keyFile;
    private final Function<String, String> env;
    private final CredentialPrompt prompt;
    private boolean envTried;
    private int prompted;
    private int typed;
    private boolean asked;

    PassphraseSource(Path keyFile, Function<String, String> env, CredentialPrompt prompt) {
        this.keyFile = keyFile;
        this.env = env;
        this.prompt = prompt;
    }

    @Override
    public char[] reqPassword(Resource<?> resource) {
        asked = true;
        if (!envTried) {
            envTried = true;
            String fromEnv = env.apply(SshEnvironment.PASSPHRASE_VARIABLE);
            if (fromEnv != null && !fromEnv.isEmpty()) {
                return fromEnv.toCharArray();
            }
        }
        String question = prompted == 0
                ? "Enter passphrase for key '" + keyFile + "': "
                : "Bad passphrase, try again for '" + keyFile + "': ";
        prompted++;
        Optional<Secret> answer = prompt.ask(question);
        if (answer.isEmpty() || answer.get().isEmpty()) {
            throw new Unavailable();
        }
        typed++;
        // sshj blanks the array it gets; reveal() hands out a fresh copy each time.
        return answer.get().reveal();
    }

    @Override
    public boolean shouldRetry(Resource<?> resource) {
        return prompted < PROMPT_TRIES;
    }

    /** Whether a passphrase was requested at all, i.e. the key is encrypted. */
    boolean wasAsked() {
        return asked;
    }

    /** Whether the environment variable supplied a passphrase that was tried. */
    boolean triedEnvironment() {
        String fromEnv = env.apply(SshEnvironment.PASSPHRASE_VARIABLE);
        return envTried && fromEnv != null && !fromEnv.isEmpty();
    }

    /** How many passphrases the operator typed. */
    int typedCount() {
        return typed;
    }
}
