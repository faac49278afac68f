package dev.drover.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drover.execute.HostStatus;
import dev.drover.execute.play.PlayListener;
import dev.drover.journal.JournalWriter;
import dev.drover.secret.Secret;
import dev.drover.state.StateDir;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON API over real journals, through real HTTP: what a script or the page reads. */
class ServeApiTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant T0 = Instant.parse("2026-11-28T02:30:00Z");

    @TempDir
    Path dir;
    StateDir state;
    Journals journals;
    ServeServer server;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        state = new StateDir(dir.resolve("state"));
        journals = new Journals(state, dir);
        server = ServeServer.start(ServeConfig.local(state, 0));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode json(String path) throws Exception {
        HttpResponse<String> r = get(path);
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return JSON.readTree(r.body());
    }

    @Test
    void listsRunsNewestFirstWithWhoAndHostsAndFilters() throws Exception {
        journals.rolling("20261128-023000-aaaa", "acs-backup.yml", T0, null);
        journals.rolling("20261129-023000-bbbb", "acs-backup.yml", T0.plus(Duration.ofDays(1)), "node2");
        journals.rolling("20261129-120000-cccc", "acs-cluster-upgrade.yml", T0.plus(Duration.ofHours(34)), null);

        JsonNode all = json("api/runs");
        List<String> ids = new ArrayList<>();
        all.get("runs").forEach(r -> ids.add(r.get("id").asText()));
        assertEquals(List.of("20261129-120000-cccc", "20261129-023000-bbbb", "20261128-023000-aaaa"), ids);
        JsonNode failed = all.get("runs").get(1);
        assertEquals("failed", failed.get("result").asText());
        assertEquals(2, failed.get("exit_code").asInt());
        assertEquals("acs-backup.yml", failed.get("playbook_name").asText());
        assertEquals("[\"node1\",\"node2\",\"node3\"]", failed.get("hosts").toString());
        assertEquals("[\"node2\"]", failed.get("failed_hosts").toString());
        assertEquals(System.getProperty("user.name"), failed.get("user").asText());
        assertEquals("2026-11-29T02:30:00Z", failed.get("started").asText());

        assertEquals(2, json("api/runs?playbook=acs-backup.yml").get("runs").size());
        JsonNode onlyFailed = json("api/runs?playbook=acs-backup.yml&result=failed").get("runs");
        assertEquals(1, onlyFailed.size());
        assertEquals("20261129-023000-bbbb", onlyFailed.get(0).get("id").asText());
    }

    @Test
    void aRunShowsItsBatchesInRollingOrderTheFailureAndTheRecap() throws Exception {
        journals.rolling("20261129-023000-bbbb", "acs-cluster-upgrade.yml", T0, "node2");
        JsonNode run = json("api/runs/20261129-023000-bbbb");
        JsonNode batches = run.get("plays").get(0).get("batches");
        assertEquals(2, batches.size(), "node3's batch never started");
        assertEquals("[\"node1\"]", batches.get(0).get("hosts").toString());
        assertEquals("[\"node2\"]", batches.get(1).get("hosts").toString());
        assertEquals(3, batches.get(0).get("batches").asInt());
        JsonNode start = batches.get(1).get("tasks").get(1);
        assertEquals("Start the new version", start.get("name").asText());
        assertEquals("failed", start.get("cells").get("node2").get("status").asText());
        assertEquals("non-zero return code: boom: the repository did not start",
                start.get("cells").get("node2").get("message").asText());
        assertEquals("node2", run.get("failures").get(0).get("host").asText());
        assertTrue(run.get("plays").get(0).get("stop").get("reason").asText().contains("node2 failed"));
        assertEquals("[\"node3\"]", run.get("plays").get(0).get("stop").get("never_started").toString());
        assertEquals(1, run.get("recap").get("node2").get("failed").asInt());
        assertEquals("failed", run.get("end").get("result").asText());
        // A host's output for a task.
        JsonNode out = json("api/runs/20261129-023000-bbbb/output?play=0&task=site.yml:9:7&host=node2");
        assertEquals("boom: the repository did not start", out.get("result").get("stderr").asText());
        assertEquals(404, get("api/runs/20261129-023000-bbbb/output?play=0&task=site.yml:9:7&host=node3").statusCode());
    }

    @Test
    void outputIsRedactedAsTheJournalRedactsIt() throws Exception {
        try (JournalWriter w = journals.open("20261130-010000-dddd", "site.yml", T0, 1)) {
            w.playStart("secrets", List.of("node1"));
            w.taskStart(journals.task("Use the password", 3, List.of("node1")));
            w.hostResult(Journals.result("node1", HostStatus.CHANGED, Map.of("changed", true, "stdout", "logged in",
                    "password", Secret.of("hunter2-secret"))));
            w.taskStart(journals.task("Set the password", 7, List.of("node1")));
            w.hostResult(new PlayListener.TaskResult("node1", java.util.Optional.empty(), "command", HostStatus.FAILED,
                    Map.of("failed", true, "msg", "wrong hunter2-secret"), false, true, false));
            w.end("failed", 2);
        }
        String all = get("api/runs/20261130-010000-dddd").body() + get("api/runs/20261130-010000-dddd/output?play=0&task=site.yml:3:7&host=node1").body()
                + get("api/runs/20261130-010000-dddd/output?play=0&task=site.yml:7:7&host=node1").body();
        assertFalse(all.contains("hunter2"), all);
        JsonNode shown = json("api/runs/20261130-010000-dddd/output?play=0&task=site.yml:3:7&host=node1");
        assertEquals("********", shown.get("result").get("password").asText());
        JsonNode censored = json("api/runs/20261130-010000-dddd/output?play=0&task=site.yml:7:7&host=node1");
        assertEquals(Output.CENSORED, censored.get("result").get("censored").asText());
        assertEquals(Output.CENSORED, json("api/runs/20261130-010000-dddd").get("failures").get(0).get("message").asText());
    }

    @Test
    void theEventStreamReplaysTheJournalThenFollowsItAsItGrows() throws Exception {
        JournalWriter w = journals.open("20261130-020000-eeee", "site.yml", T0, ProcessHandle.current().pid());
        w.playStart("live", List.of("node1", "node2"));
        w.batchStart(0, 1, List.of("node1", "node2"));
        w.taskStart(journals.task("Wait for the repository", 4, List.of("node1", "node2")));
        w.hostResult(Journals.result("node1", HostStatus.OK, Map.of("changed", false)));
        w.waiting(new PlayListener.Waiting("node2", "Wait for the repository", "wait_for search_regex='started'", System.nanoTime()));
        assertEquals("running", json("api/runs/20261130-020000-eeee").get("run").get("result").asText());
        JsonNode live = json("api/runs/20261130-020000-eeee");
        assertEquals("node2", live.get("waiting").get(0).get("host").asText());
        assertEquals("running", live.get("plays").get(0).get("batches").get(0).get("tasks").get(0).get("cells").get("node2")
                .get("status").asText());

        HttpRequest req = HttpRequest.newBuilder(URI.create(server.url() + "api/runs/20261130-020000-eeee/events")).build();
        HttpResponse<java.io.InputStream> stream = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals("text/event-stream; charset=utf-8", stream.headers().firstValue("content-type").orElse(""));
        BufferedReader in = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
        List<String> seen = new ArrayList<>();
        CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> {
            try {
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.startsWith("event: ")) {
                        synchronized (seen) {
                            seen.add(line.substring(7));
                        }
                        if (line.equals("event: run_end")) {
                            return;
                        }
                    }
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        waitFor(() -> seen.contains("waiting"));
        assertEquals(List.of("run_start", "play_start", "batch_start", "task_start", "task", "waiting"), copy(seen));
        // The run goes on after the stream opened: the stream follows.
        w.waitOver(new PlayListener.Waiting("node2", "Wait for the repository", "", 0));
        w.hostResult(Journals.result("node2", HostStatus.FAILED, Map.of("failed", true, "msg", "timed out waiting")));
        w.end("failed", 2);
        w.close();
        reading.get(10, TimeUnit.SECONDS);
        assertEquals(List.of("run_start", "play_start", "batch_start", "task_start", "task", "waiting", "wait_over", "task",
                "run_end"), copy(seen));
        stream.body().close();
        JsonNode done = json("api/runs/20261130-020000-eeee");
        assertEquals("failed", done.get("run").get("result").asText());
        assertEquals(0, done.get("waiting").size());
        assertEquals("timed out waiting", done.get("failures").get(0).get("message").asText());
    }

    @Test
    void thePagesStreamIsTheServersGridThenOnlyWhatChanged() throws Exception {
        JournalWriter w = journals.open("20261130-030000-dddd", "site.yml", T0, ProcessHandle.current().pid());
        w.playStart("rolling", List.of("node1", "node2"));
        w.batchStart(0, 2, List.of("node1"));
        w.taskStart(journals.task("Stop the node", 4, List.of("node1")));
        w.hostResult(Journals.result("node1", HostStatus.CHANGED, Map.of("changed", true)));

        HttpRequest req = HttpRequest.newBuilder(URI.create(server.url() + "api/runs/20261130-030000-dddd/changes")).build();
        HttpResponse<java.io.InputStream> stream = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
        BufferedReader in = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
        // The page's data: the snapshot, then each change set at its path, as run.js does.
        com.fasterxml.jackson.databind.node.ObjectNode page = JSON.createObjectNode();
        List<String> paths = new ArrayList<>();
        CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> {
            try {
                String event = null;
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.startsWith("event: ")) {
                        event = line.substring(7);
                    } else if (line.startsWith("data: ")) {
                        JsonNode data = JSON.readTree(line.substring(6));
                        synchronized (page) {
                            if ("snapshot".equals(event)) {
                                page.setAll((com.fasterxml.jackson.databind.node.ObjectNode) data);
                            } else if ("change".equals(event)) {
                                for (JsonNode pair : data) {
                                    set(page, pair.get(0), pair.get(1));
                                    paths.add(pair.get(0).toString());
                                }
                            }
                            if (!page.path("end").isNull() && !page.path("end").isMissingNode()) {
                                return;
                            }
                        }
                    }
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        waitFor(() -> {
            synchronized (page) {
                return page.has("plays");
            }
        });
        // The run goes on: a second batch, a gate, a failure, the end.
        w.batchStart(1, 2, List.of("node2"));
        w.taskStart(journals.task("Stop the node", 4, List.of("node2")));
        w.waiting(new PlayListener.Waiting("node2", "Stop the node", "wait_for port=8080", System.nanoTime()));
        w.waitOver(new PlayListener.Waiting("node2", "Stop the node", "", 0));
        w.hostResult(Journals.result("node2", HostStatus.FAILED, Map.of("failed", true, "msg", "still up")));
        w.playEnd("rolling", List.of("node2"));
        w.end("failed", 2);
        w.close();
        reading.get(10, TimeUnit.SECONDS);
        stream.body().close();

        JsonNode api = json("api/runs/20261130-030000-dddd");
        for (String key : List.of("plays", "running", "waiting", "failures", "recap", "end", "lines")) {
            assertEquals(api.get(key), page.get(key), key + " as the page has it and as /api/runs/{id} has it");
        }
        assertEquals("still up", page.get("failures").get(0).get("message").asText());
        // Only what changed travelled: the new batch and rows, never the first play whole again.
        assertFalse(paths.contains("[\"plays\",0]"), paths.toString());
        assertTrue(paths.contains("[\"plays\",0,\"batches\",1]"), paths.toString());
    }

    /** Sets {@code value} at {@code path} ([key or index...]); an index one past an array's end appends. */
    static void set(JsonNode root, JsonNode path, JsonNode value) {
        JsonNode parent = root;
        for (int i = 0; i < path.size() - 1; i++) {
            parent = path.get(i).isInt() ? parent.get(path.get(i).asInt()) : parent.get(path.get(i).asText());
        }
        JsonNode last = path.get(path.size() - 1);
        if (parent instanceof com.fasterxml.jackson.databind.node.ArrayNode a) {
            if (last.asInt() == a.size()) {
                a.add(value);
            } else {
                a.set(last.asInt(), value);
            }
        } else {
            ((com.fasterxml.jackson.databind.node.ObjectNode) parent).set(last.asText(), value);
        }
    }

    @Test
    void readOnlyAndOtherUsersJournalsAreNotServed() throws Exception {
        journals.rolling("20261128-023000-aaaa", "site.yml", T0, null);
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(server.url() + "api/runs/20261128-023000-aaaa"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
        assertEquals(404, get("api/runs/..%2F..%2Fetc").statusCode());
        assertEquals(404, get("api/runs/20261128-023000-ffff").statusCode());

        Assumptions.assumeTrue(System.getProperty("user.name").equals("root"),
                "giving a journal to another user needs root (chown); as a non-root user this check cannot be set up");
        journals.rolling("20261128-033000-bbbb", "site.yml", T0.plusSeconds(3600), null);
        Path theirs = state.runs().resolve("20261128-033000-bbbb").resolve("journal.jsonl");
        Files.setOwner(theirs, theirs.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
        assertEquals(1, json("api/runs").get("runs").size());
        assertEquals(404, get("api/runs/20261128-033000-bbbb").statusCode());
        assertEquals(404, get("api/runs/20261128-033000-bbbb/events").statusCode());
    }

    @Test
    void aResumedRunLinksBothWaysAndShowsWhatItReplayed() throws Exception {
        journals.rolling("20261129-023000-bbbb", "site.yml", T0, "node2");
        try (JournalWriter w = journals.open("20261129-030000-cccc", "site.yml", T0.plusSeconds(1800), 1, "20261129-023000-bbbb")) {
            w.playStart("rolling upgrade", List.of("node1", "node2", "node3"));
            w.batchStart(0, 3, List.of("node1"));
            w.taskStart(journals.task("Stop the node", 5, List.of("node1")));
            w.replayed(Journals.result("node1", HostStatus.CHANGED, Map.of("changed", true)), "20261129-023000-bbbb");
            w.end("ok", 0);
        }
        JsonNode original = json("api/runs/20261129-023000-bbbb");
        assertEquals("[\"20261129-030000-cccc\"]", original.get("resumed_by").toString());
        JsonNode resumed = json("api/runs/20261129-030000-cccc");
        assertEquals("20261129-023000-bbbb", resumed.get("run").get("resumed_from").asText());
        assertEquals("20261129-023000-bbbb", resumed.get("plays").get(0).get("batches").get(0).get("tasks").get(0).get("cells")
                .get("node1").get("replayed_from").asText());
    }

    @Test
    void aServerOpenedOnManyRunsHoldsTheModelsOfTheLastOnesOnlyAndReadsTheOthersAgain() throws Exception {
        int runs = Api.MODELS_HELD + 8;
        for (int i = 0; i < runs; i++) {
            journals.rolling(String.format("20261128-%06d-aaaa", i), "acs-backup.yml", T0.plusSeconds(i), i % 2 == 0 ? null : "node2");
        }
        Api api = new Api(RunIndex.forCurrentUser(state));
        String first = String.format("20261128-%06d-aaaa", 0);
        String before = new String(api.run(first).orElseThrow(), StandardCharsets.UTF_8);
        for (int i = 1; i < runs; i++) {
            api.run(String.format("20261128-%06d-aaaa", i)).orElseThrow();
        }
        List<String> held = api.heldModels();
        assertEquals(Api.MODELS_HELD, held.size(), "a model per run ever opened: " + held.size());
        assertEquals(String.format("20261128-%06d-aaaa", runs - 1), held.get(held.size() - 1));
        assertFalse(held.contains(first), "the run read first was let go");
        // Let go, then asked for again: read again from its journal, the same answer.
        assertEquals(before, new String(api.run(first).orElseThrow(), StandardCharsets.UTF_8));
        assertEquals(first, api.heldModels().get(Api.MODELS_HELD - 1));
    }

    static List<String> copy(List<String> l) {
        synchronized (l) {
            return List.copyOf(l);
        }
    }

    static void waitFor(java.util.function.BooleanSupplier cond) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(20);
        }
    }
}
