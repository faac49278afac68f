package dev.drover.agent.modules.files;

import dev.drover.agent.module.Args;
import dev.drover.agent.module.Module;
import dev.drover.agent.module.ModuleContext;
import dev.drover.agent.module.ModuleException;
import dev.drover.agent.module.ModuleResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code properties} (drover's own): set and remove keys of a Java {@code .properties} file such as
 * {@code alfresco-global.properties} without disturbing anything else.
 *
 * <ul>
 *   <li>{@code set: {key: value}} (or {@code key} + {@code value}): an existing key keeps its
 *       position, indentation and separator; only its value text is replaced (a value continued
 *       over several lines becomes one line). Values are compared after unescaping, so
 *       {@code a\:b} already equals {@code a:b} and nothing is rewritten.</li>
 *   <li>Duplicate keys: Java keeps the last occurrence, so the last one is updated and the
 *       earlier ones are left alone (a warning names them); {@code remove} deletes all.</li>
 *   <li>New keys are appended at the end, after an optional {@code comment} line, with the
 *       separator most entries of the file already use ({@code separator} overrides it).</li>
 *   <li>{@code state: absent} removes the keys named in {@code set}/{@code key}, so a task can be
 *       flipped between present and absent; {@code remove: [keys]} always removes.</li>
 * </ul>
 */
public final class PropertiesModule implements Module {

    @Override
    public ModuleResult run(Args args, ModuleContext ctx) throws ModuleException {
        args.allow("path", "dest", "name", "set", "remove", "key", "value", "state", "create", "backup", "comment",
                "separator", "mode", "owner", "group");
        Path path = PathArgs.require(args, "path", "dest", "name");
        boolean absent = "absent".equals(args.choice("state", "present", "present", "absent"));
        Map<String, String> toSet = new LinkedHashMap<>(args.stringMap("set"));
        Set<String> toRemove = new LinkedHashSet<>(args.strings("remove"));
        if (args.has("key")) {
            if (!absent && !args.asMap().containsKey("value")) {
                throw new ModuleException("value is required with key and state=present");
            }
            toSet.put(args.string("key"), args.string("value", ""));
        } else if (args.has("value")) {
            throw new ModuleException("value needs key; to set several keys use set: {key: value}");
        }
        if (absent) {
            toRemove.addAll(toSet.keySet());
            toSet.clear();
        }
        for (String k : toSet.keySet()) {
            if (toRemove.contains(k)) {
                throw new ModuleException("key '" + k + "' is both set and removed; keep it in one of them");
            }
            if (k.isEmpty()) {
                throw new ModuleException("an empty key cannot be set");
            }
        }
        if (toSet.isEmpty() && toRemove.isEmpty()) {
            throw new ModuleException("nothing to do: give set, key/value or remove");
        }
        FileAttributes attributes = FileAttributes.from(args);

        TextEdit edit = TextEdit.open(path, null);
        if (!edit.existed() && !toSet.isEmpty() && !args.bool("create", false)) {
            throw new ModuleException("file " + path + " does not exist; set create: true to create it");
        }
        if (!edit.existed() && toSet.isEmpty()) {
            return ModuleResult.ok().msg("file not present").with("path", path.toString());
        }
        PropertiesFile file = PropertiesFile.parse(edit.before(), path.toString());
        List<int[]> spans = new ArrayList<>();
        List<String> replacements = new ArrayList<>();
        List<String> updated = new ArrayList<>();
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<String> warnings = new ArrayList<>();

        for (Map.Entry<String, String> want : toSet.entrySet()) {
            List<PropertiesFile.Entry> found = file.all(want.getKey());
            if (found.isEmpty()) {
                added.add(want.getKey());
                continue;
            }
            PropertiesFile.Entry last = found.get(found.size() - 1);
            if (found.size() > 1) {
                warnings.add("key '" + want.getKey() + "' appears " + found.size() + " times (lines " + lines(found)
                        + "); Java uses the last, so line " + last.line + " is the one managed");
            }
            if (last.value.equals(want.getValue())) {
                continue;
            }
            String value = PropertiesSyntax.escapeValue(want.getValue(), !last.explicitSeparator);
            if (last.valueStart == last.end && last.separator != null && last.separator.isEmpty()) {
                // "key" alone on its line: it needs a separator before a value.
                value = file.usualSeparator() + PropertiesSyntax.escapeValue(want.getValue(), false);
            }
            spans.add(new int[] {last.valueStart, last.end});
            replacements.add(value);
            updated.add(want.getKey());
        }
        for (String key : toRemove) {
            List<PropertiesFile.Entry> found = file.all(key);
            for (PropertiesFile.Entry e : found) {
                spans.add(new int[] {e.lineStart, e.lineEnd});
                replacements.add("");
            }
            if (!found.isEmpty()) {
                removed.add(key);
            }
        }

        String after = splice(file.text(), spans, replacements)
                + appended(file, added, toSet, args.string("comment"), args.string("separator"));
        ModuleResult result = edit.commit(after, message(updated, added, removed), args.bool("backup", false),
                attributes, ctx, "backup_file");
        result.with("path", path.toString()).with("updated", updated).with("added", added).with("removed", removed);
        warnings.addAll(attributes.warnings());
        if (!warnings.isEmpty()) {
            result.with("warnings", warnings);
        }
        return result;
    }

    private static String appended(PropertiesFile file, List<String> added, Map<String, String> toSet,
                                   String comment, String separator) {
        if (added.isEmpty()) {
            return "";
        }
        String eol = file.lineTerminator();
        String sep = separator != null ? separator : file.usualSeparator();
        StringBuilder out = new StringBuilder();
        String text = file.text();
        if (!text.isEmpty() && !text.endsWith("\n") && !text.endsWith("\r")) {
            out.append(eol);
        }
        if (comment != null && !comment.isEmpty()) {
            for (String line : comment.split("\r?\n")) {
                out.append(line.startsWith("#") || line.startsWith("!") ? line : "# " + line).append(eol);
            }
        }
        for (String key : added) {
            out.append(PropertiesSyntax.escapeKey(key)).append(sep)
                    .append(PropertiesSyntax.escapeValue(toSet.get(key), sep.trim().isEmpty())).append(eol);
        }
        return out.toString();
    }

    /** Applies non-overlapping replacements, last first so earlier offsets stay valid. */
    private static String splice(String text, List<int[]> spans, List<String> replacements) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < spans.size(); i++) {
            order.add(i);
        }
        Collections.sort(order, (a, b) -> Integer.compare(spans.get(b)[0], spans.get(a)[0]));
        StringBuilder out = new StringBuilder(text);
        for (int i : order) {
            out.replace(spans.get(i)[0], spans.get(i)[1], replacements.get(i));
        }
        return out.toString();
    }

    private static String message(List<String> updated, List<String> added, List<String> removed) {
        List<String> parts = new ArrayList<>();
        if (!updated.isEmpty()) {
            parts.add("updated " + String.join(", ", updated));
        }
        if (!added.isEmpty()) {
            parts.add("added " + String.join(", ", added));
        }
        if (!removed.isEmpty()) {
            parts.add("removed " + String.join(", ", removed));
        }
        return String.join("; ", parts);
    }

    private static String lines(List<PropertiesFile.Entry> entries) {
        List<String> out = new ArrayList<>();
        for (PropertiesFile.Entry e : entries) {
            out.add(String.valueOf(e.line));
        }
        return String.join(", ", out);
    }
}
