package bnlab.web.classroom;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import bnlab.web.lab.LabClient;
import bnlab.web.lab.LabJson;
import bnlab.web.lab.ServerMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Records the blown-up fork quoted in docs/protocol.md ("diverged", "Rooms") from a real room: the class run on the
 * x30 set-up (spiral, three ReLU layers of 32, plain at 0.02, BN at 0.6) paused at 20 iterations and released; a
 * student forks it and types 1.5 (the BN network's rate follows at 45). Not a check: it runs only when asked,
 * {@code mvn test -Dtest=ClassroomCapture -Dbnlab.capture=FILE -Dsurefire.failIfNoSpecifiedTests=false}, and writes
 * one message per line to FILE: the student's diverged messages, then the instructor's dashboard that shows them.
 */
class ClassroomCapture {
    @Test
    void capture() throws Exception {
        String file = System.getProperty("bnlab.capture");
        assumeTrue(file != null, "set -Dbnlab.capture=FILE to record the protocol's examples");
        LabJson json = new LabJson();
        List<String> out = new ArrayList<>();
        try (ClassroomServer s = new ClassroomServer(ClassroomOptions.defaults()); LabClient t = s.instructor()) {
            String code = s.openRoom(t).code();
            t.send("{\"type\":\"start\",\"speed\":\"100\",\"config\":{\"dataset\":\"spiral\",\"points\":600,\"layers\":[32,32,32],"
                    + "\"activation\":\"relu\",\"init\":\"he\",\"learningRate\":0.02,\"bnNetLearningRate\":0.6,\"batchSize\":16}}");
            t.nextFrame(f -> f.step() >= 20);
            t.send("{\"type\":\"pause\"}");
            t.next(ServerMessage.State.class, m -> m.state().equals("paused"));
            t.send("{\"type\":\"release\"}");
            LabClient c = s.student(code).client();
            c.send("{\"type\":\"nickname\",\"name\":\"Ada\"}");
            ClassroomProtocolTest.forkAtRate(c, 1.5);
            List<String> seen = new ArrayList<>();
            while (seen.size() < 2) {
                ServerMessage.Diverged d = c.next(ServerMessage.Diverged.class);
                if (!seen.contains(d.network())) seen.add(d.network());
                out.add(json.write(d));
            }
            out.add(json.write(t.next(ServerMessage.Dashboard.class, m -> m.forks().size() == 1
                    && m.forks().get(0).nets().values().stream().allMatch(ServerMessage.NetStatus::diverged))));
            c.close();
        }
        Files.write(Path.of(file), out);
    }
}
