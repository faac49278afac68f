package dev.drover.agent.modules.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.agent.module.Args;
import dev.drover.agent.module.ModuleContext;
import dev.drover.agent.module.ModuleException;
import dev.drover.agent.process.SystemProcessRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * service over a fake alfresco.sh that starts a real background process holding its stdout (as
 * Tomcat's startup does), and over a fake systemctl. Each fake records the verbs it was called with.
 */
class ServiceModuleTest {
    /** start|stop|status with LSB exit codes; the server is a sleep with a recognisable command line. */
    private static final String SCRIPT = String.join("\n",
            "#!/bin/sh",
            "dir=$(dirname \"$0\")",
            "echo \"$1\" >> \"$dir/calls\"",
            "pidfile=\"$dir/server.pid\"",
            "running() { [ -f \"$pidfile\" ] && kill -0 \"$(cat \"$pidfile\")\" 2>/dev/null; }",
            "case \"$1\" in",
            "  start) sleep MARK & echo $! > \"$pidfile\"; echo 'Tomcat started.' ;;",
            "  stop) if running; then kill \"$(cat \"$pidfile\")\"; fi; rm -f \"$pidfile\"; echo 'Tomcat stopped.' ;;",
            "  status) if running; then echo running; exit 0; else echo 'not running'; exit 3; fi ;;",
            "  *) echo \"Usage: $0 {start|stop|status}\"; exit 1 ;;",
            "esac", "");

    private static final String SYSTEMCTL = String.join("\n",
            "#!/bin/sh",
            "dir=$(dirname \"$0\")",
            "echo \"$*\" >> \"$dir/calls\"",
            "verb=$1; unit=$2",
            "case \"$verb\" in",
            "  show)",
            "    if [ \"$unit\" = missing ]; then echo Id=missing.service; echo LoadState=not-found; echo ActiveState=inactive; exit 0; fi",
            "    if [ -f \"$dir/$unit.active\" ]; then a=active; s=running; else a=inactive; s=dead; fi",
            "    echo \"Id=$unit.service\"; echo LoadState=loaded; echo \"ActiveState=$a\"; echo \"SubState=$s\" ;;",
            "  is-enabled) if [ -f \"$dir/$unit.enabled\" ]; then echo enabled; else echo disabled; exit 1; fi ;;",
            "  start|restart|reload)",
            "    if [ \"$unit\" = broken ]; then echo \"Job for broken.service failed.\" >&2; exit 1; fi",
            "    touch \"$dir/$unit.active\" ;;",
            "  stop) rm -f \"$dir/$unit.active\" ;;",
            "  enable) touch \"$dir/$unit.enabled\" ;;",
            "  disable) rm -f \"$dir/$unit.enabled\" ;;",
            "esac", "");

    @TempDir
    Path dir;
    private Path script;
    private String mark;

    @BeforeEach
    void writeFakes() throws IOException {
        // A unique sleep duration doubles as the server's command line, for the pattern argument.
        mark = "3600." + System.nanoTime() % 1_000_000_000L;
        script = executable(dir.resolve("alfresco.sh"), SCRIPT.replace("MARK", mark));
    }

    @AfterEach
    void stopServer() throws IOException {
        Path pid = dir.resolve("server.pid");
        if (Files.exists(pid)) {
            ProcessHandle.of(Long.parseLong(Files.readString(pid).trim())).ifPresent(ProcessHandle::destroy);
        }
    }

    private static Path executable(Path p, String text) throws IOException {
        Files.write(p, text.getBytes(StandardCharsets.UTF_8));
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    private Map<String, Object> run(ServiceModule module, boolean check, Object... kv) throws ModuleException {
        Map<String, Object> args = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            args.put((String) kv[i], kv[i + 1]);
        }
        return module.run(new Args(args), new ModuleContext(check, false, new SystemProcessRunner())).toMap();
    }

    private Map<String, Object> runScript(boolean check, Object... kv) throws ModuleException {
        Object[] all = Arrays.copyOf(kv, kv.length + 4);
        all[kv.length] = "name";
        all[kv.length + 1] = "alfresco";
        all[kv.length + 2] = "script";
        all[kv.length + 3] = script.toString();
        return run(new ServiceModule(), check, all);
    }

    private List<String> calls() throws IOException {
        Path calls = dir.resolve("calls");
        List<String> lines = Files.exists(calls) ? Files.readAllLines(calls) : Collections.emptyList();
        Files.deleteIfExists(calls);
        return lines;
    }

    @Test
    void startIsIdempotentAndDoesNotWaitForTheServerItStarted() throws Exception {
        Map<String, Object> first = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> runScript(false, "state", "started"),
                "the server holds the script's stdout; the module must not wait for it to exit");
        assertEquals(true, first.get("changed"), String.valueOf(first));
        assertEquals("started", first.get("state"));
        assertEquals("script", first.get("backend"));
        assertEquals(true, ((Map<?, ?>) first.get("status")).get("running"));
        assertEquals(Arrays.asList("status", "start", "status"), calls());

        Map<String, Object> again = runScript(false, "state", "started");
        assertEquals(false, again.get("changed"));
        assertEquals(Arrays.asList("status", "status"), calls(), "no second start");
    }

    @Test
    void stopAndRestart() throws Exception {
        runScript(false, "state", "started");
        calls();
        Map<String, Object> restarted = runScript(false, "state", "restarted");
        assertEquals(true, restarted.get("changed"));
        assertEquals(Arrays.asList("status", "stop", "start", "status"), calls(), "restart is stop then start");
        Map<String, Object> stopped = runScript(false, "state", "stopped");
        assertEquals(true, stopped.get("changed"));
        assertEquals(false, ((Map<?, ?>) stopped.get("status")).get("running"));
        calls();
        assertEquals(false, runScript(false, "state", "stopped").get("changed"));
        assertEquals(Arrays.asList("status", "status"), calls());
    }

    @Test
    void checkModePredictsWithoutActing() throws Exception {
        Map<String, Object> r = runScript(true, "state", "started");
        assertEquals(true, r.get("changed"));
        assertEquals(false, ((Map<?, ?>) r.get("status")).get("running"));
        assertEquals(Arrays.asList("status", "status"), calls(), "only asked");
        assertEquals(false, runScript(true, "state", "stopped").get("changed"));
    }

    @Test
    void patternDecidesInsteadOfStatus() throws Exception {
        runScript(false, "state", "started");
        calls();
        Map<String, Object> r = runScript(false, "state", "started", "pattern", "sleep " + mark);
        assertEquals(false, r.get("changed"), String.valueOf(r));
        assertEquals(Collections.emptyList(), calls(), "status is not asked when a pattern is given");
        assertEquals(1, ((List<?>) ((Map<?, ?>) r.get("status")).get("pids")).size());
    }

    @Test
    void unknownStatusIsAnErrorNotAGuess() throws Exception {
        executable(script, "#!/bin/sh\necho \"$1\" >> \"$(dirname \"$0\")/calls\"\nexit 4\n");
        ModuleException e = assertThrows(ModuleException.class, () -> runScript(false, "state", "started"));
        assertTrue(e.getMessage().contains("exited with 4") && e.getMessage().contains("pattern"), e.getMessage());
        assertEquals(Arrays.asList("status"), calls(), "nothing was started");
    }

    @Test
    void failingStartReportsTheScriptsOutput() throws Exception {
        executable(script, "#!/bin/sh\ncase $1 in status) exit 3;; start) echo 'JAVA_HOME is not defined'; exit 1;; esac\n");
        ModuleException e = assertThrows(ModuleException.class, () -> runScript(false, "state", "started"));
        assertTrue(e.getMessage().startsWith("Unable to start service alfresco"), e.getMessage());
        assertTrue(e.getMessage().contains("JAVA_HOME is not defined"), e.getMessage());
        assertEquals(1, e.fields().get("rc"));
    }

    @Test
    void argumentMistakes() {
        assertTrue(assertThrows(ModuleException.class, () -> runScript(false, "state", "started", "enabled", true))
                .getMessage().contains("enabled needs systemd"));
        assertFalse(Files.exists(dir.resolve("server.pid")), "nothing was started before the enabled error");
        assertTrue(assertThrows(ModuleException.class, () -> runScript(false))
                .getMessage().contains("Neither argument state nor enabled"));
        assertTrue(assertThrows(ModuleException.class, () -> run(new ServiceModule(), false, "name", "x", "state", "started",
                "script", dir.resolve("nope.sh").toString())).getMessage().contains("does not exist"));
        ServiceModule noBackend = new ServiceModule(dir.resolve("no-systemd"), "systemctl", dir.resolve("init.d"));
        assertTrue(assertThrows(ModuleException.class, () -> run(noBackend, false, "name", "alfresco", "state", "started"))
                .getMessage().contains("give script:"));
    }

    @Test
    void initDScriptIsFoundByName() throws Exception {
        Path initDir = Files.createDirectories(dir.resolve("init.d"));
        Files.move(script, initDir.resolve("alfresco"));
        script = initDir.resolve("alfresco");
        Files.write(initDir.resolve("alfresco"), SCRIPT.replace("MARK", mark).replace("$(dirname \"$0\")", dir.toString())
                .getBytes(StandardCharsets.UTF_8));
        ServiceModule module = new ServiceModule(dir.resolve("no-systemd"), "systemctl", initDir);
        Map<String, Object> r = run(module, false, "name", "alfresco", "state", "started");
        assertEquals(true, r.get("changed"), String.valueOf(r));
        assertEquals(Arrays.asList("status", "start", "status"), calls());
    }

    @Test
    void systemdUnitsThroughSystemctl() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path systemctl = executable(bin.resolve("systemctl"), SYSTEMCTL);
        Path runtime = Files.createDirectories(dir.resolve("run-systemd-system"));
        ServiceModule module = new ServiceModule(runtime, systemctl.toString(), dir.resolve("init.d"));

        Map<String, Object> r = run(module, false, "name", "alfresco", "state", "started", "enabled", true);
        assertEquals(true, r.get("changed"), String.valueOf(r));
        assertEquals("systemd", r.get("backend"));
        assertEquals("active", ((Map<?, ?>) r.get("status")).get("ActiveState"));
        List<String> calls = Files.readAllLines(bin.resolve("calls"));
        assertTrue(calls.contains("start alfresco") && calls.contains("enable alfresco"), String.valueOf(calls));
        Files.delete(bin.resolve("calls"));

        assertEquals(false, run(module, false, "name", "alfresco", "state", "started", "enabled", true).get("changed"));
        assertEquals(true, run(module, true, "name", "alfresco", "enabled", false).get("changed"));
        assertTrue(Files.exists(bin.resolve("alfresco.enabled")), "check mode disabled nothing");
        assertEquals(true, run(module, false, "name", "alfresco", "state", "reloaded").get("changed"));

        assertTrue(assertThrows(ModuleException.class, () -> run(module, false, "name", "missing", "state", "started"))
                .getMessage().startsWith("Could not find the requested service missing"));
        ModuleException broken = assertThrows(ModuleException.class, () -> run(module, false, "name", "broken", "state", "started"));
        assertEquals("Unable to start service broken: Job for broken.service failed.", broken.getMessage());
    }
}
