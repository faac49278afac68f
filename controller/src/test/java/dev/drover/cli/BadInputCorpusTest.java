package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The bad-input corpus ({@code src/test/resources/bad-input/cases.txt}, written by its
 * {@code generate.py}): hostile or broken playbooks, inventories, command-line flags, {@code -e}
 * values and vars files, each run in-process as a user would type it. Every case must exit with
 * its documented code, name where the problem is (file:line:column, the option, {@code -e}, the
 * host variable), print no stack trace, and touch no host: exit 4 leaves the host's agent cache
 * (the canary {@code drover_agent_cache}) uncreated, and no case changes anything on a host.
 */
class BadInputCorpusTest {
    private static final Pattern STACK_TRACE = Pattern.compile(
            "(?m)^\\s+at [\\w.$]+\\(.*\\)$|\\bjava\\.[\\w.]+(Exception|Error)\\b|Exception in thread|\\bNullPointerException\\b"
            + "|\\bStackOverflowError\\b|\\bOutOfMemoryError\\b|\\bClassCastException\\b");

    /** Not under /tmp: drover refuses an agent cache there, and the canary must be a usable one. */
    private final Path dir = Path.of("target", "bad-input-corpus").toAbsolutePath();

    record Case(String kind, String name, String args, int exit, Pattern where, Map<String, String> files) {
    }

    static List<Case> cases() throws IOException {
        String text;
        try (InputStream in = BadInputCorpusTest.class.getResourceAsStream("/bad-input/cases.txt")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Case> out = new ArrayList<>();
        for (String block : text.split("(?m)^=== ")) {
            if (block.isBlank()) {
                continue;
            }
            String[] lines = block.split("\n", -1);
            String title = lines[0];
            String args = "run -i hosts.ini site.yml";
            int exit = 4;
            Pattern where = null;
            Map<String, String> files = new LinkedHashMap<>();
            String file = null;
            StringBuilder content = new StringBuilder();
            for (int i = 1; i < lines.length; i++) {
                String l = lines[i];
                if (l.startsWith("--- ")) {
                    if (file != null) {
                        files.put(file, content.toString());
                    }
                    file = l.substring(4);
                    content.setLength(0);
                } else if (file != null) {
                    content.append(l).append('\n');
                } else if (l.startsWith("args: ")) {
                    args = l.substring(6);
                } else if (l.startsWith("exit: ")) {
                    exit = Integer.parseInt(l.substring(6).strip());
                } else if (l.startsWith("where: ")) {
                    where = Pattern.compile(l.substring(7));
                }
            }
            if (file != null) {
                files.put(file, content.toString().replaceAll("\n+$", "\n"));
            }
            int colon = title.indexOf(": ");
            out.add(new Case(title.substring(0, colon), title.substring(colon + 2), args, exit, where, files));
        }
        return out;
    }

    /** Words as a POSIX shell splits them, for the quoting the corpus uses ('...' and "..."). */
    static List<String> words(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean any = false;
        char quote = 0;
        for (char c : line.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    w.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                any = true;
            } else if (c == ' ') {
                if (any || w.length() > 0) {
                    out.add(w.toString());
                }
                w.setLength(0);
                any = false;
            } else {
                w.append(c);
            }
        }
        if (any || w.length() > 0) {
            out.add(w.toString());
        }
        return out;
    }

    private CliRun run(Case c, Path caseDir) throws IOException {
        Files.createDirectories(caseDir);
        for (Map.Entry<String, String> f : c.files().entrySet()) {
            Files.createDirectories(caseDir.resolve(f.getKey()).getParent());
            Files.writeString(caseDir.resolve(f.getKey()), f.getValue().replace("HOSTCACHE", caseDir.resolve("hostcache").toString()));
        }
        List<String> args = new ArrayList<>();
        for (String w : words(c.args())) {
            if (c.files().containsKey(w)) {
                w = caseDir.resolve(w).toString();
            } else if (w.startsWith("@") && c.files().containsKey(w.substring(1))) {
                w = "@" + caseDir.resolve(w.substring(1));
            }
            args.add(w);
        }
        if (args.get(0).equals("run")) {
            args.addAll(1, List.of("--state-dir", caseDir.resolve("state").toString()));
        }
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void everyBadInputGetsItsExitCodeAClearPlaceAndNoStackTraceAndTouchesNoHost() throws IOException {
        List<Case> cases = cases();
        if (Files.exists(dir)) {
            try (var old = Files.walk(dir)) {
                old.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        int clear = 0;
        int traces = 0;
        int touched = 0;
        List<String> problems = new ArrayList<>();
        int n = 0;
        for (Case c : cases) {
            Path caseDir = dir.resolve("case" + (++n));
            CliRun r = run(c, caseDir);
            String all = r.out() + r.err();
            List<String> wrong = new ArrayList<>();
            if (r.exitCode() != c.exit()) {
                wrong.add("exit " + r.exitCode() + ", expected " + c.exit());
            }
            if (c.where() != null && !c.where().matcher(all).find()) {
                wrong.add("does not name " + c.where());
            }
            if (STACK_TRACE.matcher(all).find()) {
                traces++;
                wrong.add("stack trace");
            }
            boolean hostTouched = (c.exit() == ExitCodes.BAD_INPUT && Files.exists(caseDir.resolve("hostcache")))
                    || all.contains("changed: [");
            if (hostTouched) {
                touched++;
                wrong.add("touched a host");
            }
            if (wrong.isEmpty()) {
                clear++;
            } else {
                problems.add(c.kind() + ": " + c.name() + " (args " + c.args() + "): " + String.join("; ", wrong)
                        + "\n" + indent(all));
            }
        }
        System.out.println("bad-input corpus: " + cases.size() + " cases, " + clear + " clear errors, " + traces
                + " stack traces, " + touched + " touched a host");
        assertTrue(cases.size() >= 200, "at least 200 cases: " + cases.size());
        assertEquals("", String.join("\n", problems), problems.size() + " of " + cases.size() + " cases");
    }

    private static String indent(String s) {
        String cut = s.length() > 1200 ? s.substring(0, 1200) + "..." : s;
        return cut.replaceAll("(?m)^", "    | ");
    }
}
