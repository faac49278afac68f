package dev.drover.agent.modules.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.drover.agent.module.ModuleException;
import org.junit.jupiter.api.Test;

/** Symbolic modes resolve as chmod(1) and Ansible resolve them. */
class FileModesTest {

    private static String resolve(String mode, int current, boolean dir) throws ModuleException {
        return FileModes.format(FileModes.parse(mode, "mode").resolve(current, dir));
    }

    @Test
    void octalForms() throws ModuleException {
        assertEquals("0644", resolve("0644", 0777, false));
        assertEquals("0644", resolve("644", 0777, false));
        assertEquals("0644", resolve("0o644", 0777, false));
        assertEquals("02750", resolve("2750", 0, true));
    }

    @Test
    void symbolicForms() throws ModuleException {
        assertEquals("0755", resolve("u=rwx,go=rx", 0, false));
        assertEquals("0640", resolve("u=rw,g=r,o=", 0777, false));
        assertEquals("0744", resolve("u+x", 0644, false));
        assertEquals("0604", resolve("g-r", 0644, false));
        assertEquals("0666", resolve("a+w", 0444, false));
        assertEquals("0750", resolve("u=rwX,g=rX,o=", 0777, true));
        assertEquals("0640", resolve("u=rwX,g=rX,o=", 0666, false));
        assertEquals("0750", resolve("u=rwX,g=rX,o=", 0744, false));
        assertEquals("04755", resolve("u+s", 0755, false));
        assertEquals("01777", resolve("+t", 0777, true));
        assertEquals("0660", resolve("g=u", 0600, false));
        assertEquals("0600", resolve("u=rw-x,go=", 0777, false));
    }

    @Test
    void garbageIsRejectedWithTheBadPart() {
        ModuleException e = assertThrows(ModuleException.class, () -> FileModes.parse("u=rw,bogus", "mode"));
        assertEquals(true, e.getMessage().contains("bad part 'bogus'"), e.getMessage());
        assertThrows(ModuleException.class, () -> FileModes.parse(070000, "mode"));
    }
}
