package dev.drover.transport.ssh;

import dev.drover.transport.CredentialPrompt;
import dev.drover.transport.TransportException;
import dev.drover.transport.TransportException.Kind;
import dev.drover.transport.ssh.SshTarget.Identity;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import net.schmizz.sshj.Config;
import net.schmizz.sshj.common.Factory;
import net.schmizz.sshj.userauth.keyprovider.FileKeyProvider;
import net.schmizz.sshj.userauth.keyprovider.KeyFormat;
import net.schmizz.sshj.userauth.keyprovider.KeyPairWrapper;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import net.schmizz.sshj.userauth.keyprovider.KeyProviderUtil;
import com.hierynomus.sshj.common.KeyDecryptionFailedException;

/**
 * Reads and, when encrypted, decrypts private key files before connecting, so that a passphrase is
 * never asked for while an SSH handshake waits on it (sshj would time out) and so that one answer
 * serves every host of the run: results are cached per file for the loader's lifetime (one factory,
 * one run).
 *
 * <p>Explicitly configured keys must load: a missing, unreadable, unsupported or locked one is a
 * CONFIG error naming the file. Keys from ssh_config or the defaults are skipped when unusable, as
 * OpenSSH skips them; the reasons are kept for the authentication error message, and a key skipped
 * only for want of a passphrase turns a later authentication failure into a CONFIG error saying how
 * to supply one.
 *
 * <p>Formats: OpenSSH ({@code BEGIN OPENSSH PRIVATE KEY}, bcrypt KDF done by sshj itself), PEM and
 * PKCS#8 (read with the JDK; legacy encrypted PEM through BouncyCastle's lightweight API, loaded only
 * then), PuTTY. No JCA provider is registered for any of them.
 *
 * <p>Thread-safe: loading is serialised, so two connections never prompt at the same time.
 */
final class IdentityLoader {
    /** A usable key: the provider sshj signs with, and how to name it in messages. */
    record LoadedKey(Identity identity, KeyProvider keys, String description) {
    }

    /** The keys to offer, notes on keys skipped, and which keys were skipped for want of a passphrase. */
    record Loaded(List<LoadedKey> keys, List<String> skipped, List<Path> locked) {
    }

    private sealed interface Outcome permits Ready, Skipped, Locked {
    }

    private record Ready(KeyProvider keys, String description) implements Outcome {
    }

    private record Skipped(String reason) implements Outcome {
    }

    private record Locked() implements Outcome {
    }

    private final Config sshConfig;
    private final Function<String, String> env;
    private final Map<Path, Outcome> cache = new HashMap<>();

    IdentityLoader(Config sshConfig, Function<String, String> env) {
        this.sshConfig = sshConfig;
        this.env = env;
    }

    synchronized Loaded load(List<Identity> identities, CredentialPrompt prompt, String host)
            throws TransportException {
        List<LoadedKey> keys = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<Path> locked = new ArrayList<>();
        for (Identity id : identities) {
            Path key = id.path().toAbsolutePath().normalize();
            Outcome o = cache.get(key);
            if (o == null) {
                o = read(id, key, prompt, host);
                cache.put(key, o);
            }
            if (o instanceof Ready r) {
                keys.add(new LoadedKey(id, r.keys(), r.description()));
            } else if (o instanceof Skipped s) {
                skipped.add(key + " (" + id.origin() + "): " + s.reason());
            } else {
                locked.add(key);
                skipped.add(key + " (" + id.origin() + "): encrypted and no passphrase available");
            }
        }
        return new Loaded(List.copyOf(keys), List.copyOf(skipped), List.copyOf(locked));
    }

    private Outcome read(Identity id, Path key, CredentialPrompt prompt, String host) throws TransportException {
        boolean explicit = id.source() == SshTarget.Source.SETTINGS;
        if (!Files.exists(key)) {
            return unusable(explicit, host, key, id, "does not exist");
        }
        if (!Files.isReadable(key)) {
            return unusable(explicit, host, key, id, "is not readable by this user");
        }
        File file = key.toFile();
        KeyFormat format;
        try {
            format = KeyProviderUtil.detectKeyFileFormat(file);
        } catch (IOException e) {
            return unusable(explicit, host, key, id, "cannot be read: " + e.getMessage());
        }
        FileKeyProvider provider = Factory.Named.Util.create(sshConfig.getFileKeyProviderFactories(), format.toString());
        if (format == KeyFormat.Unknown || provider == null) {
            return unusable(explicit, host, key, id,
                    "is not a private key in a supported format (OpenSSH, PEM, PKCS#8 or PuTTY)");
        }
        PassphraseSource passphrase = new PassphraseSource(key, env, prompt);
        provider.init(file, passphrase);
        try {
            PrivateKey priv = provider.getPrivate();
            PublicKey pub = provider.getPublic();
            String description = provider.getType() + " key " + key;
            return new Ready(new KeyPairWrapper(new KeyPair(pub, priv)), description);
        } catch (PassphraseSource.Unavailable e) {
            if (passphrase.triedEnvironment()) {
                return wrongPassphrase(explicit, host, key, passphrase);
            }
            if (explicit) {
                throw new TransportException(Kind.CONFIG, host, "private key " + key + " is encrypted and no passphrase "
                        + "is available: set the environment variable " + SshEnvironment.PASSPHRASE_VARIABLE
                        + " to its passphrase, or run drover from a terminal to be asked for it.");
            }
            return new Locked();
        } catch (KeyDecryptionFailedException e) {
            return wrongPassphrase(explicit, host, key, passphrase);
        } catch (IOException | RuntimeException e) {
            if (passphrase.wasAsked() && isDecryptionFailure(e)) {
                return wrongPassphrase(explicit, host, key, passphrase);
            }
            return unusable(explicit, host, key, id, "cannot be loaded: " + e.getMessage());
        }
    }

    private static boolean isDecryptionFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof KeyDecryptionFailedException) {
                return true;
            }
        }
        return false;
    }

    /** A wrong passphrase: fatal for an explicitly configured key, a skipped key otherwise. */
    private static Outcome wrongPassphrase(boolean explicit, String host, Path key, PassphraseSource passphrase)
            throws TransportException {
        String from = passphrase.typedCount() > 0
                ? (passphrase.triedEnvironment() ? SshEnvironment.PASSPHRASE_VARIABLE + " and " : "")
                        + passphrase.typedCount() + " passphrase(s) typed at the prompt"
                : "the passphrase in " + SshEnvironment.PASSPHRASE_VARIABLE;
        if (!explicit) {
            return new Skipped("encrypted, and " + from + " did not decrypt it");
        }
        throw new TransportException(Kind.CONFIG, host, "cannot decrypt private key " + key + ": " + from
                + " did not match. Check the passphrase (ssh-keygen -y -f " + key + " asks for it and prints the "
                + "public key when it is right).");
    }

    private static Outcome unusable(boolean explicit, String host, Path key, Identity id, String why)
            throws TransportException {
        if (explicit) {
            throw new TransportException(Kind.CONFIG, host, "private key " + key + " (" + id.origin() + ") " + why
                    + ". Fix the path in the inventory (ansible_ssh_private_key_file) or the command line.");
        }
        return new Skipped(why);
    }
}
