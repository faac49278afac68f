package dev.drover.transport.ssh;

import java.util.List;
import java.util.Locale;

/**
 * OpenSSH host pattern matching, shared by {@code ssh_config} {@code Host} lines and known_hosts
 * host fields: {@code *} matches any run of characters, {@code ?} exactly one, and a pattern starting
 * with {@code !} is a negation. A list matches when at least one plain pattern matches and no negated
 * one does (a negated match vetoes the whole list, whatever its position). Matching ignores case.
 */
final class HostPatterns {
    private HostPatterns() {
    }

    /** @param patterns the patterns of one {@code Host} line or one known_hosts host field */
    static boolean matchesList(String host, List<String> patterns) {
        boolean positive = false;
        for (String p : patterns) {
            if (p.startsWith("!")) {
                if (matches(host, p.substring(1))) {
                    return false;
                }
            } else if (matches(host, p)) {
                positive = true;
            }
        }
        return positive;
    }

    /** One wildcard pattern without negation. */
    static boolean matches(String host, String pattern) {
        return glob(host.toLowerCase(Locale.ROOT), 0, pattern.toLowerCase(Locale.ROOT), 0);
    }

    private static boolean glob(String s, int si, String p, int pi) {
        // Iterative wildcard match with single-star backtracking: linear for the patterns people write.
        int starP = -1;
        int starS = -1;
        while (si < s.length()) {
            if (pi < p.length() && (p.charAt(pi) == '?' || p.charAt(pi) == s.charAt(si))) {
                si++;
                pi++;
            } else if (pi < p.length() && p.charAt(pi) == '*') {
                starP = pi++;
                starS = si;
            } else if (starP >= 0) {
                pi = starP + 1;
                si = ++starS;
            } else {
                return false;
            }
        }
        while (pi < p.length() && p.charAt(pi) == '*') {
            pi++;
        }
        return pi == p.length();
    }
}
