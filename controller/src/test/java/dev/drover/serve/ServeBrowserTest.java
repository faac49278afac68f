package dev.drover.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drover.cli.CliRun;
import dev.drover.state.StateDir;
import dev.drover.testing.Chromium;
import dev.drover.testing.OpenSshLab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The pages in a real browser (headless chromium through chromedriver): the runs list, a failure
 * with its message and output, and a run on the OpenSSH lab whose grid fills in while it runs, its
 * page opened after it started. docs/'s pictures come from {@link ServeScreenshotsTest}.
 */
class ServeBrowserTest {
    static final Instant NIGHT = Instant.parse("2026-11-24T02:30:00Z");

    @TempDir
    Path dir;
    StateDir state;
    Journals journals;
    ServeServer server;
    ChromeDriver browser;

    @BeforeEach
    void start() throws Exception {
        browser = Chromium.start();
        state = new StateDir(dir.resolve("state"));
        journals = new Journals(state, Path.of("/srv/acs/playbooks"));
        server = ServeServer.start(ServeConfig.local(state, 0));
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    WebDriverWait waiting(int seconds) {
        return new WebDriverWait(browser, Duration.ofSeconds(seconds), Duration.ofMillis(50));
    }

    /** Read in one script, so a page that redraws between two reads cannot mix two states. */
    @SuppressWarnings("unchecked")
    List<String> texts(String selector) {
        return (List<String>) browser.executeScript("return [...document.querySelectorAll(arguments[0])]"
                + ".map(e => e.dataset.run || e.innerText)", selector);
    }

    List<String> shownRuns() {
        return texts("#runs tbody tr");
    }

    String text(String selector) {
        List<String> t = texts(selector);
        return t.isEmpty() ? "" : t.get(0);
    }

    @Test
    void theRunsListNewestFirstFilteredByPlaybookAndResult() throws Exception {
        for (int night = 0; night < 4; night++) {
            journals.rolling(String.format("202611%02d-023000-b%03d", 24 + night, night), "acs-backup.yml",
                    NIGHT.plus(Duration.ofDays(night)), night == 2 ? "node2" : null);
        }
        journals.rolling("20261127-140000-c001", "acs-cluster-upgrade.yml", NIGHT.plus(Duration.ofHours(83).plusMinutes(30)), "node2");
        journals.rolling("20261127-153000-c002", "acs-cluster-upgrade.yml", NIGHT.plus(Duration.ofHours(85)), null);

        browser.get(server.url());
        waiting(20).until(d -> shownRuns().size() == 6);
        assertEquals(List.of("20261127-153000-c002", "20261127-140000-c001", "20261127-023000-b003", "20261126-023000-b002",
                "20261125-023000-b001", "20261124-023000-b000"), shownRuns());
        String failed = text("tr[data-run='20261126-023000-b002'] td:not(:first-child)");
        String row = String.join(" ", texts("tr[data-run='20261126-023000-b002'] td"));
        assertTrue(row.contains("failed (2)"), row);
        assertTrue(row.contains("node2"), row);
        assertTrue(row.contains(System.getProperty("user.name")), row);
        assertEquals("acs-backup.yml", failed);

        new Select(browser.findElement(By.id("filter-result"))).selectByValue("failed");
        waiting(20).until(d -> shownRuns().size() == 2);
        assertEquals(List.of("20261127-140000-c001", "20261126-023000-b002"), shownRuns());
        new Select(browser.findElement(By.id("filter-playbook"))).selectByValue("acs-backup.yml");
        waiting(20).until(d -> shownRuns().size() == 1);
        assertEquals(List.of("20261126-023000-b002"), shownRuns());
    }

    @Test
    void aFailureIsShownWithItsMessageAndTheHostsOutput() throws Exception {
        journals.rolling("20261126-023000-b002", "acs-cluster-upgrade.yml", NIGHT, "node2");
        browser.get(server.url() + "runs/20261126-023000-b002");
        waiting(20).until(d -> !text("#failures .failure").isEmpty() && !text(".play .stop").isEmpty());
        String failure = text("#failures .failure");
        assertTrue(failure.contains("node2 failed in Start the new version"), failure);
        assertTrue(failure.contains("non-zero return code: boom: the repository did not start"), failure);
        assertTrue(text("#result").contains("failed (2)"), text("#result"));
        assertTrue(text(".play .stop").contains("never started: node3"), text(".play .stop"));
        // The batches in rolling order: node1's, then node2's; node3's never started.
        List<String> batches = texts("tr.batch");
        assertEquals(List.of("batch 1 of 3: node1", "batch 2 of 3: node2"), batches);
        // A row the server's changes redraw replaces its cells: find the cell again if it went stale meanwhile.
        waiting(20).ignoring(StaleElementReferenceException.class).until(d -> {
            d.findElement(By.cssSelector("td.cell.status-failed[data-host='node2']")).click();
            return true;
        });
        WebElement output = waiting(20).until(d -> d.findElement(By.id("output-body")));
        waiting(20).until(d -> output.isDisplayed() && output.getText().contains("--- stderr"));
        assertTrue(output.getText().contains("boom: the repository did not start"), output.getText());
    }

    @Test
    void aLiveRunOnTheOpenSshLabFillsItsGridInAfterThePageOpened() throws Exception {
        OpenSshLab.Lab lab = OpenSshLab.get();
        Path pb = dir.resolve("rolling.yml");
        Files.writeString(pb, """
                - name: rolling restart
                  hosts: nodes
                  serial: 1
                  gather_facts: false
                  tasks:
                    - name: Stop the service
                      command: sleep 1
                    - name: Wait for the repository
                      wait_for:
                        timeout: 3
                    - name: Check it answers
                      command: echo started
                """);
        CompletableFuture<CliRun> run = CompletableFuture.supplyAsync(() -> CliRun.of("run", "-i", lab.inventory().toString(),
                pb.toString(), "--state-dir", state.root().toString()));
        // The run started before the page is opened: wait for its first result in the journal.
        String id = waitForFirstResult(run);
        browser.get(server.url() + "runs/" + id);
        waiting(30).until(d -> !texts("td.cell[data-host]").isEmpty());
        assertEquals(Boolean.FALSE, browser.executeScript("return document.getElementById('live').hidden"),
                "the page says the run is live");
        int first = finishedCells();
        boolean sawGate = false;
        boolean sawRollingOrder = false;
        int seenWhileRunning = first;
        while (!run.isDone()) {
            String gate = text("#waiting .gate");
            sawGate |= gate.startsWith("waiting for node") && gate.contains("wait_for timeout=3");
            seenWhileRunning = Math.max(seenWhileRunning, finishedCells());
            // node2 in flight: node1 done before it, node3 after it, not started.
            List<String> order = texts("ol.rolling .step");
            sawRollingOrder |= order.size() == 3 && order.get(0).startsWith("node1") && order.get(1).startsWith("node2")
                    && texts("ol.rolling .step-live").size() == 1 && texts("ol.rolling .step-live").get(0).startsWith("node2")
                    && order.get(2).startsWith("node3") && order.get(2).contains("not started");
            Thread.sleep(100);
        }
        CliRun done = run.get(1, TimeUnit.SECONDS);
        assertEquals(0, done.exitCode(), done.toString());
        assertTrue(seenWhileRunning > first, "cells filled in while the run went on: " + first + " -> " + seenWhileRunning);
        assertTrue(sawGate, "the gate a host waited on was shown");
        assertTrue(sawRollingOrder, "the rolling order was shown: node1 done, node2 in flight, node3 not started");
        waiting(30).until(d -> text("#result").startsWith("ok"));
        assertEquals(9, finishedCells(), "three tasks on each of the three nodes");
        assertEquals(List.of("batch 1 of 3: node1", "batch 2 of 3: node2", "batch 3 of 3: node3"), texts("tr.batch"));
        assertEquals(3, texts("table.recap tbody tr").size());
        assertEquals(3, texts("ol.rolling .step-done").size(), "every batch done");
    }

    private int finishedCells() {
        return texts("td.cell.status-ok, td.cell.status-changed").size();
    }

    private String waitForFirstResult(CompletableFuture<CliRun> run) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (run.isDone()) {
                throw new AssertionError("the run ended before its page was opened: " + run.get());
            }
            if (Files.isDirectory(state.runs())) {
                try (var dirs = Files.list(state.runs())) {
                    for (Path d : dirs.toList()) {
                        Path j = d.resolve("journal.jsonl");
                        if (Files.isRegularFile(j) && Files.readString(j).contains("\"event\":\"task\"")) {
                            return d.getFileName().toString();
                        }
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no task result in the journal after 120 s");
    }
}
