package bnlab.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The systemd unit and its environment file (deploy/systemd) as systemd and BN Lab read them: systemd finds nothing to
 * complain about, the unit has what docs/classroom.md says it has, and the environment file as shipped, with its token
 * still empty, stops BN Lab at the start with one line that says so.
 */
class ServiceUnitIT {
    static final Path SYSTEMD_ANALYZE = Path.of("/usr/bin/systemd-analyze");

    @Test
    void systemd_analyze_verify_finds_nothing_to_complain_about(@TempDir Path dir) throws Exception {
        if (!Files.isExecutable(SYSTEMD_ANALYZE)) {
            String message = SYSTEMD_ANALYZE + " missing (Debian: apt-get install -y systemd)";
            if ("true".equals(System.getenv("CI"))) Assertions.fail(message + "; CI=true forbids skipping.");
            Assumptions.abort(message + ": skipped.");
        }
        // the launcher must exist for verify: the unit with /bin/true in its place, under the unit's own name
        String unit = Files.readString(Service.UNIT).replace(Service.INSTALLED, "/bin/true");
        Path copy = dir.resolve("bnlab@.service");
        Files.writeString(copy, unit);
        Process p = new ProcessBuilder(SYSTEMD_ANALYZE.toString(), "verify", dir.resolve("bnlab@7070.service").toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertEquals("", out.strip(), "systemd-analyze verify says something about the unit");
    }

    @Test
    void the_unit_runs_as_a_user_of_its_own_with_the_token_from_the_environment_file_restarts_on_failure_and_has_its_data_directory()
            throws Exception {
        String unit = Files.readString(Service.UNIT);
        assertEquals("bnlab", Service.key(unit, "User"));
        assertEquals("/etc/bnlab/bnlab.env", Service.key(unit, "EnvironmentFile"));
        assertEquals("on-failure", Service.key(unit, "Restart"));
        assertEquals("bnlab", Service.key(unit, "StateDirectory"));
        assertEquals("0700", Service.key(unit, "StateDirectoryMode"));
        assertEquals("/var/lib/bnlab", Service.key(unit, "WorkingDirectory"));
        assertTrue(Service.key(unit, "ExecStart").contains("--data-dir /var/lib/bnlab/%i"), "each instance's record in a folder of its own");
        assertEquals("143", Service.key(unit, "SuccessExitStatus"));
        Map<String, String> env = Service.environment(Files.readString(Service.ENV));
        assertTrue(env.get("BNLAB_OPTIONS").startsWith("--host 127.0.0.1 "), "behind nginx BN Lab listens on the loopback only");
        assertEquals("", env.get("BNLAB_INSTRUCTOR_TOKEN"), "the shipped file holds no token: each server makes its own");
    }

    @Test
    void the_environment_file_as_shipped_with_its_empty_token_stops_the_start_with_one_clear_line() throws Exception {
        List<String> cmd = Service.command(Files.readString(Service.UNIT), Service.freePort(),
                Service.options(Files.readString(Service.ENV), "lab.test", 443, null), Files.createTempDirectory("bnlab-state-"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(Service.environment(Files.readString(Service.ENV)));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue(), out);
        assertTrue(out.contains("BNLAB_INSTRUCTOR_TOKEN: "), out);
    }
}
