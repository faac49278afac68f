package dev.drover.inventory.pattern;

import dev.drover.inventory.source.HostAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Splitting a pattern into terms and ordering them, as Ansible's {@code split_host_pattern}/{@code order_patterns}. */
final class PatternTerms {
    /** A term: anything but whitespace, ':' and brackets, or a whole bracketed expression. */
    private static final Pattern COLON_TERM = Pattern.compile("(?:[^\\s:\\[\\]]|\\[[^\\]]*\\])+");

    private PatternTerms() {
    }

    /**
     * Commas always separate terms. Without a comma, a string that reads as one host address
     * ({@code node[1:3]}, {@code db1:2222}, an IPv6 address) is one term; otherwise colons
     * separate terms (Ansible's older syntax, {@code web:&db:!db2}).
     */
    static List<String> split(String pattern) {
        List<String> raw = new ArrayList<>();
        if (pattern.contains(",")) {
            raw.addAll(List.of(pattern.split(",")));
        } else if (HostAddress.parse(pattern.strip(), true).isPresent()) {
            raw.add(pattern);
        } else {
            Matcher m = COLON_TERM.matcher(pattern);
            while (m.find()) {
                raw.add(m.group());
            }
        }
        List<String> terms = new ArrayList<>();
        for (String t : raw) {
            if (!t.isBlank()) {
                terms.add(t.strip());
            }
        }
        return terms;
    }

    /**
     * Unions first, then intersections ({@code &}), then exclusions ({@code !}), each group in the
     * order written. With no union term, {@code all} is the starting set.
     */
    static List<String> order(List<String> terms) {
        List<String> regular = new ArrayList<>();
        List<String> intersect = new ArrayList<>();
        List<String> exclude = new ArrayList<>();
        for (String t : terms) {
            if (t.isEmpty()) {
                continue;
            }
            switch (t.charAt(0)) {
                case '!' -> exclude.add(t);
                case '&' -> intersect.add(t);
                default -> regular.add(t);
            }
        }
        if (regular.isEmpty()) {
            regular.add("all");
        }
        List<String> ordered = new ArrayList<>(regular);
        ordered.addAll(intersect);
        ordered.addAll(exclude);
        return ordered;
    }
}
