package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.journal.Journal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code drover run} through the thin client and its command worker: the same output, exit code and
 * journal as the full CLI; the client's Ctrl-C and SIGTERM stop that one run as they stop a CLI of its
 * own (the task in flight finishes, exit 99, a resumable journal); a second Ctrl-C or a killed client
 * stops it at once and lets go of its lock; two runs at once in one worker. The journal and the lock
 * name the client's pid, the process the operator sees.
 */
class ThinClientRunTest extends ThinClientFixture {
    private static final Pattern RUN_ID = Pattern.compile("\\d{8}-\\d{6}-[0-9a-f]{4}");
    private static final Pattern HINT = Pattern.compile("To resume: drover run --resume (\\S+)");

    private Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text.replace("OUT", dir.toString()));
        return f;
    }

    private List<Path> journals() throws IOException {
        Path runs = dir.resolve("state/runs");
        if (!Files.isDirectory(runs)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(runs)) {
            return s.map(r -> r.resolve(Journal.FILE_NAME)).filter(Files::exists).sorted().toList();
        }
    }

    private Journal journalOf(String output) throws IOException {
        Matcher m = HINT.matcher(output);
        assertTrue(m.find(), output);
        return Journal.read(dir.resolve("state/runs").resolve(m.group(1)).resolve(Journal.FILE_NAME));
    }

    /** What a user compares between two runs: the lines, without run ids and times. */
    private static List<String> lines(String text) {
        return text.lines().map(l -> RUN_ID.matcher(l).replaceAll("RUN")
                .replaceAll("\"(delta|start|end)\": \"[^\"]*\"", "TIME").replaceAll("took .* seconds", "took TIME"))
                .sorted().toList();
    }

    /** Per task and host, in order: where, host, status (what a resume reads). */
    private static List<String> tasks(Journal j) {
        return j.tasks().stream().map(t -> t.where() + " " + t.host() + " " + t.status()).sorted().toList();
    }

    private void awaitFile(String name, Process p, String output) throws Exception {
        for (int i = 0; i < 2400 && !Files.exists(dir.resolve(name)); i++) {
            assertTrue(p.isAlive(), () -> "the run ended before " + name + ": " + read(output + ".out") + read(output + ".err"));
            Thread.sleep(50);
        }
        assertTrue(Files.exists(dir.resolve(name)), () -> name + " never appeared: " + read(output + ".err"));
    }

    private List<String> fileLines(String name) throws IOException {
        Path f = dir.resolve(name);
        return Files.exists(f) ? Files.readAllLines(f) : List.of();
    }

    private static void signal(String sig, Process p) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-" + sig, Long.toString(p.pid())).start().waitFor());
    }

    @Test
    void aRunInTheWorkerGivesTheFullCliOutputExitCodeAndJournal() throws Exception {
        startWorker();
        Path pb = write("site.yml", """
                - hosts: local
                  gather_facts: false
                  tasks:
                    - shell: echo hello {{ inventory_hostname }}
                    - debug: msg="x is {{ x | default('unset') }}"
                    - shell: exit 3
                      when: inventory_hostname == 'local2'
                    - shell: "{ ANCESTORS; } > OUT/where-{{ inventory_hostname }}"
                """.replace("ANCESTORS", ANCESTORS.replace("\"", "\\\"")));
        Outcome thin = runThin("thin", "run", "-i", "hosts.ini", pb.getFileName().toString(), "-e", "x=1");
        List<Long> where = ancestors(Files.readString(dir.resolve("where-local1")));
        assertTrue(where.contains(worker.pid()), () -> "not run by the worker: " + where);
        Outcome full = runFull("full", "run", "-i", "hosts.ini", pb.getFileName().toString(), "-e", "x=1");
        assertFalse(ancestors(Files.readString(dir.resolve("where-local1"))).contains(worker.pid()));
        assertEquals(ExitCodes.HOST_FAILED, full.code(), full::toString);
        assertEquals(full.code(), thin.code(), () -> thin + "\n" + full);
        assertEquals(lines(full.out()), lines(thin.out()));
        assertEquals(lines(full.err()), lines(thin.err()));
        Journal tj = journalOf(thin.out());
        Journal fj = journalOf(full.out());
        assertEquals(tasks(fj), tasks(tj));
        assertEquals(fj.end().orElseThrow().result(), tj.end().orElseThrow().result());
        assertEquals(fj.end().get().exitCode(), tj.end().get().exitCode());
        assertEquals(fj.start().extraVars(), tj.start().extraVars());
        // Bad input is reported as the full CLI reports it.
        Outcome badThin = runThin("badthin", "run", "-i", "hosts.ini", "missing.yml");
        Outcome badFull = runFull("badfull", "run", "-i", "hosts.ini", "missing.yml");
        assertEquals(badFull, badThin);
    }

    /** RunInterruptTest's playbook (serial 1: started, a slow task, after) on this inventory's hosts. */
    static final String INTERRUPTED = RunInterruptTest.PLAYBOOK.replace("hosts: web", "hosts: local");

    /** As RunInterruptTest shows for the full CLI: the task in flight finishes, none starts, exit 99, resume completes it. */
    @ParameterizedTest
    @ValueSource(strings = {"INT", "TERM"})
    void theClientsSignalStopsTheRunAsItStopsTheFullCliAndTheRunResumes(String sig) throws Exception {
        startWorker();
        Path pb = write("site.yml", INTERRUPTED);
        Process client = thin(env, "run", "run", "-i", "hosts.ini", pb.toString());
        awaitFile("in-flight-local1", client, "run");
        signal(sig, client);
        Outcome o = finish(client, "run");
        assertEquals(ExitCodes.INTERRUPTED, o.code(), o::toString);
        assertEquals(List.of("local1"), fileLines("slow"), "the task in flight finished");
        assertEquals(List.of(), fileLines("after"), "no task started after the signal");
        assertEquals(List.of("local1"), fileLines("started"));
        assertTrue(o.err().contains(sig.equals("INT") ? "interrupted: no new task starts" : "terminated (SIGTERM): no new task starts"),
                o::toString);
        assertTrue(o.out().contains("PLAY RECAP"), o::toString);
        Journal j = journalOf(o.out());
        assertEquals("interrupted", j.end().orElseThrow().result());
        assertEquals(client.pid(), j.start().pid(), "the journal names the client, the process the operator sees");
        assertTrue(worker.isAlive(), "the worker goes on");

        Outcome resumed = runThin("resume", "run", "--resume", j.runId());
        assertEquals(ExitCodes.OK, resumed.code(), resumed::toString);
        assertEquals(List.of("local1", "local2"), fileLines("started"));
        assertEquals(List.of("local1", "local2"), fileLines("slow"), "local1's slow task is not run twice");
        assertEquals(List.of("local1", "local2"), fileLines("after"));
    }

    static final String SLOW = """
            - hosts: local1
              gather_facts: false
              tasks:
                - shell: touch OUT/in-flight; sleep 6; echo done >> OUT/slow
                - shell: echo after >> OUT/after
            """;

    /**
     * A second Ctrl-C, or the client killed, ends that run at once (exit 99, journal ended), releases
     * its lock while the worker lets the run unwind, and the resume finishes it without running the
     * step in flight twice.
     */
    @ParameterizedTest
    @ValueSource(strings = {"second-ctrl-c", "client-killed"})
    void aHardStopEndsThatRunAtOnceAndReleasesItsLock(String how) throws Exception {
        startWorker();
        Path pb = write("slow.yml", SLOW);
        Process client = thin(env, "run", "run", "-i", "hosts.ini", pb.toString());
        awaitFile("in-flight", client, "run");
        Journal j;
        if (how.equals("second-ctrl-c")) {
            signal("INT", client);
            Thread.sleep(300);
            signal("INT", client);
            Outcome o = finish(client, "run");
            assertEquals(ExitCodes.INTERRUPTED, o.code(), o::toString);
            assertTrue(o.err().contains("second signal: stopping now"), o::toString);
            assertFalse(Files.exists(dir.resolve("slow")), "the client did not wait for the task in flight");
            j = journalOf(o.err());
        } else {
            signal("KILL", client);
            client.waitFor(30, TimeUnit.SECONDS);
            Path file = null;
            for (int i = 0; i < 600; i++) {
                file = journals().isEmpty() ? null : journals().get(0);
                if (file != null && Journal.read(file).end().isPresent()) {
                    break;
                }
                Thread.sleep(50);
            }
            j = Journal.read(file);
        }
        assertEquals("interrupted", j.end().orElseThrow(() -> new AssertionError("the journal has no end")).result());
        assertTrue(worker.isAlive(), "the worker goes on");
        // The lock is free: the resume runs (as the full CLI's would after its exit) and attaches
        // to the step in flight instead of running it again.
        Outcome resumed = runThin("resume", "run", "--resume", j.runId());
        assertEquals(ExitCodes.OK, resumed.code(), resumed::toString);
        assertEquals(List.of("done"), fileLines("slow"), "the step in flight ran once");
        assertEquals(List.of("after"), fileLines("after"));
        assertTrue(Journal.read(j.file()).end().get().result().equals("interrupted"), "the stopped run's journal kept its end");
    }

    @Test
    void twoRunsAtOnceInOneWorkerAndTheLockNamesTheClient() throws Exception {
        startWorker();
        // Each waits for the other to have started: they can only pass if both run at the same time.
        Path one = write("one.yml", """
                - hosts: local1
                  gather_facts: false
                  tasks:
                    - shell: "touch OUT/one-started; for i in $(seq 600); do [ -e OUT/two-started ] && exit 0; sleep 0.1; done; exit 1"
                    - shell: "{ ANCESTORS; } > OUT/where-one"
                """.replace("ANCESTORS", ANCESTORS.replace("\"", "\\\"")));
        Path two = write("two.yml", """
                - hosts: local2
                  gather_facts: false
                  tasks:
                    - shell: "touch OUT/two-started; for i in $(seq 600); do [ -e OUT/one-started ] && exit 0; sleep 0.1; done; exit 1"
                    - shell: "{ ANCESTORS; } > OUT/where-two"
                """.replace("ANCESTORS", ANCESTORS.replace("\"", "\\\"")));
        Process first = thin(env, "one", "run", "-i", "hosts.ini", one.toString());
        awaitFile("one-started", first, "one");
        // The same playbook again while it runs: refused, naming the client that holds the lock.
        Outcome locked = runThin("locked", "run", "-i", "hosts.ini", one.toString());
        assertEquals(ExitCodes.LOCKED, locked.code(), locked::toString);
        assertTrue(locked.err().contains("pid " + first.pid()), locked::toString);
        Process second = thin(env, "two", "run", "-i", "hosts.ini", two.toString());
        Outcome o1 = finish(first, "one");
        Outcome o2 = finish(second, "two");
        assertEquals(ExitCodes.OK, o1.code(), o1::toString);
        assertEquals(ExitCodes.OK, o2.code(), o2::toString);
        assertTrue(ancestors(Files.readString(dir.resolve("where-one"))).contains(worker.pid()));
        assertTrue(ancestors(Files.readString(dir.resolve("where-two"))).contains(worker.pid()));
    }
}
