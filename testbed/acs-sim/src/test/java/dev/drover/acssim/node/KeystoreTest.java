package dev.drover.acssim.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.acssim.http.Repository.Status;
import dev.drover.acssim.persona.Persona;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The metadata keystore under dir.keystore and its registration in the database (AlfrescoKeyStoreImpl's rules). */
class KeystoreTest {
    @TempDir
    Path dir;

    private TestNode node(String name) throws Exception {
        return new TestNode(dir.resolve(name), dir.resolve("db/alfresco"), Persona.V5_2_7);
    }

    @Test
    void theFirstStartCreatesTheKeystoreUnderDirRootAndRegistersItsKey() throws Exception {
        TestNode n = node("acs");
        assertEquals(Status.STARTED, n.start(), n.log());
        Path ks = n.home.resolve("alf_data/keystore");
        assertTrue(Files.isRegularFile(ks.resolve("keystore")));
        assertTrue(Files.isRegularFile(ks.resolve("keystore-passwords.properties")));
        assertTrue(n.log().contains("Registered key metadata"), n.log());
        byte[] before = Files.readAllBytes(ks.resolve("keystore"));
        assertEquals(Status.STARTED, n.start(), n.log());
        assertArrayEquals(before, Files.readAllBytes(ks.resolve("keystore")), "a restart keeps the key");
    }

    @Test
    void anAbsoluteDirKeystoreIsHonoured() throws Exception {
        TestNode n = node("acs");
        Path ks = dir.resolve("secrets/keystore");
        n.props.put("dir.keystore", ks.toString());
        assertEquals(Status.STARTED, n.start(), n.log());
        assertTrue(Files.isRegularFile(ks.resolve("keystore")));
        assertTrue(!Files.exists(n.home.resolve("alf_data/keystore")));
    }

    @Test
    void aMissingKeystoreOnARegisteredRepositoryFailsTheStart() throws Exception {
        TestNode n = node("acs");
        n.start();
        Path ks = n.home.resolve("alf_data/keystore");
        try (Stream<Path> files = Files.list(ks)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.delete(f);
            }
        }
        assertEquals(Status.FAILED, n.start());
        assertTrue(n.log().contains("Keystores are invalid"), n.log());
        assertTrue(n.log().contains("Key metadata is missing from keystore " + ks.resolve("keystore")), n.log());
        assertTrue(n.log().contains("Context initialization failed"), n.log());
    }

    @Test
    void anotherKeyOnARegisteredRepositoryFailsTheStartAndTheRightOneStartsIt() throws Exception {
        TestNode first = node("acs1");
        first.start();
        TestNode other = node("acs2");
        other.props.put("db.url", "jdbc:h2:file:" + dir.resolve("db/other") + ";AUTO_SERVER=TRUE");
        other.start();
        // acs1's database, acs2's key: what a restore without production's keystore gives.
        other.props.put("db.url", first.props.get("db.url"));
        assertEquals(Status.FAILED, other.start());
        assertTrue(other.log().contains("The key with alias metadata has been changed, re-instate the previous keystore"),
                other.log());
        other.props.put("dir.keystore", first.home.resolve("alf_data/keystore").toString());
        other.props.put("dir.contentstore", first.home.resolve("alf_data/contentstore").toString());
        assertEquals(Status.STARTED, other.start(), other.log());
    }
}
