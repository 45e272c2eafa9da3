package bnlab.cli;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** serve's flags for the run budget and the allowed origins: listed in the help, refused in one line when wrong. */
class ServeLimitsFlagsTest {
    @Test
    void the_help_lists_every_limit_with_its_default() {
        String help = CommandLineTest.run("serve", "--help").out().replaceAll("\\s+", " ");
        for (String flag : new String[] {"--max-inputs", "--max-parameters", "--max-activations", "--max-step-work",
                "--max-eval-work", "--allowed-origin", "--public-host"})
            assertTrue(help.contains(flag), flag + " in\n" + help);
        assertTrue(help.contains("default 250000"), help);
    }

    @Test
    void a_limit_below_one_or_an_origin_that_is_not_http_is_refused_naming_the_flag() {
        CommandLineTest.Run zero = CommandLineTest.run("serve", "--max-parameters", "0");
        assertEquals(2, zero.code());
        assertEquals(1, zero.err().strip().lines().count(), zero.err());
        assertTrue(zero.err().contains("--max-parameters") && zero.err().contains("at least 1"), zero.err());
        CommandLineTest.Run origin = CommandLineTest.run("serve", "--allowed-origin", "lab.example.org");
        assertEquals(2, origin.code());
        assertTrue(origin.err().contains("--allowed-origin") && origin.err().contains("https://"), origin.err());
        CommandLineTest.Run host = CommandLineTest.run("serve", "--public-host", "https://lab.example.org/");
        assertEquals(2, host.code());
        assertTrue(host.err().contains("--public-host") && host.err().contains("lab.example.org"), host.err());
    }

    /** A plan that cannot be read stops serve before it listens, with the file, the step and the field. */
    @Test
    void a_bad_plan_in_the_plans_directory_is_refused_naming_its_file_step_and_field(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Files.writeString(dir.resolve("mine.json"), "{\"key\": \"mine\", \"title\": {\"de\": \"x\", \"en\": \"x\"},"
                + " \"steps\": [{\"type\": \"run\", \"preset\": \"fig9\"}]}");
        CommandLineTest.Run bad = CommandLineTest.run("serve", "--port", "1", "--plans", dir.toString());
        assertEquals(2, bad.code());
        assertEquals(1, bad.err().strip().lines().count(), bad.err());
        assertTrue(bad.err().contains("--plans: mine.json, step 1 (run), preset: no preset \"fig9\""), bad.err());
        CommandLineTest.Run none = CommandLineTest.run("serve", "--port", "1", "--plans", dir.resolve("nothing").toString());
        assertEquals(2, none.code());
        assertTrue(none.err().contains("--plans") && none.err().contains("not a directory"), none.err());
    }
}
