package bnlab.web;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Headless Debian Chromium for the browser tests: one per test class (starting one costs
 * seconds and most of a gigabyte). Both paths are given so Selenium never tries the internet.
 */
public final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    public final ChromeDriver driver;

    /**
     * Skips the calling test class when Chromium or its driver is missing, saying so; with
     * CI=true a missing browser is a failure instead, so CI cannot pass without running them.
     */
    public static void requireChromium() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (present) return;
        String message = "Browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
                + " (Debian: apt-get install -y chromium chromium-driver); not found";
        if ("true".equals(System.getenv("CI"))) Assertions.fail(message + ", and CI=true forbids skipping.");
        Assumptions.abort(message + ": browser tests skipped.");
    }

    Browser(int width, int height) { this(width, height, (Path) null); }

    /** @param downloads where downloads go without asking, or null for Chromium's default */
    Browser(int width, int height, Path downloads) { this(width, height, downloads, List.of()); }

    /** @param arguments further command-line switches, e.g. a host resolver rule for a proxy's name */
    public Browser(int width, int height, List<String> arguments) { this(width, height, null, arguments); }

    private Browser(int width, int height, Path downloads, List<String> arguments) {
        requireChromium();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=" + width + "," + height, "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run");
        options.addArguments(arguments);
        if (downloads != null) {
            options.setExperimentalOption("prefs", java.util.Map.of(
                    "download.default_directory", downloads.toAbsolutePath().toString(),
                    "download.prompt_for_download", false));
        }
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
    }

    /** The console messages at level SEVERE since the last call (errors, failed loads). */
    public List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::toString)
                .collect(Collectors.toList());
    }

    @Override
    public void close() { driver.quit(); }
}
