package dev.drover.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ansible's {@code version} test ({@code '5.2.7' is version('5.2.10', '<')}), also usable as the
 * {@code version_compare} filter of older playbooks, with the same version types:
 *
 * <ul>
 *   <li>{@code loose} (default), distutils' LooseVersion: runs of digits compare as numbers, runs of
 *       lower-case letters and anything else as text; {@code 1.0 < 1.0.0}; comparing a number part with
 *       a text part fails, as in Python ({@code '1.0.b'} against {@code '1.0.1'});
 *   <li>{@code strict} (or {@code strict=true}), StrictVersion: {@code 1.2}, {@code 1.2.3},
 *       {@code 1.2.3a1}, {@code 1.2b3} only;
 *   <li>{@code semver} / {@code semantic}: Semantic Versioning 2.0, pre-releases before releases.
 *   <li>{@code pep440}: Python packaging's Version ({@code 2.14.0rc1 < 2.14.0}; epoch, pre, post and dev
 *       releases; a local label is not compared).
 * </ul>
 */
final class Versions {
    private static final Map<String, String> OPERATORS = Map.ofEntries(Map.entry("==", "eq"), Map.entry("=", "eq"),
            Map.entry("eq", "eq"), Map.entry("<", "lt"), Map.entry("lt", "lt"), Map.entry("<=", "le"),
            Map.entry("le", "le"), Map.entry(">", "gt"), Map.entry("gt", "gt"), Map.entry(">=", "ge"),
            Map.entry("ge", "ge"), Map.entry("!=", "ne"), Map.entry("<>", "ne"), Map.entry("ne", "ne"));
    private static final String OPERATOR_LIST =
            "'==', '=', 'eq', '<', 'lt', '<=', 'le', '>', 'gt', '>=', 'ge', '!=', '<>', 'ne'";
    private static final Pattern LOOSE_PART = Pattern.compile("\\d+|[a-z]+|\\.");
    private static final Pattern STRICT = Pattern.compile("(\\d+)\\.(\\d+)(\\.(\\d+))?([ab](\\d+))?");
    private static final Pattern SEMVER = Pattern.compile("(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
            + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
            + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?");

    private Versions() {
    }

    static List<FilterDef> filters() {
        return List.of(FilterDef.of("version_compare", (v, a, e) -> compare(v, a, e)),
                FilterDef.of("version", (v, a, e) -> compare(v, a, e)));
    }

    static List<TestDef> tests() {
        return List.of(TestDef.of("version", Versions::compare), TestDef.of("version_compare", Versions::compare));
    }

    /** {@code version(value, version, operator='eq', strict=None, version_type=None)}. */
    static boolean compare(Object value, Args args, Evaluation eval) {
        Object other = args.required(0, "version");
        String operator = args.string(1, "operator", "eq");
        Object strict = args.get(2, "strict", null);
        String type = args.string(3, "version_type", null);
        if (strict != null && type != null) {
            throw new TemplateFailure("Cannot specify both 'strict' and 'version_type'");
        }
        String left = value == null ? "" : PyValues.str(value, eval);
        String right = other == null ? "" : PyValues.str(other, eval);
        if (left.isEmpty()) {
            throw new TemplateFailure("Input version value cannot be empty");
        }
        if (right.isEmpty()) {
            throw new TemplateFailure("Version parameter to compare against cannot be empty");
        }
        String op = OPERATORS.get(operator);
        if (op == null) {
            throw new TemplateFailure("Invalid operator type (" + operator + "). Must be one of " + OPERATOR_LIST);
        }
        String kind = PyValues.truthy(strict) ? "strict" : type == null ? "loose" : type;
        int c = switch (kind) {
            case "loose" -> compareLoose(left, right);
            case "strict" -> compareStrict(left, right);
            case "semver", "semantic" -> compareSemver(left, right);
            case "pep440" -> comparePep440(left, right);
            default -> throw new TemplateFailure("Invalid version type (" + kind
                    + "). Must be one of 'loose', 'strict', 'semver', 'semantic', 'pep440'");
        };
        return switch (op) {
            case "eq" -> c == 0;
            case "ne" -> c != 0;
            case "lt" -> c < 0;
            case "le" -> c <= 0;
            case "gt" -> c > 0;
            default -> c >= 0;
        };
    }

    private static final Pattern PEP440 = Pattern.compile("\\s*v?(?:(\\d+)!)?(\\d+(?:\\.\\d+)*)"
            + "(?:[-_.]?(a|b|c|rc|alpha|beta|pre|preview)[-_.]?(\\d+)?)?"
            + "(?:-(\\d+)|[-_.]?(post|rev|r)[-_.]?(\\d+)?)?"
            + "(?:[-_.]?(dev)[-_.]?(\\d+)?)?(?:\\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?\\s*", Pattern.CASE_INSENSITIVE);

    private static int comparePep440(String left, String right) {
        List<Long> a = pep440(left);
        List<Long> b = pep440(right);
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            long x = i < a.size() ? a.get(i) : 0;
            long y = i < b.size() ? b.get(i) : 0;
            if (x != y) {
                return Long.compare(x, y);
            }
        }
        return 0;
    }

    /**
     * packaging's sort key, flattened: epoch, release, then pre, post and dev (each a rank and a number: no
     * pre-release sorts after any, a dev release of a final before its pre-releases), then the release.
     */
    private static List<Long> pep440(String version) {
        Matcher m = PEP440.matcher(version);
        if (!m.matches()) {
            throw new TemplateFailure("Version comparison failed: Invalid version: '" + version + "'");
        }
        List<Long> key = new ArrayList<>();
        key.add(m.group(1) == null ? 0 : Long.parseLong(m.group(1)));
        List<Long> release = new ArrayList<>();
        for (String part : m.group(2).split("\\.")) {
            release.add(Long.parseLong(part));
        }
        while (release.size() > 1 && release.get(release.size() - 1) == 0) {
            release.remove(release.size() - 1);
        }
        for (int i = 0; i < 8; i++) {
            key.add(i < release.size() ? release.get(i) : 0);
        }
        boolean post = m.group(5) != null || m.group(6) != null;
        boolean dev = m.group(8) != null;
        String pre = m.group(3) == null ? null : m.group(3).toLowerCase();
        long preRank = pre == null ? (!post && dev ? -1 : 9) : switch (pre) {
            case "a", "alpha" -> 1;
            case "b", "beta" -> 2;
            default -> 3;
        };
        key.add(preRank);
        key.add(m.group(4) == null ? 0 : Long.parseLong(m.group(4)));
        key.add(post ? 1L : 0L);
        key.add(m.group(5) != null ? Long.parseLong(m.group(5)) : m.group(7) != null ? Long.parseLong(m.group(7)) : 0);
        key.add(dev ? 0L : 1L);
        key.add(m.group(9) == null ? 0 : Long.parseLong(m.group(9)));
        return key;
    }

    private static int compareLoose(String left, String right) {
        try {
            return PyCompare.compare(loose(left), loose(right));
        } catch (TemplateFailure f) {
            throw new TemplateFailure("Version comparison failed: " + f.getMessage());
        }
    }

    /** LooseVersion's parts: numbers as {@code Long}, everything else as text; dots dropped. */
    static List<Object> loose(String version) {
        List<Object> parts = new ArrayList<>();
        Matcher m = LOOSE_PART.matcher(version);
        int last = 0;
        while (m.find()) {
            if (m.start() > last) {
                parts.add(version.substring(last, m.start()));
            }
            String part = m.group();
            if (!part.equals(".")) {
                boolean number = Character.isDigit(part.charAt(0)) && part.length() < 19;
                parts.add(number ? (Object) Long.parseLong(part) : part);
            }
            last = m.end();
        }
        if (last < version.length()) {
            parts.add(version.substring(last));
        }
        return parts;
    }

    private static int compareStrict(String left, String right) {
        long[] a = strict(left);
        long[] b = strict(right);
        for (int i = 0; i < 3; i++) {
            if (a[i] != b[i]) {
                return Long.compare(a[i], b[i]);
            }
        }
        // A release sorts after its pre-releases; pre-releases by letter, then number.
        if (a[3] != b[3]) {
            return a[3] == 0 ? 1 : b[3] == 0 ? -1 : Long.compare(a[3], b[3]);
        }
        return Long.compare(a[4], b[4]);
    }

    private static long[] strict(String version) {
        Matcher m = STRICT.matcher(version);
        if (!m.matches()) {
            throw new TemplateFailure("Version comparison failed: invalid version number '" + version + "'");
        }
        long patch = m.group(4) == null ? 0 : Long.parseLong(m.group(4));
        long pre = m.group(5) == null ? 0 : m.group(5).charAt(0);
        long preNumber = m.group(6) == null ? 0 : Long.parseLong(m.group(6));
        return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), patch, pre, preNumber};
    }

    private static int compareSemver(String left, String right) {
        Matcher a = semver(left);
        Matcher b = semver(right);
        for (int g = 1; g <= 3; g++) {
            int c = Long.compare(Long.parseLong(a.group(g)), Long.parseLong(b.group(g)));
            if (c != 0) {
                return c;
            }
        }
        String preA = a.group(4);
        String preB = b.group(4);
        if (preA == null || preB == null) {
            return preA == null ? (preB == null ? 0 : 1) : -1;
        }
        String[] x = preA.split("\\.");
        String[] y = preB.split("\\.");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            boolean xNum = x[i].chars().allMatch(Character::isDigit);
            boolean yNum = y[i].chars().allMatch(Character::isDigit);
            int c = xNum && yNum ? Long.compare(Long.parseLong(x[i]), Long.parseLong(y[i]))
                    : xNum ? -1 : yNum ? 1 : x[i].compareTo(y[i]);
            if (c != 0) {
                return Integer.signum(c);
            }
        }
        return Integer.compare(x.length, y.length);
    }

    private static Matcher semver(String version) {
        Matcher m = SEMVER.matcher(version);
        if (!m.matches()) {
            throw new TemplateFailure("Version comparison failed: invalid semantic version '" + version + "'");
        }
        return m;
    }
}
