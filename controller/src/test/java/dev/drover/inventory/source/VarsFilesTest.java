package dev.drover.inventory.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.drover.inventory.Inventory;
import dev.drover.inventory.TestInventories;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * group_vars/ and host_vars/ next to the inventory (vars-dirs/). Expected values are what
 * {@code ansible-inventory -i vars-dirs/hosts.ini --host w1} printed (ansible/varsdirs.list.json).
 */
class VarsFilesTest {

    @Test
    void precedence() throws Exception {
        Inventory inv = TestInventories.load("vars-dirs/hosts.ini");
        Map<String, Object> w1 = inv.hostVars("w1");
        assertEquals("file_all", w1.get("y"), "group_vars/all beats the inventory's [web:vars]");
        assertEquals("file_all", w1.get("z"));
        assertEquals("file_web", w1.get("x"), "web and db have the same depth and priority; web sorts later by name, so its file wins");
        assertEquals(2, w1.get("w"), "files of group_vars/web/ are merged in name order");
        assertEquals("file", w1.get("hv"), "host_vars beat inventory host vars");
        assertFalse(w1.containsKey("ignored"), ".txt and hidden files are skipped");
        assertEquals(10, w1.get("ansible_group_priority"), "in a vars file it is an ordinary variable, as in Ansible");
        assertEquals(1, inv.group("web").orElseThrow().priority());
        assertEquals(Map.of(), inv.host("w2").orElseThrow().fileVars(), "an empty host_vars file adds nothing");
    }

    @Test
    void groupAndHostDirectoriesAreReadRecursively(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("hosts"), "[web]\nw1\n");
        Files.createDirectories(dir.resolve("host_vars/w1"));
        Files.writeString(dir.resolve("host_vars/w1/a.yml"), "a: 1\n");
        Files.createDirectories(dir.resolve("host_vars/w1/more"));
        Files.writeString(dir.resolve("host_vars/w1/more/b.json"), "{\"b\": [1, 2]}\n");
        Files.writeString(dir.resolve("host_vars/w1/backup.yml~"), "a: 2\n");
        Inventory inv = InventorySources.load(dir.resolve("hosts").toString());
        assertEquals(Map.of("a", 1, "b", List.of(1, 2)), inv.host("w1").orElseThrow().fileVars(),
                "subdirectories are read recursively, backups skipped");
    }
}
