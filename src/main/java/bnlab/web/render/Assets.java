package bnlab.web.render;

import org.webjars.WebJarVersionLocator;

/**
 * URLs of the browser libraries shipped as webjars, found by webjars-locator-lite, so no
 * version is written into a template and nothing is loaded from the internet.
 */
public record Assets(String katexJs, String katexCss, String chartJs) {

    public static Assets fromWebjars() {
        WebJarVersionLocator locator = new WebJarVersionLocator();
        return new Assets(
                url(locator, "katex", "dist/katex.min.js"),
                url(locator, "katex", "dist/katex.min.css"),
                url(locator, "chart.js", "dist/chart.umd.js"));
    }

    private static String url(WebJarVersionLocator locator, String webjar, String file) {
        String path = locator.path(webjar, file);
        if (path == null) throw new IllegalStateException("webjar file not on the classpath: " + webjar + "/" + file);
        return "/webjars/" + path;
    }
}
