package dev.drover.transport.ssh;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;
import net.schmizz.sshj.common.Buffer;

/**
 * SSH public keys as OpenSSH shows them: the wire blob, its key type name, the
 * {@code SHA256:base64-without-padding} fingerprint and known_hosts lines.
 */
final class HostKeyFormat {
    private HostKeyFormat() {
    }

    /** The SSH wire encoding of a public key (what known_hosts stores base64-encoded). */
    static byte[] blob(PublicKey key) {
        return new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
    }

    /** The key type named inside a blob, e.g. {@code ssh-ed25519}; "unknown" when unreadable. */
    static String keyType(byte[] blob) {
        String t = keyTypeOrNull(blob);
        return t == null ? "unknown" : t;
    }

    static String keyTypeOrNull(byte[] blob) {
        if (blob.length < 4) {
            return null;
        }
        int len = ((blob[0] & 0xff) << 24) | ((blob[1] & 0xff) << 16) | ((blob[2] & 0xff) << 8) | (blob[3] & 0xff);
        if (len <= 0 || len > 64 || 4 + len > blob.length) {
            return null;
        }
        return new String(blob, 4, len, StandardCharsets.US_ASCII);
    }

    /** {@code SHA256:...} exactly as {@code ssh-keygen -lf} and OpenSSH's prompts print it. */
    static String fingerprint(byte[] blob) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** {@code ssh-ed25519 key SHA256:...}, for messages. */
    static String describe(byte[] blob) {
        return keyType(blob) + " key " + fingerprint(blob);
    }

    /** A plain (unhashed) known_hosts line for {@code name} as {@link KnownHosts#lookupName} builds it. */
    static String knownHostsLine(String name, byte[] blob) {
        return name + " " + keyType(blob) + " " + Base64.getEncoder().encodeToString(blob);
    }
}
