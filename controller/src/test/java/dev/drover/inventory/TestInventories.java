package dev.drover.inventory;

import dev.drover.inventory.source.InventorySources;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test data under src/test/resources/inventory and the lab inventories in inventory-examples/. */
public final class TestInventories {
    private TestInventories() {
    }

    /** A file under src/test/resources/inventory, e.g. "values.ini" or "bad/cycle.ini". */
    public static Path path(String name) {
        URL url = TestInventories.class.getResource("/inventory/" + name);
        if (url == null) {
            throw new IllegalArgumentException("no test resource inventory/" + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** inventory-examples/NAME at the repository root (tests run in the controller module). */
    public static Path example(String name) {
        Path p = Path.of("..", "inventory-examples", name);
        if (!p.toFile().isFile()) {
            throw new IllegalStateException("missing " + p.toAbsolutePath());
        }
        return p;
    }

    public static Inventory load(String... names) throws InventoryException {
        List<String> sources = new ArrayList<>();
        for (String n : names) {
            sources.add(path(n).toString());
        }
        return InventorySources.load(sources);
    }
}
