package dev.drover.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** What other tools read from a run: JSON events, the JUnit report, the log file with timestamps and run id. */
class UnattendedOutputTest extends LocalPlaybookRun {
    static final String TIME = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[+-]\\d\\d:\\d\\d";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String PLAYBOOK = """
            - name: first
              hosts: web
              gather_facts: false
              tasks:
                - name: say hi
                  command: echo hi
                - name: secret
                  command: echo topsecret
                  no_log: true
                - name: loop
                  debug:
                    msg: "{{ item }}"
                  loop: [1, 2]
                - name: skip me
                  command: "true"
                  when: false
                - name: fail b
                  command: "false"
                  when: inventory_hostname == 'b'
            - name: second
              hosts: a
              gather_facts: false
              tasks:
                - name: again
                  command: echo again
            """;

    static List<JsonNode> events(String stdout) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        for (String line : stdout.split("\n")) {
            events.add(JSON.readTree(line)); // every line of stdout is one JSON object
        }
        return events;
    }

    @Test
    void jsonEventsAgreeWithTheRecapAndHideNoLogResults() throws Exception {
        CliRun run = run(PLAYBOOK, "--output", "json");
        assertEquals(ExitCodes.HOST_FAILED, run.exitCode(), run.toString());
        List<JsonNode> events = events(run.out());
        assertEquals("run_start", events.get(0).get("event").asText());
        JsonNode end = events.get(events.size() - 1);
        assertEquals("run_end", end.get("event").asText());
        assertEquals(ExitCodes.HOST_FAILED, end.get("exit_code").asInt());
        String runId = events.get(0).get("run_id").asText();
        for (JsonNode e : events) {
            assertEquals(runId, e.get("run_id").asText(), e.toString());
            assertTrue(e.get("time").asText().matches(TIME), e.toString());
        }
        assertEquals(List.of("first", "second"), events.stream().filter(e -> e.get("event").asText().equals("play_start"))
                .map(e -> e.get("play").asText()).toList());

        // Count host results per host and status, as the recap does, and compare.
        Map<String, Map<String, Integer>> counted = new HashMap<>();
        for (JsonNode e : events) {
            if (e.get("event").asText().equals("host_result")) {
                Map<String, Integer> c = counted.computeIfAbsent(e.get("host").asText(), h -> new HashMap<>());
                String status = e.get("status").asText();
                c.merge(status, 1, Integer::sum);
                if (status.equals("changed")) {
                    c.merge("ok", 1, Integer::sum);
                }
            }
        }
        JsonNode recap = events.stream().filter(e -> e.get("event").asText().equals("recap")).findFirst().orElseThrow();
        for (String host : List.of("a", "b")) {
            JsonNode stats = recap.get("hosts").get(host);
            for (String col : List.of("ok", "changed", "failed", "skipped", "unreachable")) {
                assertEquals(counted.get(host).getOrDefault(col, 0), stats.get(col).asInt(), host + " " + col + " in " + recap);
            }
        }
        assertEquals(1, recap.get("hosts").get("b").get("failed").asInt());
        JsonNode a = recap.get("hosts").get("a");
        assertEquals(List.of(4, 3, 2), List.of(a.get("ok").asInt(), a.get("changed").asInt(), a.get("skipped").asInt()), recap.toString());

        JsonNode secret = events.stream().filter(e -> e.get("event").asText().equals("host_result")
                && e.get("task").asText().equals("secret")).findFirst().orElseThrow();
        assertTrue(secret.get("no_log").asBoolean());
        assertFalse(secret.has("result"), secret.toString());
        assertFalse(run.out().contains("topsecret"), "no_log output never reaches the events");
        assertEquals(4, events.stream().filter(e -> e.get("event").asText().equals("item_result")).count());
        assertTrue(run.err().isEmpty(), run.toString());
    }

    @Test
    void anErrorStillEndsTheEventStreamAndGoesToStderr() throws Exception {
        CliRun run = run("- hosts: web\n  tasks:\n    - bogus_module_x: {}\n", "--output", "json");
        assertEquals(ExitCodes.BAD_INPUT, run.exitCode(), run.toString());
        List<JsonNode> events = events(run.out());
        JsonNode end = events.get(events.size() - 1);
        assertEquals("run_end", end.get("event").asText());
        assertEquals(ExitCodes.BAD_INPUT, end.get("exit_code").asInt());
        assertTrue(end.get("error").asText().contains("bogus_module_x"), end.toString());
        assertTrue(run.err().contains("ERROR:"), run.toString());
    }

    @Test
    void junitReportHasASuitePerPlayACasePerTaskAndHostWrittenAlsoOnFailure() throws Exception {
        Path xml = dir.resolve("reports/junit.xml");
        CliRun run = run(PLAYBOOK, "--junit-xml", xml.toString());
        assertEquals(ExitCodes.HOST_FAILED, run.exitCode(), run.toString());
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
        NodeList suites = doc.getElementsByTagName("testsuite");
        assertEquals(2, suites.getLength());
        Element first = (Element) suites.item(0);
        assertEquals("first", first.getAttribute("name"));
        assertEquals("10", first.getAttribute("tests"), "5 tasks x 2 hosts");
        assertEquals("1", first.getAttribute("failures"));
        assertEquals("3", first.getAttribute("skipped"));
        Element failed = null;
        NodeList cases = first.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            Element c = (Element) cases.item(i);
            if (c.getAttribute("name").equals("[b] fail b")) {
                failed = c;
            }
        }
        assertTrue(failed != null, "a testcase named [host] task");
        Element failure = (Element) failed.getElementsByTagName("failure").item(0);
        assertEquals("non-zero return code", failure.getAttribute("message"));
        assertEquals("1", ((Element) suites.item(1)).getAttribute("tests"));
        assertFalse(Files.readString(xml).contains("topsecret"), "no_log results stay out of the report");
        try (var left = Files.list(xml.getParent())) {
            assertEquals(List.of(xml), left.toList(), "no temporary file left behind");
        }
    }

    @Test
    void logFileLinesCarryTimeAndRunIdAndRunsAppend() throws Exception {
        Path log = dir.resolve("logs/site.log");
        CliRun first = run(PLAYBOOK, "--log-file", log.toString(), "--output", "json");
        CliRun second = run(PLAYBOOK, "--log-file", log.toString());
        assertEquals(ExitCodes.HOST_FAILED, first.exitCode(), first.toString());
        String firstId = events(first.out()).get(0).get("run_id").asText();
        Pattern line = Pattern.compile("^(" + TIME + ") (\\S+) (.+)$");
        List<String> lines = Files.readAllLines(log);
        Set<String> ids = new java.util.LinkedHashSet<>();
        for (String l : lines) {
            Matcher m = line.matcher(l);
            assertTrue(m.matches(), "every line has a timestamp and the run id: '" + l + "'");
            ids.add(m.group(2));
        }
        assertEquals(2, ids.size(), "two runs appended: " + ids);
        assertEquals(firstId, ids.iterator().next(), "the log's run id is the JSON events' run id");
        String all = Files.readString(log);
        assertTrue(all.contains(firstId + " fatal: [b]: FAILED!"), all);
        assertTrue(all.contains(firstId + " run " + firstId + " ended: exit 2"), all);
        assertTrue(all.contains(" b                          : ok=3"), all);
        assertFalse(all.contains("\u001b["), "no colour in the log");
        assertTrue(second.out().contains("PLAY RECAP"), "the console still gets the human output: " + second);
    }

    @Test
    void timestampsPrefixEveryLineOfHumanOutput() throws Exception {
        CliRun run = run(PLAYBOOK, "--timestamps");
        for (String l : run.out().split("\n")) {
            assertTrue(l.matches(TIME + " .+"), "'" + l + "'\n" + run);
        }
        assertTrue(run.out().contains(" PLAY RECAP "), run.toString());
    }
}
