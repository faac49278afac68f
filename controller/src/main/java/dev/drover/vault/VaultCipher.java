package dev.drover.vault;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Ansible's {@code VaultAES256}, with the JDK's primitives only (no provider registration): a key of
 * 80 bytes is derived from the password and a random 32-byte salt by PBKDF2-HMAC-SHA256 with 10000
 * iterations; its first 32 bytes are the AES-256-CTR key, the next 32 the HMAC-SHA256 key, the last
 * 16 the counter's initial value. The plaintext is PKCS#7-padded to the AES block, encrypted, and the
 * HMAC is taken over the ciphertext. The vault text is
 * {@code hex(hex(salt) \n hex(hmac) \n hex(ciphertext))}, as {@code lib/ansible/parsing/vault} writes
 * it. Stateless and thread-safe.
 */
public final class VaultCipher {
    private static final int ITERATIONS = 10000;
    private static final int KEY = 32;
    private static final int IV = 16;
    private static final HexFormat HEX = HexFormat.of();
    private static final SecureRandom RANDOM = new SecureRandom();

    private VaultCipher() {
    }

    /** The hex body of an envelope (without the header), from plaintext bytes. */
    public static String encrypt(byte[] plaintext, char[] password) {
        byte[] salt = new byte[32];
        RANDOM.nextBytes(salt);
        try {
            byte[] derived = derive(password, salt);
            Cipher aes = Cipher.getInstance("AES/CTR/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(derived, 0, KEY, "AES"),
                    new IvParameterSpec(Arrays.copyOfRange(derived, 2 * KEY, 2 * KEY + IV)));
            byte[] ciphertext = aes.doFinal(pad(plaintext));
            byte[] hmac = hmac(derived, ciphertext);
            String inner = HEX.formatHex(salt) + "\n" + HEX.formatHex(hmac) + "\n" + HEX.formatHex(ciphertext);
            return HEX.formatHex(inner.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks AES-CTR, HMAC-SHA256 or PBKDF2: " + e, e);
        }
    }

    /**
     * @param body the hex body, line breaks removed
     * @throws VaultException when the body is malformed or the password does not match (HMAC mismatch)
     */
    public static byte[] decrypt(String body, char[] password) throws VaultException {
        String inner;
        byte[] salt;
        byte[] expectedHmac;
        byte[] ciphertext;
        try {
            inner = new String(HEX.parseHex(body), StandardCharsets.US_ASCII);
            String[] parts = inner.split("\n", 3);
            if (parts.length != 3) {
                throw new VaultException("the vault text is malformed (expected salt, HMAC and ciphertext)");
            }
            salt = HEX.parseHex(parts[0].strip());
            expectedHmac = HEX.parseHex(parts[1].strip());
            ciphertext = HEX.parseHex(parts[2].strip());
        } catch (IllegalArgumentException e) {
            throw new VaultException("the vault text is not valid hexadecimal; was it truncated or edited?");
        }
        try {
            byte[] derived = derive(password, salt);
            if (!MessageDigest.isEqual(expectedHmac, hmac(derived, ciphertext))) {
                throw new VaultException("wrong vault password (HMAC mismatch)");
            }
            Cipher aes = Cipher.getInstance("AES/CTR/NoPadding");
            aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(derived, 0, KEY, "AES"),
                    new IvParameterSpec(Arrays.copyOfRange(derived, 2 * KEY, 2 * KEY + IV)));
            return unpad(aes.doFinal(ciphertext));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks AES-CTR, HMAC-SHA256 or PBKDF2: " + e, e);
        }
    }

    private static byte[] derive(char[] password, byte[] salt) throws GeneralSecurityException {
        // The JDK's PBKDF2 encodes the password as UTF-8, as Ansible's to_bytes does.
        PBEKeySpec spec = new PBEKeySpec(password, salt, ITERATIONS, (2 * KEY + IV) * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } finally {
            spec.clearPassword();
        }
    }

    private static byte[] hmac(byte[] derived, byte[] ciphertext) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(derived, KEY, KEY, "HmacSHA256"));
        return mac.doFinal(ciphertext);
    }

    private static byte[] pad(byte[] data) {
        int n = 16 - data.length % 16;
        byte[] out = Arrays.copyOf(data, data.length + n);
        Arrays.fill(out, data.length, out.length, (byte) n);
        return out;
    }

    private static byte[] unpad(byte[] data) throws VaultException {
        int n = data.length == 0 ? 0 : data[data.length - 1] & 0xff;
        if (n < 1 || n > 16 || n > data.length) {
            throw new VaultException("the decrypted vault text has bad padding");
        }
        return Arrays.copyOf(data, data.length - n);
    }
}
