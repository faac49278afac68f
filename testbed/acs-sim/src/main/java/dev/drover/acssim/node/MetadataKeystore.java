package dev.drover.acssim.node;

import dev.drover.acssim.schema.Schema;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Base64;
import java.util.Properties;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.spec.IvParameterSpec;

/**
 * ACS's EncryptionChecker on the metadata keystore ({@code dir.keystore/keystore}, JCEKS, passwords in
 * {@code keystore-passwords.properties}), as AlfrescoKeyStoreImpl.validateKeys decides:
 * <ul>
 *   <li>no key, not registered in the database: create the keystore and the key, register it;</li>
 *   <li>no key, registered: fail, {@code Key metadata is missing from keystore <location>};</li>
 *   <li>a key, not registered: register it;</li>
 *   <li>a key, registered, but not the one registered: fail, {@code The key with alias metadata has been
 *       changed, re-instate the previous keystore}.</li>
 * </ul>
 * Registering stores a GUID and the GUID sealed with the key (DESede/CBC), as EncryptionKeysRegistryImpl
 * does; checking unseals it. A failure halts the webapp's start ({@code Keystores are invalid}).
 */
final class MetadataKeystore {
    static final String ALIAS = "metadata";
    static final String KEYSTORE = "keystore";
    static final String PASSWORDS = "keystore-passwords.properties";
    private static final String CONTEXT = "org.springframework.web.context.ContextLoader";
    private static final String KEYSTORE_LOGGER = "org.alfresco.encryption.AlfrescoKeyStoreImpl";
    private static final String REGISTRY_LOGGER = "org.alfresco.encryption.EncryptionKeysRegistryImpl";
    private static final String CIPHER = "DESede/CBC/PKCS5Padding";

    private final NodeLog log;
    private final Path dir;

    MetadataKeystore(NodeLog log, Path dir) {
        this.log = log;
        this.dir = dir;
    }

    Path location() {
        return dir.resolve(KEYSTORE);
    }

    void check(Connection c) throws SQLException, StartupFailure {
        ensureRegistry(c);
        Key key = load();
        String[] registered = registered(c);
        if (key == null) {
            if (registered != null) {
                throw invalid("org.alfresco.encryption.MissingKeyException: Key " + ALIAS
                        + " is missing from keystore " + location());
            }
            register(c, create());
            return;
        }
        if (registered == null) {
            register(c, key);
        } else if (!registered[0].equals(unseal(key, registered[1]))) {
            throw invalid("org.alfresco.encryption.InvalidKeystoreException: The key with alias " + ALIAS
                    + " has been changed, re-instate the previous keystore");
        }
    }

    private StartupFailure invalid(String cause) {
        return new StartupFailure(CONTEXT, "Context initialization failed\norg.alfresco.error.AlfrescoRuntimeException:"
                + " 05050000 Keystores are invalid\nCaused by: " + cause);
    }

    /** The key in the keystore, or null when there is no keystore file. */
    private Key load() throws StartupFailure {
        if (!Files.isRegularFile(location())) {
            log.warn(KEYSTORE_LOGGER, "Keystore file doesn't exist: " + location());
            return null;
        }
        try (InputStream in = Files.newInputStream(location())) {
            Properties pw = passwords();
            KeyStore ks = KeyStore.getInstance("JCEKS");
            ks.load(in, pw.getProperty("keystore.password", "").toCharArray());
            return ks.getKey(ALIAS, pw.getProperty(ALIAS + ".password", "").toCharArray());
        } catch (IOException | GeneralSecurityException e) {
            throw invalid("org.alfresco.error.AlfrescoRuntimeException: Failed to initialize keystore: \n   Location: "
                    + location() + "\n   Provider: null\n   Type:     JCEKS: " + e);
        }
    }

    private Properties passwords() throws IOException {
        Properties p = new Properties();
        Path file = dir.resolve(PASSWORDS);
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
            }
        }
        return p;
    }

    /** A new DESede key in a new keystore; the passwords file is written first when there is none. */
    private Key create() throws StartupFailure {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(PASSWORDS);
            if (!Files.isRegularFile(file)) {
                String text = "aliases=" + ALIAS + "\nkeystore.password=" + random() + "\n" + ALIAS + ".keyData=\n"
                        + ALIAS + ".algorithm=DESede\n" + ALIAS + ".password=" + random() + "\n";
                Files.write(file, text.getBytes(StandardCharsets.ISO_8859_1));
            }
            Properties pw = passwords();
            Key key = KeyGenerator.getInstance("DESede").generateKey();
            KeyStore ks = KeyStore.getInstance("JCEKS");
            ks.load(null, null);
            ks.setKeyEntry(ALIAS, key, pw.getProperty(ALIAS + ".password", "").toCharArray(), null);
            try (OutputStream out = Files.newOutputStream(location())) {
                ks.store(out, pw.getProperty("keystore.password", "").toCharArray());
            }
            log.info(KEYSTORE_LOGGER, "Created key: " + ALIAS + "\n in key store: \n   Location: " + location()
                    + "\n   Provider: null\n   Type:     JCEKS");
            return key;
        } catch (IOException | GeneralSecurityException e) {
            throw invalid("org.alfresco.error.AlfrescoRuntimeException: Failed to create key: " + ALIAS
                    + "\n in key store: \n   Location: " + location() + ": " + e);
        }
    }

    private static String random() {
        byte[] b = new byte[8];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private void register(Connection c, Key key) throws SQLException, StartupFailure {
        String guid = UUID.randomUUID().toString();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO alf_key_check (key_alias, guid, sealed) VALUES (?, ?, ?)")) {
            ps.setString(1, ALIAS);
            ps.setString(2, guid);
            ps.setString(3, seal(key, guid));
            ps.executeUpdate();
        }
        log.info(REGISTRY_LOGGER, "Registered key " + ALIAS);
    }

    /** {guid, sealed} of the registered key, or null. */
    private static String[] registered(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT guid, sealed FROM alf_key_check WHERE key_alias = ?")) {
            ps.setString(1, ALIAS);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new String[] {rs.getString(1), rs.getString(2)} : null;
            }
        }
    }

    /** A database created by an older simulator has no registry yet: every key in it is unregistered. */
    private static void ensureRegistry(Connection c) throws SQLException {
        if (!Schema.tableExists(c, Schema.KEY_CHECK)) {
            try (Statement s = c.createStatement()) {
                s.executeUpdate("CREATE TABLE alf_key_check (key_alias VARCHAR(64) NOT NULL PRIMARY KEY,"
                        + " guid VARCHAR(64) NOT NULL, sealed VARCHAR(256) NOT NULL)");
            }
        }
    }

    private String seal(Key key, String guid) throws StartupFailure {
        try {
            Cipher cipher = Cipher.getInstance(CIPHER);
            cipher.init(Cipher.ENCRYPT_MODE, key);
            byte[] iv = cipher.getIV();
            byte[] body = cipher.doFinal(guid.getBytes(StandardCharsets.UTF_8));
            byte[] all = Arrays.copyOf(iv, iv.length + body.length);
            System.arraycopy(body, 0, all, iv.length, body.length);
            return Base64.getEncoder().encodeToString(all);
        } catch (GeneralSecurityException e) {
            throw invalid("org.alfresco.error.AlfrescoRuntimeException: cannot seal with key " + ALIAS + ": " + e);
        }
    }

    /** The sealed GUID opened with {@code key}, or null when the key cannot open it (another key). */
    private static String unseal(Key key, String sealed) {
        try {
            byte[] all = Base64.getDecoder().decode(sealed);
            Cipher cipher = Cipher.getInstance(CIPHER);
            cipher.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(all, 0, 8));
            return new String(cipher.doFinal(all, 8, all.length - 8), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return null;
        }
    }
}
