package io.pipeline.orchestrator.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The system's Chromium, headless, driven through the system's chromedriver: Debian's {@code
 * chromium} and {@code chromium-driver} packages ({@code .ci/run} installs them), or the files
 * {@code CHROMIUM_BINARY} and {@code CHROMEDRIVER_BINARY} name (environment or system property).
 * Both paths are given to Selenium, so its Selenium Manager never looks for, or downloads, a
 * browser or driver. Missing files fail the test with what to install: a browser test is never
 * skipped. Other modules' browser tests use it too, from this module's test jar.
 */
public final class HeadlessChromium implements AutoCloseable {

  private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

  private final WebDriver driver;

  private HeadlessChromium(WebDriver driver) {
    this.driver = driver;
  }

  /**
   * Starts the browser.
   *
   * @throws IllegalStateException naming the packages to install when a file is missing
   */
  public static HeadlessChromium start() {
    Path browser = executable("CHROMIUM_BINARY", "/usr/bin/chromium");
    Path driverFile = executable("CHROMEDRIVER_BINARY", "/usr/bin/chromedriver");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(browser.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=1400,1000",
        "--lang=en-US");
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(driverFile.toFile()).build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    return new HeadlessChromium(driver);
  }

  private static Path executable(String setting, String fallback) {
    Path path =
        Path.of(
            Optional.ofNullable(System.getProperty(setting))
                .or(() -> Optional.ofNullable(System.getenv(setting)))
                .orElse(fallback));
    if (!Files.isExecutable(path)) {
      throw new IllegalStateException(
          "The console's browser tests need Chromium and its driver, and "
              + path
              + " is missing: install them (apt-get install chromium chromium-driver, as .ci/run"
              + " does), or point "
              + setting
              + " at the executable");
    }
    return path;
  }

  /** The browser, driven. */
  public WebDriver driver() {
    return driver;
  }

  /** Writes what the page shows to {@code target/console-screenshots/<name>.png}. */
  public void screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Files.write(
          SCREENSHOTS.resolve(name + ".png"),
          ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the screenshot " + name, e);
    }
  }

  @Override
  public void close() {
    driver.quit();
  }
}
