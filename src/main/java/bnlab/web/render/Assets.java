package bnlab.web.render;

import org.webjars.WebJarVersionLocator;

/**
 * URLs of what the pages load: the browser libraries shipped as webjars, found by webjars-locator-lite (so no
 * version is written into a template and nothing is loaded from the internet), and the app's own files under the
 * versioned path {@code /static/VERSION/} ({@link StaticFolder}), all of them cached by browsers for a year.
 *
 * @param staticBase the versioned path of the static folder, e.g. "/static/3f9a2c1b7d40"
 */
public record Assets(String katexJs, String katexCss, String chartJs, String staticBase) {
    /** The path of the static folder that browsers revalidate at every use (links from elsewhere, the favicon). */
    public static final String STATIC = "/static";

    /** The webjars' files, from the classpath, and the static folder's version. */
    public static Assets of(StaticFolder folder) {
        WebJarVersionLocator locator = new WebJarVersionLocator();
        return new Assets(
                url(locator, "katex", "dist/katex.min.js"),
                url(locator, "katex", "dist/katex.min.css"),
                url(locator, "chart.js", "dist/chart.umd.js"),
                STATIC + "/" + folder.version());
    }

    /** The versioned URL of a file of the static folder, e.g. file("js/lab.js"): what every template links. */
    public String file(String path) { return staticBase + "/" + path; }

    private static String url(WebJarVersionLocator locator, String webjar, String file) {
        String path = locator.path(webjar, file);
        if (path == null) throw new IllegalStateException("webjar file not on the classpath: " + webjar + "/" + file);
        return "/webjars/" + path;
    }
}
