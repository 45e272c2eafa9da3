package bnlab.cli;

import bnlab.experiments.claims.ClaimSet;
import bnlab.experiments.claims.ClaimsFile;
import bnlab.experiments.claims.Claims;
import bnlab.experiments.claims.ClaimsTable;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "claims", mixinStandardHelpOptions = true,
        description = {"Measures every figure the presets' texts and the lesson's section 7 quote, on the seeds they",
                "speak of (1 to 25, or more where a text says so), and writes the table as Markdown: per claim its",
                "threshold, on how many seeds it holds, smallest, median and largest figure, what the text says,",
                "and every seed's figures. docs/claims.md is its output for all sets. Exits with 1 when a text's",
                "figure and the measured one disagree (the table is written all the same).",
                "Sets: ${sys:bnlab.claimSets}"})
final class ClaimsCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--out", required = true, description = "the Markdown file to write, e.g. docs/claims.md")
    Path out;

    @Option(names = "--seeds", description = "at most this many seeds per set, from 1 (1..1000; default: each set's own, 25 or more)")
    Integer seeds;

    @Option(names = "--only", split = ",", description = {"measure only these sets (comma-separated; default: all); the others keep",
            "the figures --out has, judged again against what the texts quote now"})
    List<String> only;

    static {
        System.setProperty("bnlab.claimSets", String.join(", ", Claims.ALL.stream().map(ClaimSet::id).toList()));
    }

    @Override
    public Integer call() throws Exception {
        Main.require(spec, seeds == null || (seeds >= 1 && seeds <= 1000), "--seeds", "must be between 1 and 1000", seeds);
        Path parent = out.toAbsolutePath().getParent();
        Main.require(spec, parent != null && Files.isDirectory(parent), "--out", "must be in an existing directory", out);
        List<ClaimSet> measured = new ArrayList<>();
        if (only == null) measured.addAll(Claims.ALL);
        else for (String id : only) {
            var set = Claims.byId(id.trim());
            Main.require(spec, set.isPresent(), "--only", "must name sets of " + String.join(", ", Claims.ALL.stream().map(ClaimSet::id).toList()), id);
            measured.add(set.get());
        }
        // With --only, the other sets keep the figures the file has (judged again against the texts' figures now).
        ClaimsFile before = only != null && Files.isRegularFile(out) ? ClaimsFile.read(out) : null;
        PrintWriter err = spec.commandLine().getErr();
        long t0 = System.nanoTime();
        List<ClaimsTable.Result> results = new ArrayList<>();
        for (ClaimSet s : Claims.ALL) {
            ClaimsTable.Result r;
            if (measured.contains(s)) r = ClaimsTable.measure(s, seeds == null ? s.seeds() : seeds, line -> { err.println(line); err.flush(); });
            else if (before != null && before.sections().containsKey(s.id()))
                r = ClaimsTable.judge(s, before.sections().get(s.id()).figures(), before.seconds().getOrDefault(s.id(), 0.0));
            else continue;
            results.add(r);
            err.println("claims " + s.id() + ": " + (r.agrees() ? "every quoted figure agrees" : "a quoted figure DISAGREES, see " + out));
        }
        double total = results.stream().mapToDouble(ClaimsTable.Result::seconds).sum();
        String how = String.format(Locale.ROOT, "Made by `java -jar target/bnlab.jar claims --out docs/claims.md%s` (%.0f min of measuring, "
                        + "on %d cores, %s, %s, kernels %s; `--only SET` measures one set again). The engine is deterministic: the same seeds "
                        + "give the same figures with the same kernels (another vector width sums in another order, and after "
                        + "thousands of steps a seed's figures differ a little).",
                seeds == null ? "" : " --seeds " + seeds, total / 60, Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.arch"), "JDK " + System.getProperty("java.version"), bnlab.engine.Kernels.implementation());
        Files.writeString(out, ClaimsTable.markdown(results, how), StandardCharsets.UTF_8);
        boolean agrees = results.stream().allMatch(ClaimsTable.Result::agrees);
        err.printf(Locale.ROOT, "claims: wrote %s (%d sets, measured in %.0f s)%s%n", out, results.size(), (System.nanoTime() - t0) / 1e9,
                agrees ? "" : "; some quoted figures disagree");
        return agrees ? 0 : 1;
    }
}
