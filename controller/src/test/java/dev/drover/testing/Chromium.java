package dev.drover.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The browser test tier: Debian's {@code chromium}, headless, driven through Debian's
 * {@code chromium-driver} by Selenium. Nothing is downloaded: both binaries must be installed
 * ({@code apt-get install chromium chromium-driver}; {@code .ci/run} does). When either is missing the
 * caller is skipped through {@link Tiers} as tier {@value #TIER}, or fails when all tiers are required.
 *
 * <p>Each {@link #start()} is a new browser process with a fresh profile; the caller quits it.
 */
public final class Chromium {
    public static final String TIER = "browser";
    static final Path BROWSER = Path.of(System.getProperty("drover.chromium", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(System.getProperty("drover.chromedriver", "/usr/bin/chromedriver"));
    /**
     * Selenium warns when Debian's chromium is newer than the DevTools versions it bundles; the tests
     * use WebDriver only, not DevTools. Held here: java.util.logging keeps loggers weakly.
     */
    private static final java.util.logging.Logger DEVTOOLS = java.util.logging.Logger.getLogger("org.openqa.selenium.devtools");

    private Chromium() {
    }

    /** A headless chromium, 1400x900; skips (or fails, in CI) when the browser or its driver is missing. */
    public static ChromeDriver start() {
        boolean present = Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
        Tiers.require(TIER, present, (Files.isExecutable(BROWSER) ? "" : BROWSER + " is not installed; ")
                + (Files.isExecutable(DRIVER) ? "" : DRIVER + " is not installed; ") + "apt-get install chromium chromium-driver");
        DEVTOOLS.setLevel(java.util.logging.Level.SEVERE);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        // --no-sandbox: CI runs as root, where chromium's sandbox refuses to start.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1400,900", "--hide-scrollbars", "--no-first-run", "--disable-extensions");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        return driver;
    }
}
