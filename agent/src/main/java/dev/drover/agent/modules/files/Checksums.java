package dev.drover.agent.modules.files;

import dev.drover.agent.module.ModuleException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Hex digests of files and byte arrays. Ansible reports SHA-1 as {@code checksum} by default;
 * {@code stat} lets the user choose among {@link #ALGORITHMS}.
 */
public final class Checksums {
    /** Algorithm names as Ansible spells them, mapped to JDK names by {@link #jdkName}. */
    public static final String[] ALGORITHMS = {"md5", "sha1", "sha224", "sha256", "sha384", "sha512"};
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Checksums() {
    }

    public static String sha1(Path file) throws ModuleException {
        return of(file, "sha1");
    }

    public static String sha1(byte[] bytes) {
        MessageDigest md = digest("sha1");
        return hex(md.digest(bytes));
    }

    public static String of(Path file, String algorithm) throws ModuleException {
        MessageDigest md = digest(algorithm);
        byte[] buffer = new byte[65536];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                md.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new ModuleException("cannot read " + file + " for its checksum: " + e.getMessage(), e);
        }
        return hex(md.digest());
    }

    public static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(jdkName(algorithm));
        } catch (NoSuchAlgorithmException e) {
            // Every Java 8 runtime ships these; a missing one is a broken JRE, not a user error.
            throw new IllegalStateException("JRE lacks digest " + algorithm, e);
        }
    }

    public static String hex(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX[(bytes[i] >> 4) & 0xF];
            out[2 * i + 1] = HEX[bytes[i] & 0xF];
        }
        return new String(out);
    }

    private static String jdkName(String algorithm) {
        switch (algorithm) {
            case "md5": return "MD5";
            case "sha1": return "SHA-1";
            case "sha224": return "SHA-224";
            case "sha256": return "SHA-256";
            case "sha384": return "SHA-384";
            case "sha512": return "SHA-512";
            default: throw new IllegalArgumentException("unknown checksum algorithm " + algorithm);
        }
    }
}
