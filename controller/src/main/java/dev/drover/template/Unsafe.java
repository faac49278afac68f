package dev.drover.template;

import java.util.Objects;

/**
 * A variable value that is never rendered as a template, like Ansible's unsafe values: what hosts
 * return (registered results, facts, command output that may contain <code>&#123;&#123;</code>) and
 * strings tagged {@code !unsafe} in YAML. Templates read the wrapped value as it is.
 *
 * <p>Everything else in the variables is rendered when a template first uses it, with the same
 * variables, as Ansible does: {@code home: "{{ base }}/alfresco"} reads as {@code /opt/alfresco}. So
 * the executor wraps host data in {@code Unsafe} when it stores it, and gives {@code hostvars} either
 * already rendered per host or wrapped, because another host's values must not be rendered with this
 * host's variables. Values that templates return are plain again; wrap them when storing them.
 */
public final class Unsafe {
    /** What Ansible's Python class for the value would be, where drover's plain Java value cannot say. */
    enum Kind {
        /** {@code wrap_var}'s {@code AnsibleUnsafeText} for text, the value's own class otherwise. */
        UNSAFE,
        /** A {@code !vault} value: {@code AnsibleVaultEncryptedUnicode}. */
        VAULTED,
        /** Text that must never be read as a literal, made unsafe: {@code NativeJinjaUnsafeText}. */
        NATIVE_TEXT
    }

    private final Object value;
    private final Kind kind;

    private Unsafe(Object value, Kind kind) {
        this.value = value;
        this.kind = kind;
    }

    public static Unsafe of(Object value) {
        return new Unsafe(value, Kind.UNSAFE);
    }

    /**
     * Text of {@code lookup('template', ..., convert_data=False)}, as Ansible's {@code NativeJinjaUnsafeText}:
     * unsafe, and never turned into a list or dict where it is the whole result of a template.
     */
    static Unsafe nativeText(String text) {
        return new Unsafe(text, Kind.NATIVE_TEXT);
    }

    /**
     * A {@code !vault} value's plaintext, as Ansible's {@code AnsibleVaultEncryptedUnicode}: never
     * rendered as a template, and {@code is vault_encrypted} while it is read as it is (a filter's
     * result is plain text again). The plaintext is masked in output by the vault's redactor.
     */
    public static Unsafe vaulted(String plaintext) {
        return new Unsafe(plaintext, Kind.VAULTED);
    }

    /** Whether this is a {@code !vault} value. */
    public boolean vaulted() {
        return kind == Kind.VAULTED;
    }

    Kind kind() {
        return kind;
    }

    public Object value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Unsafe u && kind == u.kind && Objects.equals(value, u.value);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(value);
    }

    @Override
    public String toString() {
        return String.valueOf(value);
    }
}
