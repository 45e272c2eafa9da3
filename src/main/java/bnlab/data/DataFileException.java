package bnlab.data;

import java.io.IOException;
import java.util.List;

/**
 * A data file that was read but cannot be used: wrong format, truncated, or rows that do not parse.
 * The message names the file and every problem found (up to a limit), so a student can fix the file
 * in one go instead of one error at a time.
 */
public final class DataFileException extends IOException {
    private final String source;
    private final List<String> problems;

    /** A single problem with the named file, e.g. ("t10k-images-idx3-ubyte.gz", "wrong magic number"). */
    public DataFileException(String source, String problem) {
        this(source, List.of(problem), 1);
    }

    /**
     * Several problems with one file.
     *
     * @param total how many problems were found in all; may exceed {@code problems.size()}
     *              when only the first few were kept
     */
    public DataFileException(String source, List<String> problems, int total) {
        super(message(source, problems, total));
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    private static String message(String source, List<String> problems, int total) {
        String joined = String.join("; ", problems);
        int more = total - problems.size();
        return source + ": " + joined + (more > 0 ? "; and " + more + " more problem" + (more == 1 ? "" : "s") : "");
    }

    /** The file (or upload) the problems were found in. */
    public String source() { return source; }

    /** The problems kept, each one short sentence such as "line 7: expected 5 fields, found 4". */
    public List<String> problems() { return problems; }
}
