package bnlab.cli;

import static bnlab.cli.Launcher.Decision.*;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The relaunch rule and command line; {@code LauncherIT} starts the real jar. */
class LauncherTest {
    @Test
    void a_JVM_without_the_module_restarts_with_it_when_the_JDK_has_it() {
        assertEquals(RELAUNCH, Launcher.decide(false, true, null, null));
        assertEquals(RELAUNCH, Launcher.decide(false, true, "true", null));
    }

    @Test
    void no_restart_when_the_module_is_there_or_the_plain_loops_were_asked_for() {
        assertEquals(RUN_HERE, Launcher.decide(true, true, null, null));
        assertEquals(RUN_HERE, Launcher.decide(true, true, null, "123"));
        assertEquals(RUN_HERE, Launcher.decide(false, true, "false", null));
    }

    @Test
    void the_plain_loops_run_when_the_JDK_has_no_module_or_the_restarted_JVM_still_lacks_it() {
        assertEquals(RUN_PLAIN, Launcher.decide(false, false, null, null));
        assertEquals(RUN_PLAIN, Launcher.decide(false, true, null, "123"), "never a second restart");
    }

    @Test
    void the_child_gets_the_JVM_options_the_module_the_parent_pid_the_class_path_and_the_arguments() {
        List<String> cmd = Launcher.command(Path.of("/jdk/bin/java"), List.of("-Xmx1g", "-Dx=y"), "a.jar", 42,
                new String[] {"bench", "--steps", "30"});
        assertEquals(List.of("/jdk/bin/java", "-Xmx1g", "-Dx=y", "--add-modules", "jdk.incubator.vector",
                "-Dbnlab.relaunched=42", "-cp", "a.jar", "bnlab.cli.Main", "bench", "--steps", "30"), cmd);
    }

    @Test
    void without_options_of_its_own_the_child_gets_a_laptops_heap_settings() {
        List<String> cmd = Launcher.command(Path.of("/jdk/bin/java"), List.of("-Dx=y"), "a.jar", 42, new String[] {"serve"});
        assertEquals("/jdk/bin/java", cmd.get(0));
        assertEquals(Launcher.MEMORY, cmd.subList(1, 1 + Launcher.MEMORY.size()));
        assertTrue(cmd.contains("-XX:+UseSerialGC") && cmd.contains("-XX:MaxHeapFreeRatio=30"), cmd.toString());
        assertEquals(List.of("-Dx=y", "--add-modules", "jdk.incubator.vector", "-Dbnlab.relaunched=42", "-cp", "a.jar",
                "bnlab.cli.Main", "serve"), cmd.subList(1 + Launcher.MEMORY.size(), cmd.size()));
    }

    @Test
    void a_users_heap_size_or_collector_option_replaces_all_of_the_laptops_settings() {
        for (String own : List.of("-Xmx2g", "-Xms512m", "-Xmn100m", "-XX:+UseG1GC", "-XX:MaxRAMPercentage=75", "-XX:NativeMemoryTracking=summary")) {
            List<String> cmd = Launcher.command(Path.of("/jdk/bin/java"), List.of(own), "a.jar", 42, new String[0]);
            assertEquals(List.of("/jdk/bin/java", own, "--add-modules", "jdk.incubator.vector", "-Dbnlab.relaunched=42", "-cp",
                    "a.jar", "bnlab.cli.Main"), cmd, own);
        }
        assertFalse(Launcher.tunesTheJvm("-Dbnlab.vectorBits=256"));
        assertFalse(Launcher.tunesTheJvm("-Xlog:gc"));
    }
}
