package dev.drover.execute.rolling;

import dev.drover.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code drover ...} run in-process, as from a shell, with what it printed. */
record Drover(int exitCode, String out, String err) {
    static final int OK = 0;
    static final int HOST_FAILED = 2;

    static Drover run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Drover(code, out.toString(), err.toString());
    }

    /** The recap line of {@code host}, or null when the recap has none. */
    String recapLine(String host) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(host) + " +: (ok=.*)$").matcher(out);
        return m.find() ? m.group(1).replaceAll(" +", " ").trim() : null;
    }

    /** What follows the PLAY RECAP banner. */
    String recap() {
        int i = out.lastIndexOf("PLAY RECAP");
        return i < 0 ? "" : out.substring(i);
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
