package dev.drover.agent.modules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.jr.ob.JSON;
import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;

/**
 * Turns the case files under a root ({@code <root>/<module>/<case>.json}) into dynamic tests and
 * runs them. Besides each case's own expectations it checks what every module owes: check mode
 * changes nothing on disk and predicts the real run's changed/failed, and a changing run repeated
 * reports no change and changes nothing. The format is in {@code src/test/resources/modules/README.md}.
 */
public final class ModuleCases {

    /**
     * Runs one module request the way the agent does and returns the result as the controller would
     * receive it. Must never throw for a module failure or crash: those are results.
     */
    @FunctionalInterface
    public interface Dispatch {
        Map<String, Object> run(String module, Map<String, Object> args, boolean check, boolean diff) throws Exception;
    }

    private final Dispatch dispatch;

    private ModuleCases(Dispatch dispatch) {
        this.dispatch = dispatch;
    }

    /**
     * One container per module folder, one test per case file. A folder whose name is not in
     * {@code modules} becomes a failing test: its cases would otherwise "pass" on the unknown-module
     * failure.
     */
    public static Stream<DynamicNode> discover(Path root, Set<String> modules, Dispatch dispatch) throws IOException {
        ModuleCases runner = new ModuleCases(dispatch);
        List<DynamicNode> nodes = new ArrayList<>();
        for (Path dir : moduleDirs(root)) {
            String module = dir.getFileName().toString();
            if (!modules.contains(module)) {
                nodes.add(DynamicTest.dynamicTest(module, dir.toUri(), () -> fail(dir + ": no module '" + module
                        + "' is registered in BuiltinModules; the registered ones are " + new TreeSet<>(modules))));
                continue;
            }
            nodes.add(DynamicContainer.dynamicContainer(module, dir.toUri(), runner.cases(module, dir).stream()));
        }
        return nodes.stream();
    }

    /** The module folders under root, sorted. */
    public static List<Path> moduleDirs(Path root) throws IOException {
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(Files::isDirectory).sorted().toList();
        }
    }

    /** The case files of one module folder: {@code *.json} except files starting with {@code _}. */
    public static List<Path> caseFiles(Path moduleDir) throws IOException {
        try (Stream<Path> files = Files.list(moduleDir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json"))
                    .filter(f -> !f.getFileName().toString().startsWith("_"))
                    .sorted().toList();
        }
    }

    private List<DynamicNode> cases(String module, Path dir) throws IOException {
        List<DynamicNode> cases = new ArrayList<>();
        Map<String, Object> defaults;
        try {
            Path file = dir.resolve(ModuleCase.DEFAULTS_FILE);
            defaults = Files.exists(file) ? ModuleCase.readDefaults(file) : Map.of();
        } catch (IOException | RuntimeException e) {
            // A broken defaults file fails every case of the module rather than silently applying none.
            return List.of(DynamicTest.dynamicTest(ModuleCase.DEFAULTS_FILE, () -> fail(e.getMessage(), e)));
        }
        for (Path file : caseFiles(dir)) {
            String name = file.getFileName().toString().replaceFirst("\\.json$", "");
            ModuleCase c;
            try {
                c = ModuleCase.read(module, file, defaults);
            } catch (IOException | RuntimeException e) {
                cases.add(DynamicTest.dynamicTest(name, file.toUri(), () -> fail(e.getMessage(), e)));
                continue;
            }
            cases.add(DynamicTest.dynamicTest(name, file.toUri(), () -> run(c)));
        }
        return cases;
    }

    void run(ModuleCase c) throws Exception {
        requirements(c);
        boolean check = c.flag("check", false);
        boolean diff = c.flag("diff", false);
        Map<String, Object> predicted = null;
        if (!check) {
            // Check mode must never touch the host, whatever the module; whether it must also
            // predict changed/failed is up to check_predicts.
            predicted = inFreshTree(c, tmp -> runUnchanged(c, tmp, true, diff, "in the check-mode preview"));
        }
        Map<String, Object> prediction = predicted;
        inFreshTree(c, tmp -> {
            Map<String, Object> expect = c.expect(tmp);
            Map<String, Object> result = check ? runUnchanged(c, tmp, true, diff, "in check mode")
                    : runModule(c, tmp, false, diff);
            verify(expect, result, tmp, "after the run");
            if (prediction != null && c.flag("check_predicts", true)) {
                assertEquals(result.get("failed"), prediction.get("failed"),
                        "check mode should predict failed (or mark the case \"check_predicts\": false); "
                                + "check-mode result: " + json(prediction));
                assertEquals(result.get("changed"), prediction.get("changed"),
                        "check mode should predict changed (or mark the case \"check_predicts\": false); "
                                + "check-mode result: " + json(prediction));
            }
            boolean changedOk = Boolean.TRUE.equals(result.get("changed")) && !Boolean.TRUE.equals(result.get("failed"));
            if (!check && changedOk && c.flag("idempotent", true)) {
                Map<String, Object> again = runUnchanged(c, tmp, false, diff, "on the second run");
                if (!Boolean.FALSE.equals(again.get("changed")) || Boolean.TRUE.equals(again.get("failed"))) {
                    fail("second run should be ok and unchanged (or mark the case \"idempotent\": false): " + json(again));
                }
                CaseFiles.check(tmp, ModuleCase.map(expect.get("files")), "after the second run");
            }
            return result;
        });
    }

    private static void requirements(ModuleCase c) {
        for (String need : c.requires()) {
            boolean root = isRoot();
            if ("apt".equals(need)) {
                // Debian's package tools and their lists (the apt cases read and simulate, never download).
                boolean apt = onPath("apt-get") && onPath("dpkg-query") && new java.io.File("/var/lib/apt/lists").isDirectory();
                if (!apt && Boolean.getBoolean("drover.requireAllTiers")) {
                    fail(c.source().getFileName() + " needs apt-get and dpkg-query and drover.requireAllTiers is set");
                }
                Assumptions.assumeTrue(apt, c.source().getFileName() + " needs apt-get, dpkg-query and apt's lists");
            } else if ("nonroot".equals(need)) {
                // Only meaningful without privileges; CI running as root cannot provide it, so never forced.
                Assumptions.assumeFalse(root, c.source().getFileName() + " shows what happens without root");
            } else if (!"root".equals(need)) {
                fail(c.source().getFileName() + ": unknown requirement '" + need + "' (known: root, nonroot, apt)");
            } else if (!root) {
                String reason = c.source().getFileName() + " needs root";
                if (Boolean.getBoolean("drover.requireAllTiers")) {
                    fail(reason + " and drover.requireAllTiers is set");
                }
                Assumptions.assumeTrue(false, reason);
            }
        }
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (!dir.isEmpty() && java.nio.file.Files.isExecutable(java.nio.file.Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isRoot() {
        return new UnixSystem().getUid() == 0;
    }

    private interface InTree {
        Map<String, Object> run(Path tmp) throws Exception;
    }

    private static Map<String, Object> inFreshTree(ModuleCase c, InTree body) throws Exception {
        Path tmp = Files.createTempDirectory("drover-case-").toRealPath();
        try {
            CaseFiles.create(tmp, c.files(tmp), c.source().getParent());
            return body.run(tmp);
        } finally {
            CaseFiles.deleteTree(tmp);
        }
    }

    /** Runs and asserts that nothing under tmp changed. */
    private Map<String, Object> runUnchanged(ModuleCase c, Path tmp, boolean check, boolean diff, String when)
            throws Exception {
        Map<String, String> before = CaseFiles.snapshot(tmp);
        Map<String, Object> result = runModule(c, tmp, check, diff);
        Map<String, String> after = CaseFiles.snapshot(tmp);
        if (!before.equals(after)) {
            List<String> changes = new ArrayList<>();
            Set<String> paths = new TreeSet<>(before.keySet());
            paths.addAll(after.keySet());
            for (String k : paths) {
                if (!String.valueOf(before.get(k)).equals(String.valueOf(after.get(k)))) {
                    changes.add(k + ": " + before.get(k) + " -> " + after.get(k));
                }
            }
            fail("files changed " + when + ":\n" + String.join("\n", changes) + "\nresult: " + json(result));
        }
        return result;
    }

    /** Every run goes through here: a crash (a bug in the module) fails the case unless the case is about it. */
    private Map<String, Object> runModule(ModuleCase c, Path tmp, boolean check, boolean diff) throws Exception {
        Map<String, Object> result = dispatch.run(c.module(), c.args(tmp), check, diff);
        if (result.containsKey("exception") && !c.expectsResultField("exception")) {
            fail("the module crashed" + (check ? " in check mode" : "") + ": " + result.get("msg") + "\n"
                    + result.get("exception"));
        }
        return result;
    }

    private static void verify(Map<String, Object> expect, Map<String, Object> result, Path tmp, String when)
            throws IOException {
        boolean wantFailed = Boolean.TRUE.equals(expect.get("failed"));
        if (wantFailed != Boolean.TRUE.equals(result.get("failed"))) {
            fail((wantFailed ? "expected a failure" : "unexpected failure") + ": " + json(result));
        }
        if (expect.containsKey("changed") && !expect.get("changed").equals(result.get("changed"))) {
            fail("expected changed=" + expect.get("changed") + ": " + json(result));
        }
        Object msg = expect.get("msg_contains");
        if (msg != null && !String.valueOf(result.get("msg")).contains((String) msg)) {
            fail("msg should contain " + ResultMatcher.describe(msg) + ": " + json(result));
        }
        if (expect.containsKey("result")) {
            String m = ResultMatcher.mismatch(expect.get("result"), result, "");
            if (m != null) {
                fail("result." + m + "\nresult: " + json(result));
            }
        }
        CaseFiles.check(tmp, ModuleCase.map(expect.get("files")), when);
    }

    static String json(Map<String, Object> result) {
        try {
            return JSON.std.with(JSON.Feature.PRETTY_PRINT_OUTPUT, JSON.Feature.WRITE_NULL_PROPERTIES).asString(result);
        } catch (IOException e) {
            return String.valueOf(result);
        }
    }
}
