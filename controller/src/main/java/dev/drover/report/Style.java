package dev.drover.report;

/**
 * ANSI colours in Ansible's scheme (ok green, changed yellow, failed red, skipped cyan), applied only
 * when the output is a terminal; piped and cron output stays plain.
 */
public final class Style {
    public static final Style PLAIN = new Style(false);
    public static final Style ANSI = new Style(true);

    private final boolean colour;

    private Style(boolean colour) {
        this.colour = colour;
    }

    /**
     * {@code auto} colours a terminal (no {@code NO_COLOR}, {@code TERM} not {@code dumb}); {@code always}
     * and {@code never} force it.
     */
    public static Style choose(String mode) {
        return switch (mode == null ? "auto" : mode) {
            case "always" -> ANSI;
            case "never" -> PLAIN;
            default -> Terminal.present() && System.getenv("NO_COLOR") == null
                    && !"dumb".equals(System.getenv("TERM")) ? ANSI : PLAIN;
        };
    }

    public boolean colour() {
        return colour;
    }

    public String ok(String s) {
        return paint("32", s);
    }

    public String changed(String s) {
        return paint("33", s);
    }

    public String failed(String s) {
        return paint("31", s);
    }

    public String unreachable(String s) {
        return paint("1;31", s);
    }

    public String skipped(String s) {
        return paint("36", s);
    }

    public String bold(String s) {
        return paint("1", s);
    }

    private String paint(String code, String s) {
        return colour ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
    }
}
