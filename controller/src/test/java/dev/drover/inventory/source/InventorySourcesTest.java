package dev.drover.inventory.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.inventory.Group;
import dev.drover.inventory.Host;
import dev.drover.inventory.Inventory;
import dev.drover.inventory.InventoryException;
import dev.drover.inventory.TestInventories;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventorySourcesTest {

    private static List<String> names(List<Host> hosts) {
        return hosts.stream().map(Host::name).toList();
    }

    @Test
    void aCommaListIsHostsWithOptionalPorts() throws Exception {
        Inventory inv = InventorySources.load("h1, h2:2222,localhost,");
        assertEquals(List.of("h1", "h2", "localhost"), names(inv.hosts()));
        assertEquals(List.of("h1", "h2", "localhost"), inv.group(Group.UNGROUPED).orElseThrow().hosts());
        assertEquals(Map.of("ansible_port", 2222), inv.host("h2").orElseThrow().vars());
        assertEquals(Optional.empty(), inv.host("h1").orElseThrow().inventoryFile());
        assertEquals(1, InventorySources.load("localhost,").hosts().size());
    }

    @Test
    void sourcesMergeInOrderLaterVariablesWin() throws Exception {
        Inventory inv = TestInventories.load("merge-first.ini", "merge-second.yml");
        assertEquals(List.of("shared", "web1", "web2", "db1"), names(inv.hosts()));
        assertEquals(List.of("web1", "web2"), inv.group("web").orElseThrow().hosts());
        assertEquals("yaml", inv.hostVars("shared").get("x"));
        assertEquals("blue", inv.hostVars("web1").get("color"));
        assertEquals("first", inv.hostVars("web1").get("role"));
        assertEquals(TestInventories.path("merge-first.ini").toAbsolutePath().normalize().toString(),
                inv.hostVars("shared").get("inventory_file"), "inventory_file is where a host was first seen");
        assertEquals(TestInventories.path("merge-second.yml").getParent().toAbsolutePath().normalize().toString(),
                inv.hostVars("db1").get("inventory_dir"));
        assertEquals(List.of("shared"), inv.group(Group.UNGROUPED).orElseThrow().hosts());
    }

    @Test
    void aHostListAddsToFileSources() throws Exception {
        Inventory inv = InventorySources.load(List.of(TestInventories.path("merge-first.ini").toString(), "extra1,web1,"));
        assertEquals(List.of("shared", "extra1"), inv.group(Group.UNGROUPED).orElseThrow().hosts(),
                "web1 is in group web, so it is not ungrouped although the host list put it there");
    }

    @Test
    void filesWithoutExtensionAreYamlIfTheyParseAsAMappingElseIni() throws Exception {
        Inventory ini = TestInventories.load("hosts-ini-noext");
        Inventory yaml = TestInventories.load("hosts-yaml-noext");
        assertEquals(List.of("alone", "web1"), names(ini.hosts()));
        assertEquals("10.0.0.1", ini.hostVars("web1").get("ansible_host"));
        assertEquals("10.0.0.1", yaml.hostVars("web1").get("ansible_host"));
        InventoryException e = assertThrows(InventoryException.class, () -> TestInventories.load("bad/noext-yaml-syntax"));
        assertTrue(e.getMessage().contains("YAML syntax error"), "a file starting with --- was meant as YAML: " + e.getMessage());
    }

    @Test
    void otherExtensionsAreIniLikeAnsible(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("hosts.prod");
        Files.writeString(f, "[web]\nweb1\n");
        assertEquals(List.of("web1"), InventorySources.load(f.toString()).group("web").orElseThrow().hosts());
    }

    @Test
    void aDirectoryIsItsFilesInNameOrder(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("10-web.yml"), "web:\n  hosts:\n    web1:\n");
        Files.writeString(dir.resolve("20-db"), "[db]\ndb1\n");
        Files.writeString(dir.resolve("old.ini"), "[ignored]\nx\n");
        Files.writeString(dir.resolve(".hidden"), "[ignored]\ny\n");
        Files.createDirectories(dir.resolve("group_vars"));
        Files.writeString(dir.resolve("group_vars/all.yml"), "k: v\n");
        Inventory inv = InventorySources.load(dir.toString());
        assertEquals(List.of("web1", "db1"), names(inv.hosts()));
        assertTrue(inv.group("ignored").isEmpty(), ".ini files and hidden files in a directory are skipped, as in Ansible");
    }

    @Test
    void aMissingFileSaysSoAndHowToPassOneHost() {
        InventoryException e = assertThrows(InventoryException.class, () -> InventorySources.load("no/such/hosts"));
        assertTrue(e.getMessage().startsWith("inventory file 'no/such/hosts' not found"), e.getMessage());
        InventoryException one = assertThrows(InventoryException.class, () -> InventorySources.load("node1"));
        assertTrue(one.getMessage().contains("-i 'node1,'"), one.getMessage());
        assertThrows(InventoryException.class, () -> InventorySources.load(List.of()));
    }

    @Test
    void notUtf8(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("latin1.ini");
        Files.write(f, new byte[] {'h', (byte) 0xe9, '\n'});
        InventoryException e = assertThrows(InventoryException.class, () -> InventorySources.load(f.toString()));
        assertTrue(e.getMessage().endsWith("latin1.ini:1:2: not UTF-8 text: byte 0xe9 at byte offset 1 cannot start or"
                + " continue a UTF-8 character; convert the file, e.g. with iconv -f latin1 -t utf-8"), e.getMessage());
    }
}
