package dev.drover.acssim.mmt;

import java.io.PrintStream;

/**
 * MMT's output rules: verbose messages only with -verbose (or -preview, or for list and uninstall,
 * which force it); plain messages always; errors on stderr. An indented message gets MMT's
 * {@code "   - "} prefix. Not thread-safe.
 */
final class Console {
    private final PrintStream out;
    private final PrintStream err;
    private boolean verbose;

    Console(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    void verbose(boolean on) {
        verbose = on;
    }

    boolean isVerbose() {
        return verbose;
    }

    /** Printed only in verbose mode. */
    void detail(String message) {
        if (verbose) {
            out.println(message);
        }
    }

    /** Printed only in verbose mode, indented. */
    void detailItem(String message) {
        detail("   - " + message);
    }

    /** Printed always, indented (MMT's warnings about overwritten files). */
    void item(String message) {
        out.println("   - " + message);
    }

    void error(String message) {
        err.println(message);
    }

    PrintStream out() {
        return out;
    }
}
