package bnlab.web;

import bnlab.experiments.Presets;
import bnlab.web.labpage.PresetLink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The figures of docs/experiments.md, made by the app itself: each experiment of "what we know today" (and the
 * paper's recipe) runs in the lab, in English, at full speed to its length, and every chart's "PNG" button saves
 * the chart as the page exports it, into {@code DIR/KEY-CHART.png}. Run with
 * {@code mvn -B test -Dtest=ExperimentFigures -Dbnlab.figures=docs/figures -Dsurefire.failIfNoSpecifiedTests=false}
 * (skipped otherwise).
 */
@EnabledIfSystemProperty(named = "bnlab.figures", matches = ".+")
class ExperimentFigures extends BrowserTestBase {

    @Test
    void saves_every_chart_of_todays_experiments_as_the_lab_exports_it() throws Exception {
        Path dir = Files.createDirectories(Path.of(System.getProperty("bnlab.figures")));
        List<PresetLink> links = Stream.concat(PresetLink.KNOWN_TODAY.stream(),
                Stream.of(PresetLink.of(Presets.PAPER_RECIPE))).toList();
        for (PresetLink p : links) {
            d.manage().window().setSize(new Dimension(1600, 1000));
            d.get("http://127.0.0.1:" + port + p.href().replaceFirst("speed=[^&]*", "speed=max") + "&lang=en");
            new WebDriverWait(d, Duration.ofSeconds(30)).until(x -> "0".equals(d.findElement(By.id("main")).getAttribute("data-step")));
            d.findElement(By.id("btn-play")).click();
            new WebDriverWait(d, Duration.ofSeconds(300)).until(x -> "true".equals(d.findElement(By.id("main")).getAttribute("data-done")));
            Thread.sleep(800); // the last frame's drawing
            for (WebElement b : d.findElements(By.cssSelector("button.png"))) {
                if (!b.isDisplayed()) continue;
                String chart = b.getAttribute("data-chart");
                clearDownloads();
                d.executeScript("arguments[0].scrollIntoView({block: 'center'})", b);
                b.click();
                Path saved = new WebDriverWait(d, Duration.ofSeconds(20)).until(x -> newestPng());
                Files.move(saved, dir.resolve(p.key() + "-" + chart + ".png"), StandardCopyOption.REPLACE_EXISTING);
                System.out.println("figure " + dir.resolve(p.key() + "-" + chart + ".png"));
            }
        }
        System.out.println("console: " + browser.consoleErrors());
    }

    private void clearDownloads() throws Exception {
        try (Stream<Path> files = Files.list(downloads)) {
            for (Path f : files.toList()) Files.deleteIfExists(f);
        }
    }

    private Path newestPng() {
        try (Stream<Path> files = Files.list(downloads)) {
            return files.filter(f -> f.toString().endsWith(".png")).findFirst().orElse(null);
        } catch (Exception e) {
            return null;
        }
    }
}
