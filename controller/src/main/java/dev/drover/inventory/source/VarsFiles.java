package dev.drover.inventory.source;

import dev.drover.input.TextInput;
import dev.drover.inventory.InventoryException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * {@code group_vars/} and {@code host_vars/} next to inventory sources, as Ansible's
 * {@code host_group_vars} plugin reads them: for group {@code web}, {@code group_vars/web} with no
 * extension or {@code .yml}, {@code .yaml}, {@code .json} (the first that exists), or, if that is
 * a directory, every file in it with one of those extensions or none, sorted, recursively, skipping
 * hidden files and backups ({@code ~}). Files are YAML mappings; empty files add nothing. Each
 * source directory is read in source order, each file merged shallowly over the previous ones.
 *
 * <p>Play-adjacent files (next to a playbook) come through {@link InventorySources#withPlaybookVars}.
 */
final class VarsFiles {
    private static final List<String> EXTENSIONS = List.of("", ".yml", ".yaml", ".json");

    /** A directory that may hold group_vars/host_vars: shown is how messages name it. */
    record BaseDir(String shown, Path path) {
    }

    private final Consumer<String> warnings;

    private final dev.drover.vault.Vault vault;

    VarsFiles(Consumer<String> warnings, dev.drover.vault.Vault vault) {
        this.warnings = warnings;
        this.vault = vault;
    }

    /**
     * Loads {@code subdir/NAME*} for each name from each base directory, in order.
     *
     * @return name to its merged variables, only for names that have files with variables
     */
    Map<String, Map<String, Object>> load(List<BaseDir> bases, String subdir, Collection<String> names)
            throws InventoryException {
        Map<String, Map<String, Object>> result = new LinkedHashMap<>();
        for (BaseDir base : bases) {
            Path dir = base.path().resolve(subdir);
            if (!Files.exists(dir)) {
                continue;
            }
            String shownDir = join(base.shown(), subdir);
            if (!Files.isDirectory(dir)) {
                warnings.accept("Found " + subdir + " that is not a directory, skipping: " + shownDir);
                continue;
            }
            for (String name : names) {
                if (name.startsWith("/")) {
                    continue; // Ansible skips 'chroot'-style names
                }
                for (Path file : find(dir, name)) {
                    Map<String, Object> vars = read(join(shownDir, dir.relativize(file).toString()), file);
                    if (!vars.isEmpty()) {
                        result.computeIfAbsent(name, k -> new LinkedHashMap<>()).putAll(vars);
                    }
                }
            }
        }
        return result;
    }

    /** Ansible's {@code find_vars_files}: the first existing name+extension; a directory is read whole. */
    private static List<Path> find(Path dir, String name) throws InventoryException {
        for (String ext : EXTENSIONS) {
            Path p = dir.resolve(name + ext);
            if (Files.isDirectory(p)) {
                List<Path> found = new ArrayList<>();
                collect(p, found);
                return found;
            }
            if (Files.isRegularFile(p)) {
                return List.of(p);
            }
        }
        return List.of();
    }

    private static void collect(Path dir, List<Path> found) throws InventoryException {
        List<Path> entries;
        try (Stream<Path> s = Files.list(dir)) {
            entries = s.sorted().toList();
        } catch (IOException e) {
            throw new InventoryException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        for (Path p : entries) {
            String n = p.getFileName().toString();
            if (n.startsWith(".") || n.endsWith("~")) {
                continue;
            }
            int dot = n.lastIndexOf('.');
            String ext = dot <= 0 ? "" : n.substring(dot);
            if (Files.isDirectory(p) && ext.isEmpty()) {
                collect(p, found);
            } else if (Files.isRegularFile(p) && EXTENSIONS.contains(ext)) {
                found.add(p);
            }
        }
    }

    private Map<String, Object> read(String shown, Path file) throws InventoryException {
        String text;
        try {
            text = TextInput.read(file);
        } catch (TextInput.Refused e) {
            throw InventoryException.at(shown, e.line(), e.column(), e.getMessage());
        } catch (IOException e) {
            throw new InventoryException("cannot read variables file '" + shown + "': " + e.getMessage(), e);
        }
        boolean vaulted = dev.drover.vault.Envelope.isVaulted(text);
        if (vaulted) {
            try {
                text = new String(vault.decrypt(text, "this file"), StandardCharsets.UTF_8);
            } catch (dev.drover.vault.VaultException e) {
                throw InventoryException.at(shown, 1, 1, e.getMessage());
            }
        }
        YamlTree.Node root = YamlTree.read(shown, text, warnings, vault);
        if (vaulted && root != null) {
            vault.redactor().addAll(root.plain());
        }
        if (root == null || (root instanceof YamlTree.ScalarNode s && s.value() == null)) {
            return Map.of();
        }
        if (!(root instanceof YamlTree.MapNode m)) {
            throw root.where().error("a variables file holds a mapping of names to values, found " + root.kind());
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> vars = (Map<String, Object>) m.plain();
        return vars;
    }

    private static String join(String dir, String child) {
        if (dir.isEmpty() || dir.equals(".")) {
            return child;
        }
        return dir.endsWith("/") ? dir + child : dir + "/" + child;
    }
}
