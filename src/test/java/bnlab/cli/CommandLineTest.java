package bnlab.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineTest {
    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void a_bad_argument_prints_one_line_naming_it_and_the_allowed_values_and_exits_with_2() {
        Run r = run("bench", "--steps", "0");
        assertEquals(2, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("--steps") && r.err().contains("between 1 and 1000000"), r.err());

        Run p = run("experiment", "--preset", "fig9", "--out", "x.csv");
        assertEquals(2, p.code());
        assertTrue(p.err().contains("--preset") && p.err().contains("figure1") && p.err().contains("rate-x30"), p.err());

        Run t = run("bench", "--threads", "many");
        assertEquals(2, t.code());
        assertTrue(t.err().contains("--threads"), t.err());

        Run port = run("serve", "--port", "70000");
        assertEquals(2, port.code());
        assertTrue(port.err().contains("--port") && port.err().contains("65535"), port.err());

        Run defaultServe = run("--port", "0");
        assertEquals(2, defaultServe.code(), "options without a command go to serve");
        assertTrue(defaultServe.err().contains("bnlab serve --help"), defaultServe.err());

        Run unknown = run("train");
        assertEquals(2, unknown.code());
    }

    @Test
    void every_command_has_help() {
        for (String cmd : List.of("serve", "bench", "experiment", "claims")) {
            Run r = run(cmd, "--help");
            assertEquals(0, r.code(), cmd);
            assertTrue(r.out().contains("Usage: bnlab " + cmd), r.out());
        }
        assertTrue(run("--help").out().contains("bench"));
    }

    /**
     * {@code claims --only} measures one set again and keeps the others' figures from the file: on one seed the
     * counts the texts quote (of 25) cannot agree, so it exits with 1, and a set it did not measure keeps its rows.
     */
    @Test
    void claims_measures_the_sets_it_is_given_and_keeps_the_others_figures(@TempDir Path dir) throws Exception {
        Path table = dir.resolve("claims.md");
        Files.copy(Path.of("docs/claims.md"), table);
        String before = Files.readString(table);
        Run r = run("claims", "--only", "batch", "--seeds", "1", "--out", table.toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("claims batch: seed 1 of 1") && r.err().contains("DISAGREES"), r.err());
        String after = Files.readString(table);
        assertTrue(after.contains("| batch 2 | batches of 2 |"), after);
        // the others' rows as they were
        String x5 = before.substring(before.indexOf("\n## rate-x5\n"), before.indexOf("\n## rate-x5-both\n"));
        assertTrue(after.contains(x5), "rate-x5 kept");

        Run bad = run("claims", "--only", "nope", "--out", table.toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--only") && bad.err().contains("noisy-bn"), bad.err());
    }

    /** Writes a small MNIST-format set (random 28x28 images) so the test needs neither the bundle nor Debian's. */
    static Path tinyMnist(Path dir, int train, int test) throws Exception {
        Path d = Files.createDirectories(dir.resolve("mnist"));
        java.util.Random r = new java.util.Random(1);
        for (String[] f : new String[][]{{"train", "" + train}, {"t10k", "" + test}}) {
            int n = Integer.parseInt(f[1]);
            var img = new java.io.ByteArrayOutputStream();
            var out = new java.io.DataOutputStream(img);
            out.writeInt(0x803); out.writeInt(n); out.writeInt(28); out.writeInt(28);
            for (int i = 0; i < n * 784; i++) out.write(r.nextInt(4) == 0 ? r.nextInt(256) : 0);
            Files.write(d.resolve(f[0] + "-images-idx3-ubyte"), img.toByteArray());
            var lab = new java.io.ByteArrayOutputStream();
            var lout = new java.io.DataOutputStream(lab);
            lout.writeInt(0x801); lout.writeInt(n);
            for (int i = 0; i < n; i++) lout.write(i % 10);
            Files.write(d.resolve(f[0] + "-labels-idx1-ubyte"), lab.toByteArray());
        }
        return d;
    }

    @Test
    void experiment_writes_the_figure_1_columns_for_both_models(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("fig1.csv");
        Run r = run("experiment", "--preset", "fig1", "--steps", "30", "--seed", "3", "--out", csv.toString(),
                "--eval-every", "10", "--data", tinyMnist(dir, 300, 100).toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(csv);
        assertEquals(bnlab.experiments.Experiment.SHARED, lines.get(0), "the twin writes the shared columns only");
        assertEquals(1 + 2 * 30, lines.size());
        String[] header = lines.get(0).split(",");
        int val = List.of(header).indexOf("val_accuracy");
        int p15 = List.of(header).indexOf("p15"), p85 = List.of(header).indexOf("p85");
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",", -1);
            int step = Integer.parseInt(f[0]);
            assertEquals(i % 2 == 1 ? "plain" : "bn", f[1]);
            assertEquals(step % 10 == 0, !f[val].isEmpty(), "validation every 10 steps: " + lines.get(i));
            assertTrue(Double.parseDouble(f[p15]) <= Double.parseDouble(f[p85]), lines.get(i));
        }
        assertTrue(r.err().contains("wrote") && r.err().contains("300 training images"), r.err());
    }

    @Test
    void every_preset_that_experiment_help_lists_runs_headless_for_a_few_steps(@TempDir Path dir) throws Exception {
        String help = run("experiment", "--help").out().replaceAll("\\s+", " ");
        java.util.regex.Matcher listed = java.util.regex.Pattern.compile("allowed: ([a-zA-Z0-9, -]+?)(?: \\(|\\.|$| -)").matcher(help);
        assertTrue(listed.find(), help);
        List<String> keys = List.of(listed.group(1).trim().split(",\\s*"));
        assertTrue(keys.size() == bnlab.experiments.Presets.keys().size() && keys.contains("paper-recipe") && keys.contains("figure1"), keys.toString());
        String data = tinyMnist(dir, 120, 60).toString();
        for (String key : keys) {
            Path csv = dir.resolve(key + ".csv");
            Run r = run("experiment", "--preset", key, "--steps", "4", "--eval-every", "2", "--out", csv.toString(), "--data", data);
            assertEquals(0, r.code(), key + ": " + r.err());
            assertTrue(Files.readAllLines(csv).size() > 1, key);
        }
    }

    @Test
    void a_former_preset_name_still_runs_under_its_current_key_and_help_lists_only_the_current_ones(@TempDir Path dir)
            throws Exception {
        // rate-x5 (the twin) and paper-recipe (three networks): one experiment, one layout
        List<String> headers = new java.util.ArrayList<>();
        for (String[] names : new String[][]{{"rateX5", "rate-x5"}, {"paperRecipe", "paper-recipe"}}) {
            Path csv = dir.resolve(names[0] + ".csv");
            Run r = run("experiment", "--preset", names[0], "--steps", "4", "--out", csv.toString());
            assertEquals(0, r.code(), names[0] + ": " + r.err());
            List<String> lines = Files.readAllLines(csv);
            assertEquals(1 + 4 * (names[1].equals("rate-x5") ? 2 : 3), lines.size(), names[0]);
            headers.add(lines.get(0));
            assertTrue(r.err().contains("experiment " + names[1] + ":"), "named by its current key: " + r.err());
        }
        assertEquals(headers.get(0), headers.get(1), "the same header");
        String help = run("experiment", "--help").out();
        for (String former : bnlab.experiments.Presets.FORMER_KEYS.keySet())
            if (!former.equals("fig1")) assertFalse(help.contains(former), former + " in --help: " + help);
        for (String key : bnlab.experiments.Presets.keys()) assertTrue(help.contains(key), key);
        Run bad = run("experiment", "--preset", "rate-x7", "--out", dir.resolve("x.csv").toString());
        assertEquals(2, bad.code());
        for (String former : bnlab.experiments.Presets.FORMER_KEYS.keySet())
            assertFalse(bad.err().contains(former), "the allowed values are the current keys: " + bad.err());
    }

    @Test
    void experiment_refuses_a_data_directory_that_does_not_exist(@TempDir Path dir) {
        Run r = run("experiment", "--preset", "fig1", "--out", dir.resolve("a.csv").toString(), "--data", dir.resolve("nope").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--data"), r.err());
    }
}
