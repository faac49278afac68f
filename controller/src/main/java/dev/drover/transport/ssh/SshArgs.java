package dev.drover.transport.ssh;

import dev.drover.transport.ProxySetting;
import java.util.List;
import java.util.Locale;

/**
 * Reads the jump settings out of OpenSSH command-line arguments, as Ansible users write them in
 * {@code ansible_ssh_common_args} / {@code ansible_ssh_extra_args}: {@code -J hops},
 * {@code -o ProxyJump=hops} and {@code -o ProxyCommand="ssh -W %h:%p bastion"} (also {@code -oKey=value}
 * and {@code -o "Key value"}). As in ssh, the first of them wins, and a value of {@code none}
 * disables a jump that {@code ~/.ssh/config} would otherwise add.
 */
public final class SshArgs {
    private SshArgs() {
    }

    /**
     * @param args   the arguments as one string (shell quoting allowed)
     * @param origin where they come from, for messages
     * @return the first jump setting, or null when the arguments name none
     * @throws IllegalArgumentException when the arguments cannot be split (unbalanced quotes) or
     *     {@code -J} / {@code -o} lacks its value
     */
    public static ProxySetting proxy(String args, String origin) {
        List<String> words = ShellWords.split(args);
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (w.equals("-J") || w.equals("-o")) {
                if (i + 1 >= words.size()) {
                    throw new IllegalArgumentException("'" + w + "' at the end of the arguments needs a value");
                }
                String value = words.get(++i);
                ProxySetting p = w.equals("-J") ? ProxySetting.jump(value, "-J in " + origin) : option(value, origin);
                if (p != null) {
                    return p;
                }
            } else if (w.startsWith("-J")) {
                return ProxySetting.jump(w.substring(2), "-J in " + origin);
            } else if (w.startsWith("-o")) {
                ProxySetting p = option(w.substring(2), origin);
                if (p != null) {
                    return p;
                }
            }
        }
        return null;
    }

    /** {@code Key=value} or {@code Key value}; null unless Key is ProxyJump or ProxyCommand. */
    private static ProxySetting option(String option, String origin) {
        String s = option.strip();
        int end = 0;
        while (end < s.length() && s.charAt(end) != '=' && !Character.isWhitespace(s.charAt(end))) {
            end++;
        }
        String key = s.substring(0, end).toLowerCase(Locale.ROOT);
        String value = s.substring(end).strip();
        if (value.startsWith("=")) {
            value = value.substring(1).strip();
        }
        return switch (key) {
            case "proxyjump" -> ProxySetting.jump(value, "-o ProxyJump in " + origin);
            case "proxycommand" -> ProxySetting.command(value, "-o ProxyCommand in " + origin);
            default -> null;
        };
    }
}
