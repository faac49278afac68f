package dev.drover.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.drover.cli.CliRun;
import dev.drover.state.StateDir;
import dev.drover.testing.Chromium;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Takes docs/'s pictures of {@code drover serve}: a live cluster upgrade ({@code drover demo}'s,
 * caught while node2 upgrades) and the runs list. Run by hand, once, when the pages change:
 * <pre>mvn -pl controller test -Dtest=ServeScreenshotsTest -Ddrover.serve.screenshots=$PWD/docs</pre>
 * Skipped otherwise (it takes a demo's minute).
 */
class ServeScreenshotsTest {
    @TempDir
    Path tmp;

    @Test
    void liveClusterUpgradeAndRunsList() throws Exception {
        String to = System.getProperty("drover.serve.screenshots");
        Assumptions.assumeTrue(to != null, "screenshots are taken by hand: -Ddrover.serve.screenshots=DIR");
        Path sandbox = tmp.resolve("sandbox");
        StateDir state = new StateDir(sandbox.resolve("state"));
        ChromeDriver browser = Chromium.start();
        CompletableFuture<CliRun> demo = CompletableFuture.supplyAsync(() -> CliRun.of("demo", "--fast", "--dir", sandbox.toString(),
                "--color", "never"));
        try (ServeServer server = awaitState(state, demo)) {
            browser.manage().window().setSize(new Dimension(1400, 1000));
            browser.get(server.url() + "runs/last");
            // node2's batch, a few tasks in: the rolling order shows node1 done, node2 in flight, node3 next.
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (System.nanoTime() < deadline && !demo.isDone()) {
                try {
                    // The upgrade play's rolling order with node2's batch live (the rollback play, earlier on
                    // the page, has a rolling order of its own: look for node2 in the live step).
                    Object n = browser.executeScript("return [...document.querySelectorAll('ol.rolling .step-live')]"
                            + ".some(e => e.textContent.includes('node2') && e.textContent.includes('batch 2'))");
                    if (Boolean.TRUE.equals(n)) {
                        break;
                    }
                } catch (org.openqa.selenium.ScriptTimeoutException busy) {
                    // A loaded machine: the page is redrawing a large grid; ask again.
                }
                Thread.sleep(250);
            }
            // The rolling play from its heading: node1's batch done, node2's in flight, node3 to come.
            browser.executeScript("const live = [...document.querySelectorAll('ol.rolling .step-live')]"
                    + ".find(e => e.textContent.includes('node2')) || document.querySelector('ol.rolling');"
                    + " live.closest('.play').scrollIntoView({block: 'start'});");
            Thread.sleep(300);
            Files.write(Path.of(to, "serve-live-upgrade.png"), browser.getScreenshotAs(OutputType.BYTES));
            CliRun done = demo.get(10, TimeUnit.MINUTES);
            assertEquals(0, done.exitCode(), done.toString());
            // Beside the upgrade, a week of nightly backups, one of which failed.
            Journals nightly = new Journals(state, Path.of("/srv/acs/playbooks"));
            Instant night = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.DAYS).minus(Duration.ofDays(6)).plus(Duration.ofMinutes(150));
            for (int i = 0; i < 6; i++) {
                Instant t = night.plus(Duration.ofDays(i));
                nightly.rolling(dev.drover.journal.RunId.next(t, new java.util.Random(i)), "acs-backup.yml", t, i == 3 ? "node2" : null);
            }
            browser.manage().window().setSize(new Dimension(1400, 520));
            browser.get(server.url());
            Thread.sleep(1500);
            Files.write(Path.of(to, "serve-runs.png"), browser.getScreenshotAs(OutputType.BYTES));
        } finally {
            browser.quit();
        }
    }

    /** Serves the sandbox's state directory once the demo has made it. */
    private static ServeServer awaitState(StateDir state, CompletableFuture<CliRun> demo) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (!Files.isDirectory(state.root()) && System.nanoTime() < deadline) {
            if (demo.isDone()) {
                throw new AssertionError("the demo ended before its run started: " + demo.get());
            }
            Thread.sleep(100);
        }
        return ServeServer.start(ServeConfig.local(state, 0));
    }
}
