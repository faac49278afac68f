package dev.drover.inventory.pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.inventory.Inventory;
import dev.drover.inventory.InventoryException;
import dev.drover.inventory.TestInventories;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every expected result (hosts and their order) is what {@code ansible -i precedence.yml PATTERN
 * [--limit L] --list-hosts} printed with ansible-core 2.14.18.
 */
class HostSelectorTest {
    private static HostSelector selector;

    @BeforeAll
    static void load() throws InventoryException {
        Inventory inv = TestInventories.load("precedence.yml");
        selector = new HostSelector(inv);
    }

    private static List<String> select(String pattern) throws InventoryException {
        return selector.select(pattern).hostNames();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        all                   | solo h1 h3 h2 h4
        *                     | solo h1 h3 h2 h4
        h1                    | h1
        leaf                  | h1 h2 h4
        top                   | h1 h2 h4
        ungrouped             | solo
        top:alpha             | h1 h2 h4
        alpha,top             | h1 h2 h4
        zeta:h2:solo          | h3 h2 solo
        zeta, h2 , solo       | h3 h2 solo
        leaf:&beta            | h1
        &beta                 | h1 h3
        all:!leaf             | solo h3
        !leaf                 | solo h3
        top:&alpha:beta:!h4   | h1
        h*                    | h1 h2 h3 h4
        h?                    | h1 h2 h3 h4
        l*                    | h1 h2 h4
        ~h[13]                | h1 h3
        ~h                    | h1 h2 h3 h4
        leaf[0]               | h1
        leaf[-1]              | h4
        leaf[1:2]             | h2 h4
        leaf[1:]              | h2 h4
        all[0:1]              | solo h1
        nosuch:h1             | h1
        """)
    void patternsSelectLikeAnsible(String pattern, String expected) throws Exception {
        assertEquals(List.of(expected.split(" ")), select(pattern));
    }

    @Test
    void unionsThenIntersectionsThenExclusionsWhateverTheWrittenOrder() throws Exception {
        assertEquals(select("beta:zeta:&leaf:!h2"), select("!h2:&leaf:beta:zeta"));
        assertEquals(List.of("h1"), select("!h2:&leaf:beta:zeta"));
        assertEquals(List.of("h3"), select("!leaf:h1:beta"), "h1 is excluded by !leaf after the union");
    }

    @Test
    void termsThatMatchNothingAreWarningsWithSuggestions() throws Exception {
        Selection s = selector.select("lef:h1");
        assertEquals(List.of("h1"), s.hostNames());
        assertEquals(List.of("Could not match supplied host pattern, ignoring: lef (did you mean 'leaf'?)"), s.warnings());
        assertEquals(List.of(), selector.select("top").warnings(), "a matching group gives no warning");
    }

    @Test
    void noHostAtAllIsAnErrorThatListsGroupsAndSuggests() {
        InventoryException e = assertThrows(InventoryException.class, () -> selector.select("zetaa"));
        assertTrue(e.getMessage().startsWith("host pattern 'zetaa' matches no hosts; nothing is named zetaa (did you mean 'zeta'?)."),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("Groups (hosts): all (5), ungrouped (1), top (3), mid (3), leaf (3), alpha (1), beta (2), zeta (1)"),
                e.getMessage());
        InventoryException excluded = assertThrows(InventoryException.class, () -> selector.select("!leaf:alpha"));
        assertTrue(excluded.getMessage().contains("removed by '&' or '!' terms"), excluded.getMessage());
        InventoryException subscript = assertThrows(InventoryException.class, () -> selector.select("h[12]"));
        assertTrue(subscript.getMessage().contains("picks hosts by position"), subscript.getMessage());
    }

    @Test
    void subscriptOutOfRangeAndBadRegex() {
        InventoryException e = assertThrows(InventoryException.class, () -> selector.select("leaf[5]"));
        assertTrue(e.getMessage().contains("index 5 is out of range; 'leaf' matches 3 host(s)"), e.getMessage());
        assertThrows(InventoryException.class, () -> selector.select("leaf[5:7]"), "an empty slice selects nothing");
        InventoryException re = assertThrows(InventoryException.class, () -> selector.select("~h(1"));
        assertTrue(re.getMessage().startsWith("host pattern '~h(1' is not a valid regular expression"), re.getMessage());
    }

    @Test
    void limitKeepsTheSelectionOrder() throws Exception {
        assertEquals(List.of("h1", "h2"), selector.select("all", "h2,h1").hostNames(), "ansible: h1, h2");
        assertEquals(List.of("h2", "h4"), selector.select("leaf", "!h1").hostNames());
        assertEquals(List.of("h3"), selector.select("all", "beta:&zeta").hostNames());
        assertEquals(select("top"), selector.select("top", " ").hostNames(), "a blank limit is none");
        InventoryException e = assertThrows(InventoryException.class, () -> selector.select("top", "h3"));
        assertEquals("--limit 'h3' leaves no hosts of pattern 'top'; the limit matches h3, none of which the pattern"
                + " selected (h1, h2, h4)", e.getMessage());
    }

    @Test
    void limitFromAFile(@TempDir Path dir) throws Exception {
        Path retry = dir.resolve("failed.retry");
        Files.writeString(retry, "h4\n\nh1\n");
        assertEquals(List.of("h1", "h4"), selector.select("leaf", "@" + retry).hostNames());
        assertEquals(List.of("h1", "h2", "h4"), selector.select("leaf", "@" + retry + ",h2").hostNames());
        InventoryException e = assertThrows(InventoryException.class, () -> selector.select("all", "@" + dir.resolve("none")));
        assertTrue(e.getMessage().startsWith("limit file '" + dir.resolve("none") + "' not found"), e.getMessage());
        assertThrows(InventoryException.class, () -> selector.select("all", "@" + dir));
    }

    @Test
    void implicitLocalhostLikeAnsible() throws Exception {
        assertEquals(List.of("localhost", "h1"), select("localhost:h1"));
        assertEquals(List.of("127.0.0.1"), select("127.0.0.1"));
        assertEquals(List.of("solo", "h1", "h3", "h2", "h4"), select("all"), "all does not include it");
        assertThrows(InventoryException.class, () -> select("h1:&localhost"));
    }

    @Test
    void aNameThatIsBothHostAndGroupMeansTheHost(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("both.ini");
        Files.writeString(f, "[web]\nweb\nweb2\n");
        Inventory inv = dev.drover.inventory.source.InventorySources.load(f.toString());
        assertEquals(List.of("web"), new HostSelector(inv).select("web").hostNames(), "ansible: only the host");
        assertTrue(inv.warnings().contains("Found both group and host with same name: web"));
    }
}
