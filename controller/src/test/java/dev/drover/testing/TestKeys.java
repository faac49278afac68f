package dev.drover.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;

/**
 * Writes client key files for tests, the way an operator's {@code ~/.ssh} holds them: a private key
 * file (mode 600) and a {@code .pub} beside it.
 *
 * <p>{@link #generate} uses {@code ssh-keygen} when it is installed (the files are then exactly what
 * OpenSSH writes) and falls back to {@link #generateWithJava} otherwise, so tests run with only Java
 * and Maven. Passphrases must be at least five characters (ssh-keygen refuses shorter ones for PEM).
 */
public final class TestKeys {
    static {
        MinaSecurity.init();
    }

    private static final Path SSH_KEYGEN = Path.of("/usr/bin/ssh-keygen");

    public enum Type {
        ED25519("ed25519", KeyPairTypes.ED25519, 256),
        ECDSA("ecdsa", KeyPairTypes.ECDSA, 256),
        RSA("rsa", KeyPairTypes.RSA, 2048);

        private final String keygenName;
        private final String sshName;
        private final int bits;

        Type(String keygenName, String sshName, int bits) {
            this.keygenName = keygenName;
            this.sshName = sshName;
            this.bits = bits;
        }
    }

    /** OPENSSH: {@code BEGIN OPENSSH PRIVATE KEY}. PEM: {@code BEGIN RSA/EC PRIVATE KEY} (RSA and ECDSA only). */
    public enum Format {
        OPENSSH, PEM
    }

    /** A written key: the private key file, its public key and the {@code .pub} line. */
    public record KeyFile(Path privateKey, PublicKey publicKey, String publicLine) {
    }

    private TestKeys() {
    }

    public static boolean sshKeygenAvailable() {
        return Files.isExecutable(SSH_KEYGEN);
    }

    /** An unencrypted OpenSSH-format key. */
    public static KeyFile generate(Path file, Type type) throws IOException {
        return generate(file, type, Format.OPENSSH, null);
    }

    /** @param passphrase null for an unencrypted key */
    public static KeyFile generate(Path file, Type type, Format format, String passphrase) throws IOException {
        return sshKeygenAvailable()
                ? generateWithSshKeygen(file, type, format, passphrase)
                : generateWithJava(file, type, format, passphrase);
    }

    public static KeyFile generateWithSshKeygen(Path file, Type type, Format format, String passphrase)
            throws IOException {
        checkFormat(type, format);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.deleteIfExists(file);
        Files.deleteIfExists(pubFile(file));
        List<String> cmd = new ArrayList<>(List.of(SSH_KEYGEN.toString(), "-q", "-t", type.keygenName,
                "-b", Integer.toString(type.bits), "-N", passphrase == null ? "" : passphrase,
                "-C", "test@drover", "-f", file.toString()));
        if (format == Format.PEM) {
            cmd.addAll(List.of("-m", "PEM"));
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                throw new IOException("ssh-keygen failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        String line = Files.readString(pubFile(file)).trim();
        return new KeyFile(file, parsePublicLine(line), line);
    }

    public static KeyFile generateWithJava(Path file, Type type, Format format, String passphrase)
            throws IOException {
        checkFormat(type, format);
        Files.createDirectories(file.toAbsolutePath().getParent());
        KeyPair pair;
        try {
            pair = KeyUtils.generateKeyPair(type.sshName, type.bits);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot generate " + type, e);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            if (format == Format.OPENSSH) {
                OpenSSHKeyEncryptionContext encryption = null;
                if (passphrase != null) {
                    encryption = new OpenSSHKeyEncryptionContext();
                    encryption.setCipherType("256");
                    encryption.setPassword(passphrase);
                }
                OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, "test@drover", encryption, out);
            } else {
                out.write(pem(pair, passphrase).getBytes(StandardCharsets.US_ASCII));
            }
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot write " + file, e);
        }
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        String line = PublicKeyEntry.toString(pair.getPublic()) + " test@drover";
        Files.writeString(pubFile(file), line + "\n");
        return new KeyFile(file, pair.getPublic(), line);
    }

    /** Traditional OpenSSL PEM, encrypted with AES-128-CBC as {@code ssh-keygen -m PEM} does; PKCS#8 when clear. */
    private static String pem(KeyPair pair, String passphrase) throws IOException {
        if (passphrase == null) {
            String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(pair.getPrivate().getEncoded());
            return "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
        }
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            // OpenSSL's key derivation exists only in BouncyCastle: pass an instance, never register it.
            writer.writeObject(pair, new JcePEMEncryptorBuilder("AES-128-CBC").setProvider(new BouncyCastleProvider())
                    .build(passphrase.toCharArray()));
        }
        return text.toString();
    }

    private static void checkFormat(Type type, Format format) {
        if (format == Format.PEM && type == Type.ED25519) {
            throw new IllegalArgumentException("ssh-keygen writes ed25519 keys only in OpenSSH format");
        }
    }

    private static Path pubFile(Path file) {
        return file.resolveSibling(file.getFileName() + ".pub");
    }

    private static PublicKey parsePublicLine(String line) throws IOException {
        try {
            return AuthorizedKeyEntry.parseAuthorizedKeyEntry(line).resolvePublicKey(null, PublicKeyEntryResolver.FAILING);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot parse public key " + line, e);
        }
    }

    /** MINA's names for the key algorithms. */
    private static final class KeyPairTypes {
        static final String ED25519 = "ssh-ed25519";
        static final String ECDSA = "ecdsa-sha2-nistp256";
        static final String RSA = "ssh-rsa";
    }
}
