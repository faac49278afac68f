package dev.drover.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the CLI in-process, as a user would from a shell, and keeps what it printed. Public for the
 * end-to-end tests in other packages (dev.drover.acs).
 */
public record CliRun(int exitCode, String out, String err) {

    public static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliRun(code, out.toString(), err.toString());
    }

    /** The recap line of {@code host} (from {@code ok=}, spaces folded), or null when the recap has none. */
    public String recapLine(String host) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(host) + " +: (ok=.*)$").matcher(out);
        return m.find() ? m.group(1).replaceAll(" +", " ").trim() : null;
    }

    /** What follows the PLAY RECAP banner. */
    public String recap() {
        int i = out.lastIndexOf("PLAY RECAP");
        return i < 0 ? "" : out.substring(i);
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
