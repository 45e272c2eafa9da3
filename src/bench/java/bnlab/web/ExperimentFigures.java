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
 * The figures of docs/experiments.md and of the lesson's section 7, made by the app itself: each experiment of "what
 * we know today" (and the paper's recipe) runs in the lab, in English and in German, at full speed to its length,
 * and the "PNG" buttons of the charts that docs/experiments.md shows ({@link #CHARTS}) save them as the page exports
 * them, into {@code DIR/KEY-CHART-LANG.png}. Run with
 * {@code mvn -B test -Dtest=ExperimentFigures -Dbnlab.figures=static/figures -Dsurefire.failIfNoSpecifiedTests=false}
 * (skipped otherwise); {@code -Dbnlab.figures.keys=KEY,...} makes only those presets' figures.
 */
@EnabledIfSystemProperty(named = "bnlab.figures", matches = ".+")
class ExperimentFigures extends BrowserTestBase {
    /** The charts kept of each preset (the page's data-chart names): what its section of docs/experiments.md shows. */
    static final java.util.Map<String, List<String>> CHARTS = java.util.Map.of(
            "noisy-bn", List.of("bands", "acc"), "ics-gradients", List.of("m0", "m1"), "landscape", List.of("m0", "m1", "m2"),
            "layer-norm", List.of("acc"), "layer-norm-2", List.of("acc"), "paper-recipe", List.of("acc"),
            "figure1-larger-init", List.of("acc", "bands"));

    @Test
    void saves_every_chart_of_todays_experiments_as_the_lab_exports_it() throws Exception {
        Path dir = Files.createDirectories(Path.of(System.getProperty("bnlab.figures")));
        List<PresetLink> links = Stream.concat(PresetLink.KNOWN_TODAY.stream(),
                Stream.of(PresetLink.of(Presets.PAPER_RECIPE)))
                .filter(p -> System.getProperty("bnlab.figures.keys", "").isEmpty()
                        || List.of(System.getProperty("bnlab.figures.keys").split(",")).contains(p.key())).toList();
        for (String lang : new String[]{"en", "de"}) for (PresetLink p : links) {
            d.manage().window().setSize(new Dimension(1600, 1000));
            d.get("http://127.0.0.1:" + port + p.href().replaceFirst("speed=[^&]*", "speed=max") + "&lang=" + lang);
            new WebDriverWait(d, Duration.ofSeconds(30)).until(x -> "0".equals(d.findElement(By.id("main")).getAttribute("data-step")));
            d.findElement(By.id("btn-play")).click();
            new WebDriverWait(d, Duration.ofSeconds(300)).until(x -> "true".equals(d.findElement(By.id("main")).getAttribute("data-done")));
            Thread.sleep(800); // the last frame's drawing
            for (WebElement b : d.findElements(By.cssSelector("button.png"))) {
                if (!b.isDisplayed()) continue;
                String chart = b.getAttribute("data-chart");
                if (!CHARTS.get(p.key()).contains(chart)) continue;
                clearDownloads();
                d.executeScript("arguments[0].scrollIntoView({block: 'center'})", b);
                b.click();
                Path saved = downloaded(".png", 20);
                Path to = dir.resolve(p.key() + "-" + chart + "-" + lang + ".png");
                Files.move(saved, to, StandardCopyOption.REPLACE_EXISTING);
                System.out.println("figure " + to);
            }
        }
        System.out.println("console: " + browser.consoleErrors());
    }

    private void clearDownloads() throws Exception {
        try (Stream<Path> files = Files.list(downloads)) {
            for (Path f : files.toList()) Files.deleteIfExists(f);
        }
    }
}
