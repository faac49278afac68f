package dev.drover.playbook.parse;

import dev.drover.playbook.Coerce;
import dev.drover.playbook.PlaybookException;
import dev.drover.playbook.Setting;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads keyword values with Ansible's typing: {@code when} is a string, boolean or list; {@code tags}
 * a comma-separated string or list; {@code become} any of Ansible's boolean spellings; numbers may
 * be templates. A value of the wrong type is an error at the value's position, naming the keyword,
 * what was found, and an example of what is expected.
 */
final class ValueReader {
    private final SourceFiles sources;

    ValueReader(SourceFiles sources) {
        this.sources = sources;
    }

    PlaybookException wrongType(YamlNode.Entry e, String expected, String example) {
        return sources.error(e.value().pos(), "'" + e.key() + "' must be " + expected + ", got " + e.value().describe(),
                "for example: " + example);
    }

    /** A scalar as the user wrote it (quotes removed); numbers and booleans keep their spelling. */
    String string(YamlNode.Entry e) throws PlaybookException {
        if (e.value() instanceof YamlNode.Scalar s && !s.isNull()) {
            return s.text();
        }
        throw wrongType(e, "a string", e.key() + ": some_value");
    }

    /** Like {@link #string} but an empty value ({@code name:}) means not set, as in Ansible. */
    Optional<String> optionalString(YamlNode.Entry e) throws PlaybookException {
        if (e.value() instanceof YamlNode.Scalar s && s.isNull()) {
            return Optional.empty();
        }
        return Optional.of(string(e));
    }

    Setting<Boolean> bool(YamlNode.Entry e) throws PlaybookException {
        if (e.value() instanceof YamlNode.Scalar s && !s.isNull()) {
            if (s.value() instanceof String str && Coerce.isTemplate(str)) {
                return Setting.templated(str);
            }
            try {
                return Setting.fixed(Coerce.toBoolean(s.value()));
            } catch (IllegalArgumentException ex) {
                // reported below with the keyword's name
            }
        }
        throw wrongType(e, "a boolean (true/false, yes/no) or a template", e.key() + ": true");
    }

    /** A non-negative integer, or a template (kept raw, checked when rendered). */
    Setting<Integer> integer(YamlNode.Entry e) throws PlaybookException {
        if (e.value() instanceof YamlNode.Scalar s && !s.isNull() && !(s.value() instanceof Boolean)) {
            if (s.value() instanceof String str && Coerce.isTemplate(str)) {
                return Setting.templated(str);
            }
            try {
                int n = Coerce.toInt(s.value());
                if (n >= 0) {
                    return Setting.fixed(n);
                }
            } catch (IllegalArgumentException ex) {
                // reported below with the keyword's name
            }
        }
        throw wrongType(e, "a whole number (0 or more) or a template", e.key() + ": 3");
    }

    /** A non-negative number of seconds (may have a fraction), or a template. */
    Setting<Double> seconds(YamlNode.Entry e) throws PlaybookException {
        if (e.value() instanceof YamlNode.Scalar s && !s.isNull() && !(s.value() instanceof Boolean)) {
            if (s.value() instanceof String str && Coerce.isTemplate(str)) {
                return Setting.templated(str);
            }
            try {
                double d = Double.parseDouble(s.value().toString().trim());
                if (d >= 0 && !Double.isInfinite(d)) {
                    return Setting.fixed(d);
                }
            } catch (NumberFormatException ex) {
                // reported below with the keyword's name
            }
        }
        throw wrongType(e, "a number of seconds or a template", e.key() + ": 2.5");
    }

    /** A percentage 0..100 written as a number or {@code "30%"}, or a template. */
    Setting<Double> percent(YamlNode.Entry e) throws PlaybookException {
        if (e.value() instanceof YamlNode.Scalar s && !s.isNull() && !(s.value() instanceof Boolean)) {
            if (s.value() instanceof String str && Coerce.isTemplate(str)) {
                return Setting.templated(str);
            }
            try {
                double d = Coerce.toPercent(s.value());
                if (d >= 0 && d <= 100) {
                    return Setting.fixed(d);
                }
            } catch (IllegalArgumentException ex) {
                // reported below with the keyword's name
            }
        }
        throw wrongType(e, "a percentage between 0 and 100", e.key() + ": 30");
    }

    /**
     * Conditions ({@code when}, {@code failed_when}, {@code changed_when}, {@code until}): a string,
     * boolean or number, or a list of them. Booleans become {@code "true"}/{@code "false"}, which
     * both Jinja2 and Jinjava read as literals. An empty value means no condition.
     */
    List<String> conditions(YamlNode.Entry e) throws PlaybookException {
        List<String> result = new ArrayList<>();
        for (YamlNode n : scalarsOrList(e, "a condition or a list of conditions",
                e.key() + ": result.rc == 0  (quote it if it contains ': ' or starts with '{{')")) {
            YamlNode.Scalar s = (YamlNode.Scalar) n;
            if (s.value() instanceof Boolean b) {
                result.add(b ? "true" : "false");
            } else if (!s.isNull()) {
                result.add(s.text());
            }
        }
        return List.copyOf(result);
    }

    /** Tags: a comma-separated string or a list, as Ansible splits them. */
    List<String> tags(YamlNode.Entry e) throws PlaybookException {
        List<String> result = new ArrayList<>();
        for (YamlNode n : scalarsOrList(e, "a tag, a comma-separated string or a list of tags", "tags: [deploy, alfresco]")) {
            YamlNode.Scalar s = (YamlNode.Scalar) n;
            if (s.isNull()) {
                continue;
            }
            for (String tag : s.text().split(",")) {
                if (!tag.isBlank()) {
                    result.add(tag.strip());
                }
            }
        }
        return List.copyOf(result);
    }

    /** A string or a list of strings ({@code notify}, {@code listen}, {@code vars_files}). */
    List<String> strings(YamlNode.Entry e) throws PlaybookException {
        List<String> result = new ArrayList<>();
        for (YamlNode n : scalarsOrList(e, "a string or a list of strings", e.key() + ": [first, second]")) {
            YamlNode.Scalar s = (YamlNode.Scalar) n;
            if (!s.isNull()) {
                result.add(s.text());
            }
        }
        return List.copyOf(result);
    }

    /** A mapping as plain values; an empty value is an empty mapping. */
    @SuppressWarnings("unchecked")
    Map<String, Object> mapping(YamlNode.Entry e) throws PlaybookException {
        if (e.value() instanceof YamlNode.Mapping m) {
            return (Map<String, Object>) m.toPlain();
        }
        if (e.value() instanceof YamlNode.Scalar s && s.isNull()) {
            return Map.of();
        }
        throw wrongType(e, "a mapping", e.key() + ": {name: value}");
    }

    /**
     * {@code environment}: a mapping, a template rendering to one, or a list of those. Ansible
     * accumulates environments from play to task; each element here is one layer.
     */
    List<Object> environment(YamlNode.Entry e) throws PlaybookException {
        List<YamlNode> layers = e.value() instanceof YamlNode.Sequence seq ? seq.items() : List.of(e.value());
        List<Object> result = new ArrayList<>();
        for (YamlNode layer : layers) {
            if (layer instanceof YamlNode.Mapping m) {
                result.add(m.toPlain());
            } else if (layer instanceof YamlNode.Scalar s && s.value() instanceof String str && Coerce.isTemplate(str)) {
                result.add(str);
            } else if (!(layer instanceof YamlNode.Scalar s && s.isNull())) {
                throw sources.error(layer.pos(), "'" + e.key() + "' must be a mapping of variables or a template, got "
                        + layer.describe(), "for example: environment: {JAVA_HOME: /opt/java}");
            }
        }
        return result;
    }

    /** The scalars of a scalar-or-list value; nested collections are an error. */
    private List<YamlNode> scalarsOrList(YamlNode.Entry e, String expected, String example) throws PlaybookException {
        List<YamlNode> items = e.value() instanceof YamlNode.Sequence seq ? seq.items() : List.of(e.value());
        for (YamlNode n : items) {
            if (!(n instanceof YamlNode.Scalar)) {
                throw sources.error(n.pos(), "'" + e.key() + "' must be " + expected + ", got " + n.describe(),
                        "for example: " + example);
            }
        }
        return items;
    }
}
