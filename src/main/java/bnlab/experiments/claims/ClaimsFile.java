package bnlab.experiments.claims;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A table of {@link ClaimsTable#markdown} read back (docs/claims.md): per set its claim rows and its figures per
 * seed, as the file writes them. {@code bnlab claims --only} keeps the other sets' figures from it.
 */
public record ClaimsFile(Map<String, Section> sections, Map<String, Double> seconds, String kernels) {
    public static final Path FILE = Path.of("docs/claims.md");

    /** One claim row: its cells by column name. */
    public record Row(Map<String, String> cells) {
        public String get(String column) { return cells.get(column); }

        /** The message keys in "Quoted in". */
        public List<String> texts() {
            List<String> out = new ArrayList<>();
            for (String t : get("Quoted in").split("\\s+")) if (!t.isBlank()) out.add(t.replace("`", ""));
            return out;
        }
    }

    /** A set: its claim rows and per seed (seed 1 first) each figure as written. */
    public record Section(String id, List<Row> claims, List<Map<String, String>> perSeed) {
        /** The figures per seed as numbers ("NaN" for a diverged network). */
        public List<Map<String, Double>> figures() {
            List<Map<String, Double>> out = new ArrayList<>();
            for (Map<String, String> seed : perSeed) {
                Map<String, Double> m = new LinkedHashMap<>();
                seed.forEach((k, v) -> m.put(k, Double.parseDouble(v)));
                out.add(m);
            }
            return out;
        }
    }

    /** A row of the summary: "| [id](#id) | yes | 1 to 25 | 12 s |". */
    private static final java.util.regex.Pattern SUMMARY = java.util.regex.Pattern.compile("\\| \\[([^]]+)]\\(#[^)]*\\) \\|.*\\| (\\d+) s \\|");

    /** The header's "kernels vector-512": which kernels measured the figures (see {@code Kernels.implementation}). */
    private static final java.util.regex.Pattern KERNELS = java.util.regex.Pattern.compile("kernels ([a-z0-9-]+)");

    public static ClaimsFile read(Path file) throws IOException { return parse(Files.readAllLines(file, StandardCharsets.UTF_8)); }

    static ClaimsFile parse(List<String> lines) {
        Map<String, Section> sections = new LinkedHashMap<>();
        Map<String, Double> seconds = new LinkedHashMap<>();
        Section current = null;
        String kernels = null;
        List<String> header = null;
        for (String line : lines) {
            if (line.startsWith("## ")) {
                current = new Section(line.substring(3).trim(), new ArrayList<>(), new ArrayList<>());
                sections.put(current.id(), current);
                header = null;
                continue;
            }
            var k = KERNELS.matcher(line);
            if (current == null && kernels == null && k.find()) kernels = k.group(1);
            var summary = SUMMARY.matcher(line);
            if (current == null && summary.matches()) seconds.put(summary.group(1), Double.parseDouble(summary.group(2)));
            if (current == null || !line.startsWith("|")) { header = line.startsWith("|") ? header : null; continue; }
            List<String> cells = cells(line);
            if (cells.get(0).startsWith("---")) continue;
            if (cells.get(0).equals("Figure") || cells.get(0).equals("Seed")) { header = cells; continue; }
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) row.put(header.get(i), cells.get(i));
            if (header.get(0).equals("Figure")) current.claims().add(new Row(row));
            else {
                row.remove("Seed");
                current.perSeed().add(row);
            }
        }
        return new ClaimsFile(sections, seconds, kernels);
    }

    private static List<String> cells(String line) {
        String s = line.trim();
        s = s.substring(1, s.length() - 1);
        List<String> out = new ArrayList<>();
        for (String c : s.split("\\|", -1)) out.add(c.trim());
        return out;
    }
}
