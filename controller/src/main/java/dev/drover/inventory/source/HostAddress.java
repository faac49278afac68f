package dev.drover.inventory.source;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A host identifier with an optional port, as Ansible's {@code parse_address} reads it:
 * {@code name}, {@code name:2222}, {@code 10.0.0.1:22}, {@code [::1]:22}, bare IPv6, and with
 * ranges allowed {@code node[01:10]:22}. Used for inventory host entries and host lists, and by host
 * patterns to tell {@code web:db} (two patterns) from {@code web:22} (one host with a port).
 *
 * @param host the host part, ranges not yet expanded
 * @param port the port, or null when none was given
 */
public record HostAddress(String host, Integer port) {

    private static final String NUMERIC_RANGE = "\\[(?:[0-9]+:[0-9]+)(?::[0-9]+)?\\]";
    private static final String HEX_RANGE = "\\[(?:[0-9a-f]+:[0-9a-f]+)(?::[0-9]+)?\\]";
    private static final String ALNUM_RANGE = "\\[(?:[a-z]:[a-z]|[0-9]+:[0-9]+)(?::[0-9]+)?\\]";
    private static final String IPV6_PART = "(?:[0-9a-f]{1,4}|" + HEX_RANGE + ")";
    private static final String IPV4_PART = "(?:[01]?[0-9]{1,2}|2[0-4][0-9]|25[0-5]|" + NUMERIC_RANGE + ")";
    private static final String LABEL = "(?:\\w|" + ALNUM_RANGE + ")(?:[\\w-]|" + ALNUM_RANGE + ")*(?<![_-])";

    private static final Pattern BRACKETED_HOSTPORT = Pattern.compile("^\\[(.+)\\]:([0-9]+)$");
    private static final Pattern HOSTPORT = Pattern.compile("^((?:[^:\\[\\]]|\\[[^\\]]*\\])*):([0-9]+)$");
    private static final Pattern IPV4 = Pattern.compile("^(?:" + IPV4_PART + "\\.){3}" + IPV4_PART + "$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern IPV6 = Pattern.compile(("^(?:"
            + "(?:P:){7}P|(?:P:){1,6}:|(?:P:)(?::P){1,6}|(?:P:){2}(?::P){1,5}|(?:P:){3}(?::P){1,4}"
            + "|(?:P:){4}(?::P){1,3}|(?:P:){5}(?::P){1,2}|(?:P:){6}(?::P)|:(?::P){1,6}|P?::"
            + "|(?:0:){6}(?:P\\.){3}P|::(?:ffff:)?(?:P\\.){3}P|(?:0:){5}ffff:(?:P\\.){3}P"
            + ")$").replace("P", IPV6_PART), Pattern.CASE_INSENSITIVE);
    private static final Pattern HOSTNAME = Pattern.compile("^" + LABEL + "(?:\\." + LABEL + ")*$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CHARACTER_CLASS);

    /**
     * Reads a host with an optional port; empty if the text is not a valid host name or address
     * (then Ansible treats the whole text as the name). Ranges are accepted only if allowed.
     */
    public static Optional<HostAddress> parse(String text, boolean allowRanges) {
        String address = text;
        Integer port = null;
        for (Pattern p : new Pattern[] {BRACKETED_HOSTPORT, HOSTPORT}) {
            Matcher m = p.matcher(address);
            if (m.matches()) {
                address = m.group(1);
                try {
                    port = Integer.valueOf(m.group(2));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }
        }
        boolean valid = IPV4.matcher(address).matches() || IPV6.matcher(address).matches()
                || HOSTNAME.matcher(address).matches();
        if (!valid || (!allowRanges && address.contains("["))) {
            return Optional.empty();
        }
        return Optional.of(new HostAddress(address, port));
    }

    /**
     * An inventory host entry: the host part and port if it parses as an address, else the whole
     * entry as the name with no port (Ansible's {@code _expand_hostpattern}).
     */
    static HostAddress ofEntry(String entry) {
        return parse(entry, true).orElse(new HostAddress(entry, null));
    }
}
