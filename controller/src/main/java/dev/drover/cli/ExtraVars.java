package dev.drover.cli;

import dev.drover.playbook.ModuleTask;
import dev.drover.playbook.PlaybookException;
import dev.drover.playbook.parse.AdHocArgs;
import dev.drover.playbook.parse.VarsFileParser;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code -e} values as Ansible reads them, merged in order (later wins): {@code @file} (YAML or
 * JSON), inline YAML/JSON starting with <code>{</code>, or {@code name=value} pairs (values are strings,
 * quoting as in a task's arguments).
 */
final class ExtraVars {
    private ExtraVars() {
    }

    static Map<String, Object> parse(List<String> values) {
        return parse(values, dev.drover.vault.Vault.NONE);
    }

    /** @param vault decrypts a vaulted {@code @file} */
    static Map<String, Object> parse(List<String> values, dev.drover.vault.Vault vault) {
        Map<String, Object> vars = new LinkedHashMap<>();
        each(values, vault).forEach(vars::putAll);
        return vars;
    }

    /** Each {@code -e} value's variables, in the order given (not merged). */
    static List<Map<String, Object>> each(List<String> values) {
        return each(values, dev.drover.vault.Vault.NONE);
    }

    /** Each {@code -e} value's variables, in the order given (not merged); a vaulted {@code @file} decrypted. */
    static List<Map<String, Object>> each(List<String> values, dev.drover.vault.Vault vault) {
        List<Map<String, Object>> out = new java.util.ArrayList<>();
        VarsFileParser parser = new VarsFileParser(vault);
        int n = 0;
        for (String value : values) {
            n++;
            String v = value.strip();
            try {
                if (v.startsWith("@")) {
                    out.add(parser.parse(Path.of(v.substring(1))));
                } else if (v.startsWith("{")) {
                    out.add(parser.parseText(Path.of("-e #" + n), v));
                } else if (!v.isEmpty()) {
                    Map<String, Object> kv = AdHocArgs.parse("set_fact", v);
                    if (kv.containsKey(ModuleTask.RAW_PARAMS)) {
                        // The value itself is not echoed: it may be a secret.
                        throw new UserError("-e #" + n + ": expected name=value pairs, @file or a YAML/JSON"
                                + " mapping; the value has no '='");
                    }
                    out.add(kv);
                } else {
                    out.add(Map.of());
                }
            } catch (PlaybookException e) {
                throw new UserError("-e: " + e.getMessage());
            } catch (IllegalArgumentException e) {
                throw new UserError("-e #" + n + ": " + e.getMessage());
            }
        }
        return out;
    }
}
