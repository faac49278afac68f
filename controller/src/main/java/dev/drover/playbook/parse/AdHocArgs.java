package dev.drover.playbook.parse;

import java.util.Map;

/**
 * Module arguments given on the command line ({@code drover exec -m copy -a 'src=a dest=b'}), parsed
 * exactly as the same text in a playbook task would be (Ansible's parse_kv; free-form modules keep
 * their command line in {@code _raw_params}).
 */
public final class AdHocArgs {
    private AdHocArgs() {
    }

    /** @throws IllegalArgumentException with the reason, for unbalanced quotes or Jinja2 blocks */
    public static Map<String, Object> parse(String module, String text) {
        try {
            return KeyValueArgs.parse(text, Keywords.FREE_FORM_MODULES.contains(module));
        } catch (KeyValueArgs.SplitException e) {
            throw new IllegalArgumentException("cannot parse module arguments '" + text + "': " + e.getMessage(), e);
        }
    }
}
