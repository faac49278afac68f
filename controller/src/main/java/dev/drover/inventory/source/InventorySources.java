package dev.drover.inventory.source;

import dev.drover.vault.Vault;
import dev.drover.input.TextInput;
import dev.drover.inventory.Group;
import dev.drover.inventory.Inventory;
import dev.drover.inventory.InventoryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Loads inventories from what a user passes to {@code -i}, like ansible-core does.
 *
 * <ul>
 *   <li>A string with a comma that is not an existing path is a host list: {@code 'h1,h2:2222,'},
 *       {@code localhost,}. Its hosts go to {@code ungrouped}; no ranges (as Ansible's
 *       {@code host_list} plugin).</li>
 *   <li>A file ending in {@code .yml}, {@code .yaml} or {@code .json} is YAML. A file without an
 *       extension is YAML if it parses as a YAML mapping, else INI (Ansible tries its yaml plugin
 *       first, then ini). Any other file ({@code .ini}, {@code .cfg}, {@code hosts.prod}) is INI:
 *       Ansible's yaml plugin declines those extensions.</li>
 *   <li>A directory is every file in it, sorted by name, recursively, skipping hidden files,
 *       {@code group_vars}, {@code host_vars} and Ansible's ignored extensions (which include
 *       {@code .ini} and {@code .cfg}: in a directory Ansible skips them).</li>
 *   <li>Several sources are merged in order into one inventory; later ones add hosts and groups
 *       and override variables.</li>
 * </ul>
 *
 * {@code group_vars/} and {@code host_vars/} next to each file source (or inside a directory
 * source) are read too ({@link VarsFiles}).
 *
 * <p>Not supported: dynamic inventory scripts (an executable file is read as text, as Ansible does
 * after the script fails), inventory plugin configurations (an error says so), Ansible Vault.
 */
public final class InventorySources {
    /** Ansible's INVENTORY_IGNORE_EXTS defaults, applied to files found in a directory. */
    private static final List<String> IGNORED_IN_DIRECTORY = List.of(".pyc", ".pyo", ".swp", ".bak", "~", ".rpm", ".md",
            ".txt", ".rst", ".orig", ".ini", ".cfg", ".retry");
    private static final Pattern YAML_LOOKING_START = Pattern.compile("^(---.*|[\\w.-]+:\\s*(#.*)?)$");

    private InventorySources() {
    }

    /** Loads and merges the sources in order, as several {@code -i} options; vaulted content is refused. */
    public static Inventory load(List<String> sources) throws InventoryException {
        return load(sources, Vault.NONE);
    }

    /**
     * Loads and merges the sources in order, as several {@code -i} options.
     *
     * @param vault decrypts vaulted group_vars/host_vars files and {@code !vault} values; its redactor
     *              learns their plaintext
     */
    public static Inventory load(List<String> sources, Vault vault) throws InventoryException {
        if (sources.isEmpty()) {
            throw new InventoryException("no inventory given; pass -i FILE (INI or YAML) or -i 'host1,host2,'");
        }
        InventoryBuilder builder = new InventoryBuilder();
        List<VarsFiles.BaseDir> varsDirs = new ArrayList<>();
        for (String source : sources) {
            loadSource(builder, source, varsDirs, vault);
        }
        VarsFiles files = new VarsFiles(builder::warn, vault);
        files.load(varsDirs, "group_vars", builder.groupNames()).forEach(builder::addGroupFileVars);
        files.load(varsDirs, "host_vars", builder.hostNames()).forEach(builder::addHostFileVars);
        return builder.build();
    }

    /**
     * The inventory with the {@code group_vars/} and {@code host_vars/} next to the playbook, as
     * Ansible reads them for a play (ansible-core's default PLAYBOOK_VARS_ROOT, 'top': the directory
     * of the playbook given on the command line).
     */
    public static Inventory withPlaybookVars(Inventory inventory, Path playbookDir, Vault vault) throws InventoryException {
        List<String> warnings = new ArrayList<>();
        VarsFiles files = new VarsFiles(warnings::add, vault);
        List<VarsFiles.BaseDir> dir = List.of(new VarsFiles.BaseDir(playbookDir.toString(), playbookDir));
        List<String> groupNames = inventory.groups().stream().map(dev.drover.inventory.Group::name).toList();
        List<String> hostNames = inventory.hosts().stream().map(dev.drover.inventory.Host::name).toList();
        return inventory.withPlaybookVars(files.load(dir, "group_vars", groupNames), files.load(dir, "host_vars", hostNames),
                warnings);
    }

    /** Loads one source. */
    public static Inventory load(String source) throws InventoryException {
        return load(List.of(source));
    }

    private static void loadSource(InventoryBuilder builder, String source, List<VarsFiles.BaseDir> varsDirs, Vault vault)
            throws InventoryException {
        Path path = expandHome(source);
        if (source.contains(",") && !Files.exists(path)) {
            hostList(builder, source);
            return;
        }
        if (!Files.exists(path)) {
            throw new InventoryException("inventory file '" + source + "' not found (resolved to " + path.toAbsolutePath()
                    + "); check the -i option, or end a single host name with a comma: -i '" + source + ",'");
        }
        if (Files.isDirectory(path)) {
            directory(builder, source, path, vault);
            varsDirs.add(new VarsFiles.BaseDir(source, path));
        } else {
            file(builder, source, path, vault);
            Path parent = path.toAbsolutePath().getParent();
            Path shownParent = Path.of(source).getParent();
            varsDirs.add(new VarsFiles.BaseDir(shownParent == null ? "" : shownParent.toString(), parent));
        }
    }

    private static void hostList(InventoryBuilder builder, String list) {
        builder.startSource(null);
        for (String item : list.split(",")) {
            String h = item.strip();
            if (h.isEmpty()) {
                continue;
            }
            HostAddress a = HostAddress.parse(h, false).orElse(new HostAddress(h, null));
            builder.addHost(a.host(), Group.UNGROUPED, a.port());
        }
    }

    private static void directory(InventoryBuilder builder, String shown, Path dir, Vault vault) throws InventoryException {
        List<Path> entries;
        try (Stream<Path> s = Files.list(dir)) {
            entries = s.sorted().toList();
        } catch (IOException e) {
            throw new InventoryException("cannot list inventory directory '" + shown + "': " + e.getMessage(), e);
        }
        for (Path p : entries) {
            String name = p.getFileName().toString();
            if (name.startsWith(".") || name.equals("group_vars") || name.equals("host_vars")
                    || name.equals("vars_plugins") || IGNORED_IN_DIRECTORY.stream().anyMatch(name::endsWith)) {
                continue;
            }
            String childShown = shown.endsWith("/") ? shown + name : shown + "/" + name;
            if (Files.isDirectory(p)) {
                directory(builder, childShown, p, vault);
            } else {
                file(builder, childShown, p, vault);
            }
        }
    }

    private static void file(InventoryBuilder builder, String shown, Path path, Vault vault) throws InventoryException {
        String text = read(shown, path);
        builder.startSource(path.toAbsolutePath().normalize());
        String ext = extension(path);
        if (ext.equals(".yml") || ext.equals(".yaml") || ext.equals(".json")) {
            new YamlInventoryParser(builder).parse(shown, YamlTree.read(shown, text, builder::warn, vault));
            return;
        }
        if (!ext.isEmpty()) {
            new IniInventoryParser(builder, shown).parse(text.lines().toList());
            return;
        }
        // No extension: YAML if it reads as a YAML mapping, else INI, like Ansible's plugin order.
        YamlTree.Node yaml = null;
        InventoryException yamlError = null;
        List<String> yamlWarnings = new ArrayList<>();
        try {
            yaml = YamlTree.read(shown, text, yamlWarnings::add, vault);
        } catch (InventoryException e) {
            yamlError = e;
        }
        if (YamlInventoryParser.looksLikeInventory(yaml)) {
            yamlWarnings.forEach(builder::warn);
            new YamlInventoryParser(builder).parse(shown, yaml);
            return;
        }
        if (yamlError != null && looksLikeYaml(text)) {
            throw yamlError;
        }
        new IniInventoryParser(builder, shown).parse(text.lines().toList());
    }

    /** The first meaningful line is {@code ---} or a bare {@code key:}: the author meant YAML. */
    private static boolean looksLikeYaml(String text) {
        for (String line : text.lines().toList()) {
            String s = line.strip();
            if (!s.isEmpty() && !s.startsWith("#") && !s.startsWith(";")) {
                return YAML_LOOKING_START.matcher(s).matches();
            }
        }
        return false;
    }

    private static String read(String shown, Path path) throws InventoryException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new InventoryException("cannot read inventory file '" + shown + "': " + e.getMessage(), e);
        }
        if (bytes.length > TextInput.MAX_FILE_BYTES) {
            throw InventoryException.at(shown, 1, 1, "the file is " + bytes.length + " bytes; drover reads inventories of up"
                    + " to " + TextInput.MAX_FILE_BYTES + " bytes");
        }
        try {
            return TextInput.decode(bytes);
        } catch (TextInput.Refused e) {
            throw InventoryException.at(shown, e.line(), e.column(), e.getMessage());
        }
    }

    private static String extension(Path path) {
        String name = path.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? "" : name.substring(dot).toLowerCase(Locale.ROOT);
    }

    private static Path expandHome(String source) throws InventoryException {
        if (source.indexOf('\0') >= 0) {
            throw new InventoryException("inventory source '" + source.replace('\0', '?') + "' contains a NUL character");
        }
        if (source.equals("~") || source.startsWith("~/")) {
            return Path.of(System.getProperty("user.home") + source.substring(1));
        }
        return Path.of(source);
    }
}
