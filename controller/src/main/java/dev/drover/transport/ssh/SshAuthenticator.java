package dev.drover.transport.ssh;

import dev.drover.secret.Secret;
import dev.drover.transport.TransportException;
import dev.drover.transport.TransportException.Kind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.method.AuthKeyboardInteractive;
import net.schmizz.sshj.userauth.method.AuthMethod;
import net.schmizz.sshj.userauth.method.AuthPassword;
import net.schmizz.sshj.userauth.method.AuthPublickey;
import net.schmizz.sshj.userauth.method.PasswordResponseProvider;
import net.schmizz.sshj.userauth.password.PasswordFinder;
import net.schmizz.sshj.userauth.password.Resource;

/**
 * Logs in on a connected client: each loaded key (public key; sshj signs RSA with rsa-sha2-512, then
 * rsa-sha2-256, before ssh-rsa), then the password if one is set, offered both as {@code password}
 * and as {@code keyboard-interactive} (answering the password prompt), as OpenSSH clients do.
 *
 * <p>A failure names the user, the host, every method and key tried, the keys skipped and why, and
 * the methods the server accepts. When keys were skipped only because no passphrase was available,
 * the failure is a CONFIG error telling how to supply one: that is what the operator must fix.
 */
final class SshAuthenticator {
    private SshAuthenticator() {
    }

    static void authenticate(SSHClient client, SshTarget target, IdentityLoader.Loaded keys, Secret password,
            SshEnvironment env) throws TransportException {
        List<AuthMethod> methods = new ArrayList<>();
        List<String> tried = new ArrayList<>();
        for (IdentityLoader.LoadedKey k : keys.keys()) {
            methods.add(new AuthPublickey(k.keys()));
            tried.add("publickey with " + k.description());
        }
        if (password != null) {
            PasswordFinder finder = new OneSecret(password);
            methods.add(new AuthPassword(finder));
            methods.add(new AuthKeyboardInteractive(new PasswordResponseProvider(finder)));
            tried.add("password");
            tried.add("keyboard-interactive (password)");
        }
        if (methods.isEmpty()) {
            throw nothingToOffer(target, keys, env);
        }
        try {
            client.auth(target.user(), methods);
        } catch (UserAuthException e) {
            throw refused(client, target, keys, tried, e);
        } catch (net.schmizz.sshj.transport.TransportException e) {
            throw new TransportException(Kind.AUTH, target.inventoryName(), "authentication as '" + target.user()
                    + "' on " + where(target) + " failed: the server closed the connection (" + e.getMessage()
                    + "). Tried: " + String.join("; ", tried) + ". Too many keys offered can exceed the server's "
                    + "MaxAuthTries: name the right one with ansible_ssh_private_key_file.", e);
        }
    }

    private static TransportException refused(SSHClient client, SshTarget target, IdentityLoader.Loaded keys,
            List<String> tried, UserAuthException e) {
        String accepted = String.join(",", client.getUserAuth().getAllowedMethods());
        StringBuilder m = new StringBuilder();
        m.append("authentication as '").append(target.user()).append("' on ").append(where(target))
                .append(" failed. Tried: ").append(String.join("; ", tried)).append('.');
        if (!keys.skipped().isEmpty()) {
            m.append(" Skipped: ").append(String.join("; ", keys.skipped())).append('.');
        }
        if (!accepted.isEmpty()) {
            m.append(" The server accepts: ").append(accepted).append('.');
        }
        if (!keys.locked().isEmpty()) {
            m.append(' ').append(passphraseAdvice(keys.locked()));
            return new TransportException(Kind.CONFIG, target.inventoryName(), m.toString(), e);
        }
        m.append(target.hopName() == null ? " Check the user (ansible_user)"
                : " Check the jump host's user (user@ in the jump setting, or User in ~/.ssh/config)")
                .append(", that the public key is in ~").append(target.user())
                .append("/.ssh/authorized_keys on the host, or the password.");
        return new TransportException(Kind.AUTH, target.inventoryName(), m.toString(), e);
    }

    private static TransportException nothingToOffer(SshTarget target, IdentityLoader.Loaded keys, SshEnvironment env) {
        if (!keys.locked().isEmpty()) {
            return new TransportException(Kind.CONFIG, target.inventoryName(), "cannot log in to " + where(target)
                    + ": " + passphraseAdvice(keys.locked()));
        }
        String looked = keys.skipped().isEmpty()
                ? "none of " + env.defaultIdentityFiles().stream().map(Path::toString).collect(Collectors.joining(", "))
                        + " exists"
                : String.join("; ", keys.skipped());
        return new TransportException(Kind.AUTH, target.inventoryName(), "no credentials to log in to "
                + where(target) + " as '" + target.user() + "': no usable private key (" + looked
                + ") and no password. Name a key with ansible_ssh_private_key_file or IdentityFile in ~/.ssh/config, "
                + "or set ansible_password.");
    }

    private static String passphraseAdvice(List<Path> locked) {
        return "Private key(s) " + locked.stream().map(Path::toString).collect(Collectors.joining(", "))
                + " are encrypted and no passphrase is available: set the environment variable "
                + SshEnvironment.PASSPHRASE_VARIABLE + ", or run drover from a terminal to be asked.";
    }

    private static String where(SshTarget t) {
        return t.label();
    }

    /** Answers with the same password every time it is asked; never retries a refused one. */
    private record OneSecret(Secret secret) implements PasswordFinder {
        @Override
        public char[] reqPassword(Resource<?> resource) {
            return secret.reveal();
        }

        @Override
        public boolean shouldRetry(Resource<?> resource) {
            return false;
        }
    }
}
