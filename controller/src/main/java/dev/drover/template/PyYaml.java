package dev.drover.template;

import dev.drover.secret.Secret;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

/**
 * YAML as Ansible's {@code to_yaml} and {@code to_nice_yaml} write it with PyYAML's
 * {@code yaml.dump}: keys sorted, unicode kept, lines of at most 80 columns; {@code to_yaml} in
 * PyYAML's default style (a collection of scalars inline, {@code {x: 1}}), {@code to_nice_yaml} all
 * in block style indented by {@code indent} (4). SnakeYAML is PyYAML's port, so its emitter quotes
 * and folds as PyYAML does ({@code 'yes'}, {@code '1.0'}, a multi-line string single-quoted).
 */
final class PyYaml {
    private PyYaml() {
    }

    /**
     * Ansible's {@code from_yaml} and {@code from_yaml_all}: text is read as PyYAML's safe loader reads it
     * (every document as a list for {@code all}); anything else is returned as it is.
     */
    static Object load(Object value, boolean all) {
        Object v = value instanceof Unsafe u ? u.value() : value;
        if (!(v instanceof CharSequence text)) {
            return value;
        }
        Yaml yaml = new Yaml(new org.yaml.snakeyaml.constructor.SafeConstructor(new org.yaml.snakeyaml.LoaderOptions()));
        try {
            if (!all) {
                return yaml.load(text.toString());
            }
            List<Object> documents = new ArrayList<>();
            yaml.loadAll(text.toString()).forEach(documents::add);
            return documents;
        } catch (org.yaml.snakeyaml.error.YAMLException e) {
            throw new TemplateFailure("the text is not valid YAML: " + e.getMessage());
        }
    }

    static String dump(Object value, boolean nice, int indent, Evaluation eval) {
        DumperOptions o = new DumperOptions();
        o.setDefaultFlowStyle(nice ? DumperOptions.FlowStyle.BLOCK : DumperOptions.FlowStyle.AUTO);
        o.setAllowUnicode(true);
        o.setIndent(Math.max(2, Math.min(9, indent)));
        o.setWidth(80);
        o.setSplitLines(true);
        return new Yaml(new PlainStrings(o), o).dump(plain(value, eval));
    }

    /**
     * SnakeYAML writes a multi-line string as a literal block ({@code |-}), or plain when asked for
     * plain; PyYAML never writes one plain, and single-quotes it where it can (the emitter falls back
     * to double quotes, as PyYAML's does).
     */
    private static final class PlainStrings extends Representer {
        PlainStrings(DumperOptions options) {
            super(options);
            this.representers.put(String.class, data -> representScalar(Tag.STR, data.toString(),
                    data.toString().matches("(?s).*[\\n\\r\\x85\\u2028\\u2029].*") ? DumperOptions.ScalarStyle.SINGLE_QUOTED
                            : DumperOptions.ScalarStyle.PLAIN));
        }
    }

    /** The value as plain Java for the emitter: maps sorted by key text, secrets and unsafe values unwrapped. */
    private static Object plain(Object value, Evaluation eval) {
        if (value instanceof Unsafe u) {
            return plain(u.value(), eval);
        }
        if (value instanceof Secret) {
            return PyValues.str(value, eval);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((k, v) -> sorted.put(PyValues.str(k, eval), plain(v, eval)));
            return new LinkedHashMap<>(sorted);
        }
        if (value instanceof List<?> || value instanceof java.util.Set<?>) {
            List<Object> out = new ArrayList<>();
            PyValues.items(value).forEach(x -> out.add(plain(x, eval)));
            return out;
        }
        if (value instanceof Number n && !(value instanceof Double) && !(value instanceof Float)) {
            return PyValues.toJava(n);
        }
        return value;
    }
}
