package dev.drover.template;

import static dev.drover.template.Fixtures.TEMPLATER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.apache.commons.codec.digest.Sha2Crypt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ansible 2.14's {@code password} and {@code first_found} lookups (Ansible's {@code setup_test_user}
 * role uses both). Expected passwords for a seed are what Ansible's {@code random_password} gave for
 * the same seed and characters (checked with ansible-core 2.14.18); file contents and modes are what
 * {@code ansible-playbook} wrote for the same lookups.
 */
class PasswordAndFirstFoundLookupTest {
    @TempDir
    Path dir;

    private Object render(String template) {
        return TEMPLATER.render(template, Map.of("playbook_dir", dir.toString()));
    }

    @Test
    void aSeedGivesAnsiblesPassword() {
        assertEquals("7ZQX1-xalTt52lKEHNP4", render("{{ lookup('password', '/dev/null', seed='localhost') }}"));
        assertEquals("95260257", render("{{ lookup('password', '/dev/null seed=db-node1 chars=digits length=8') }}"));
        assertEquals("obdcjn7aogl6", render("{{ lookup('password', '/dev/null', seed='" + "x".repeat(300)
                + "', chars=['ascii_lowercase', 'digits'], length=12) }}"));
        assertEquals(":%(,%", render("{{ lookup('password', '/dev/null', seed='é', chars=['punctuation'], length=5) }}"));
    }

    @Test
    void devNullGivesANewPasswordEachTimeAndStoresNothing() {
        String a = (String) render("{{ lookup('password', '/dev/null') }}");
        String b = (String) render("{{ lookup('password', '/dev/null') }}");
        assertEquals(20, a.length());
        assertTrue(a.matches("[A-Za-z0-9.,:_-]{20}"), a);
        assertNotEquals(a, b);
    }

    @Test
    void aFileKeepsThePasswordItWasGivenFirst() throws Exception {
        String first = (String) render("{{ lookup('password', 'creds/sub/pw chars=digits length=6') }}");
        assertTrue(first.matches("[0-9]{6}"), first);
        Path file = dir.resolve("creds/sub/pw");
        assertEquals(first + "\n", Files.readString(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        assertEquals(first, render("{{ lookup('password', 'creds/sub/pw') }}"));
        assertEquals(List.of(), Files.list(file.getParent()).filter(p -> p.toString().endsWith("lockfile")).toList());
    }

    @Test
    void encryptStoresTheSaltAndHashesWithIt() throws Exception {
        String hash = (String) render("{{ lookup('password', 'enc encrypt=sha512_crypt length=4') }}");
        String[] stored = Files.readString(dir.resolve("enc")).strip().split(" salt=");
        assertEquals(Sha2Crypt.sha512Crypt(stored[0].getBytes(), "$6$" + stored[1]), hash);
        assertEquals(16, stored[1].length());
        assertEquals(hash, render("{{ lookup('password', 'enc encrypt=sha512_crypt') }}"));
    }

    @Test
    void charsTextTakesDoubleCommaForAComma() {
        String pw = (String) render("{{ lookup('password', '/dev/null chars=,,ab length=30') }}");
        assertTrue(pw.matches("[,ab]{30}"), pw);
    }

    @Test
    void unknownOptionIsRefusedInAnsiblesWords() {
        TemplateException e = org.junit.jupiter.api.Assertions.assertThrows(TemplateException.class,
                () -> render("{{ lookup('password', '/dev/null foo=1') }}"));
        assertTrue(e.getMessage().contains("Unrecognized parameter(s) given to password lookup: foo"), e.getMessage());
    }

    @Test
    void firstFoundSearchesTheRoleThenThePlaybook() throws Exception {
        Path role = Files.createDirectories(dir.resolve("roles/r"));
        Files.createDirectories(role.resolve("tasks"));
        Files.writeString(role.resolve("tasks/default.yml"), "[]");
        Files.writeString(dir.resolve("only-here.yml"), "[]");
        Map<String, Object> vars = Map.of("playbook_dir", dir.toString(), "ansible_search_path",
                List.of(role.toString(), dir.toString()), "params", Map.of("files", List.of("debian.yml", "default.yml"),
                        "paths", List.of("tasks")));
        assertEquals(role.resolve("tasks/default.yml").toString(), TEMPLATER.render("{{ lookup('first_found', params) }}", vars));
        assertEquals(dir.resolve("only-here.yml").toString(),
                TEMPLATER.render("{{ lookup('first_found', ['nope.yml', 'only-here.yml']) }}", vars));
        assertEquals(List.of(), TEMPLATER.render("{{ query('first_found', 'nope.yml', skip=True) }}", vars));
        TemplateException e = org.junit.jupiter.api.Assertions.assertThrows(TemplateException.class,
                () -> TEMPLATER.render("{{ lookup('first_found', 'nope.yml') }}", vars));
        assertTrue(e.getMessage().contains("No file was found when using first_found."), e.getMessage());
    }
}
