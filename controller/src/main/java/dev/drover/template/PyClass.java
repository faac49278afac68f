package dev.drover.template;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Python classes Ansible 2.14 gives text by where it came from, which drover's {@link String}s
 * cannot carry: {@link Evaluation} records them by identity for the values one call meets, and
 * {@code type_debug}, {@code is vault_encrypted} and {@link EvalConcat} read them back. Measured with
 * ansible-playbook 2.14.18 (see {@code TypeDebugTest}):
 * <ul>
 * <li>{@code AnsibleUnsafeText}: text from hosts (registered results, facts), from lookups and
 *     {@code !unsafe}, and what a template that read such text returned ({@code wrap_var});
 * <li>{@code NativeJinjaText}: what a string-type filter ({@code string}, {@code to_json}...) returned;
 * <li>{@code NativeJinjaUnsafeText}: {@code lookup('template', ..., convert_data=False)};
 * <li>{@code AnsibleVaultEncryptedUnicode}: a {@code !vault} value read as it is.
 * </ul>
 * Other text is {@code str} for drover. Ansible's {@code AnsibleUnicode} (text read from YAML and not
 * rendered) is not modelled: drover's parsed strings are plain {@link String}s.
 */
enum PyClass {
    UNSAFE_TEXT("AnsibleUnsafeText"),
    NATIVE_TEXT("NativeJinjaText"),
    NATIVE_UNSAFE_TEXT("NativeJinjaUnsafeText"),
    VAULT_TEXT("AnsibleVaultEncryptedUnicode"),
    /** A list or dict {@code wrap_var} made unsafe: its own class is {@code list} or {@code dict}, its texts unsafe. */
    UNSAFE_CONTAINER(null);

    /**
     * Jinja2's filters that return a str method's result: on Ansible's {@code AnsibleUnsafeText} (and
     * {@code NativeJinjaUnsafeText}) those keep the class, so {@code lookup('file', f) | upper} is
     * unsafe text (ansible-playbook 2.14.18); {@code regex_replace} and {@code ~} give {@code str}.
     */
    private static final Set<String> STR_METHOD_FILTERS = Set.of("upper", "lower", "capitalize", "trim",
            "replace", "center");

    private final String pythonName;

    PyClass(String pythonName) {
        this.pythonName = pythonName;
    }

    String pythonName() {
        return pythonName;
    }

    /** Whether the filter's result is unsafe text when its input is (see {@link Evaluation#strMethodResult}). */
    static boolean keepsUnsafe(String filter) {
        return STR_METHOD_FILTERS.contains(filter);
    }

    /** Whether {@code item} is, by identity, a value or key anywhere in the lists and maps of {@code container}. */
    static boolean containsByIdentity(Object container, Object item) {
        if (container == item) {
            return true;
        }
        if (container instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (e.getKey() == item || containsByIdentity(unwrap(e.getValue()), item)) {
                    return true;
                }
            }
        } else if (container instanceof List<?> list) {
            for (Object v : list) {
                if (containsByIdentity(unwrap(v), item)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Object unwrap(Object v) {
        return v instanceof Unsafe u ? u.value() : v;
    }
}
