package dev.drover.agent.modules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.drover.agent.module.Args;
import dev.drover.agent.module.Module;
import dev.drover.agent.module.ModuleContext;
import dev.drover.agent.module.ModuleException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;

/**
 * Turns the case files under a root ({@code <root>/<module>/<case>.json}) into dynamic tests and
 * runs them. Besides each case's own expectations it checks what every module owes: check mode
 * changes nothing on disk and predicts the real run's changed/failed, and a changing run repeated
 * reports no change and changes nothing (see {@link ModuleCase}).
 */
public final class ModuleCases {
    private final CaseEnvironment env;

    private ModuleCases(CaseEnvironment env) {
        this.env = env;
    }

    public static Stream<DynamicNode> discover(Path root, CaseEnvironment env) throws IOException {
        ModuleCases runner = new ModuleCases(env);
        List<DynamicNode> modules = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().collect(Collectors.toList())) {
                String module = dir.getFileName().toString();
                List<DynamicNode> cases = new ArrayList<>();
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().collect(Collectors.toList())) {
                        ModuleCase c = ModuleCase.read(module, file);
                        cases.add(DynamicTest.dynamicTest(c.name, file.toUri(), () -> runner.run(c)));
                    }
                }
                modules.add(DynamicContainer.dynamicContainer(module, dir.toUri(), cases.stream()));
            }
        }
        return modules.stream();
    }

    void run(ModuleCase c) throws Exception {
        for (String need : c.requires()) {
            boolean root = "root".equals(System.getProperty("user.name"));
            if ("nonroot".equals(need)) {
                // Only meaningful without privileges; CI running as root cannot provide it, so never forced.
                Assumptions.assumeFalse(root, c.source.getFileName() + " shows what happens without root");
            } else if (!"root".equals(need)) {
                fail(c.source.getFileName() + ": unknown requirement '" + need + "' (known: root, nonroot)");
            } else if (!root) {
                String reason = c.source.getFileName() + " needs root";
                if (Boolean.getBoolean("drover.requireAllTiers")) {
                    fail(reason + " and drover.requireAllTiers is set");
                }
                Assumptions.assumeTrue(false, reason);
            }
        }
        boolean check = c.flag("check", false);
        boolean diff = c.flag("diff", false);
        Map<String, Object> prediction = null;
        if (!check && c.flag("check_predicts", true)) {
            prediction = inFreshTree(c, tmp -> runUnchanged(c, tmp, true, diff, "in the check-mode preview"));
        }
        Map<String, Object> predicted = prediction;
        inFreshTree(c, tmp -> {
            Map<String, Object> expect = c.expect(tmp);
            Map<String, Object> result = check ? runUnchanged(c, tmp, true, diff, "in check mode")
                    : runModule(c, tmp, false, diff);
            verify(c, expect, result, tmp, "after the run");
            if (predicted != null) {
                assertEquals(result.get("failed"), predicted.get("failed"),
                        "check mode should predict failed; check-mode result: " + json(predicted));
                assertEquals(result.get("changed"), predicted.get("changed"),
                        "check mode should predict changed; check-mode result: " + json(predicted));
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

    private interface InTree {
        Map<String, Object> run(Path tmp) throws Exception;
    }

    private static Map<String, Object> inFreshTree(ModuleCase c, InTree body) throws Exception {
        Path tmp = Files.createTempDirectory("drover-case-").toRealPath();
        try {
            CaseFiles.create(tmp, c.files(tmp), c.source.getParent());
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
            for (String k : union(before, after)) {
                if (!String.valueOf(before.get(k)).equals(String.valueOf(after.get(k)))) {
                    changes.add(k + ": " + before.get(k) + " -> " + after.get(k));
                }
            }
            fail("files changed " + when + ":\n" + String.join("\n", changes) + "\nresult: " + json(result));
        }
        return result;
    }

    private Map<String, Object> runModule(ModuleCase c, Path tmp, boolean check, boolean diff) throws Exception {
        Module module = env.registry().create(c.module);
        ModuleContext ctx = new ModuleContext(check, diff, env.processes());
        try {
            return module.run(new Args(c.args(tmp)), ctx).toMap();
        } catch (ModuleException e) {
            Map<String, Object> failed = new LinkedHashMap<>();
            failed.put("changed", false);
            failed.put("failed", true);
            failed.put("msg", e.getMessage());
            failed.putAll(e.fields());
            return failed;
        }
    }

    private static void verify(ModuleCase c, Map<String, Object> expect, Map<String, Object> result, Path tmp,
                               String when) throws IOException {
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

    private static List<String> union(Map<String, String> a, Map<String, String> b) {
        List<String> keys = new ArrayList<>(a.keySet());
        for (String k : b.keySet()) {
            if (!a.containsKey(k)) {
                keys.add(k);
            }
        }
        return keys;
    }

    static String json(Map<String, Object> result) {
        try {
            return JSON.std.with(JSON.Feature.PRETTY_PRINT_OUTPUT).asString(result);
        } catch (IOException e) {
            return String.valueOf(result);
        }
    }
}
