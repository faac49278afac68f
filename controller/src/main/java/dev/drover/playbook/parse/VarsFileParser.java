package dev.drover.playbook.parse;

import dev.drover.playbook.PlaybookException;
import dev.drover.playbook.SourcePos;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads variables: a {@code vars_files} / {@code include_vars} file, or an {@code -e} value given as
 * YAML or JSON text. The top level must be a mapping (an empty file is no variables). Values are
 * typed by YAML 1.1 as in playbooks. Immutable and thread-safe; each call uses its own state.
 */
public final class VarsFileParser {
    private final dev.drover.vault.Vault vault;

    /** A parser for files with no vaulted content (an encrypted one is refused, naming the missing password). */
    public VarsFileParser() {
        this(dev.drover.vault.Vault.NONE);
    }

    /** @param vault decrypts an encrypted file and {@code !vault} values; its redactor learns their plaintext */
    public VarsFileParser(dev.drover.vault.Vault vault) {
        this.vault = java.util.Objects.requireNonNull(vault, "vault");
    }

    /**
     * @throws PlaybookException with file:line:column for a missing file, bad YAML, or a top level
     *                           that is not a mapping
     */
    public Map<String, Object> parse(Path file) throws PlaybookException {
        SourceFiles sources = new SourceFiles();
        return toVars(sources, new YamlReader(sources, vault).read(file, null), file);
    }

    /**
     * Parses text that is not a file, such as {@code -e '{"version": "5.2"}'}.
     *
     * @param origin how errors name the text, e.g. {@code Path.of("-e #1")}
     */
    public Map<String, Object> parseText(Path origin, String text) throws PlaybookException {
        SourceFiles sources = new SourceFiles();
        return toVars(sources, new YamlReader(sources, vault).readText(origin, text), origin);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> toVars(SourceFiles sources, Optional<YamlNode> root, Path file)
            throws PlaybookException {
        if (root.isEmpty()) {
            return Map.of();
        }
        YamlNode node = root.get();
        if (!(node instanceof YamlNode.Mapping)) {
            throw sources.error(node.pos(), "variables must be a mapping of names to values, found " + node.describe(),
                    "write 'name: value' lines at the top level");
        }
        return new LinkedHashMap<>((Map<String, Object>) node.toPlain());
    }

    /** Where a variables file starts, for messages that point at the whole file. */
    public static SourcePos start(Path file) {
        return new SourcePos(file, 1, 1);
    }
}
