package bnlab.web.classroom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import bnlab.web.broker.InProcessBroker;
import bnlab.web.lab.LabJson;
import bnlab.web.lab.Viewer;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What a relay of a room on another instance tells that instance. */
class RemoteRoomTest {

    @Test
    void a_student_who_forks_is_first_no_longer_counted_here_then_tunnelled() throws Exception {
        try (InProcessBroker broker = new InProcessBroker()) {
            LinkedBlockingQueue<String> in = new LinkedBlockingQueue<>();
            broker.subscribe(RoomRelay.in("ABCD"), in::add);
            RemoteRoom room = new RemoteRoom("ABCD", broker, new LabJson(), () -> "seat-1", all -> {}, "B", System.nanoTime());
            assertEquals("s:", in.poll(5, TimeUnit.SECONDS));
            Viewer student = new Viewer("v", new Viewer.Outbox() {
                @Override public void send(String text, Runnable done) { done.run(); }
                @Override public boolean isOpen() { return true; }
            });
            room.join(student, null);
            room.presence();
            assertEquals("p:B:1", in.poll(5, TimeUnit.SECONDS));
            room.fork(student);
            // The room's instance counts a tunnelled student itself: the count from here must say 0 before the
            // tunnel opens, or the student is counted twice until the next presence (a second later).
            assertEquals("p:B:0", in.poll(5, TimeUnit.SECONDS));
            String tunnel = in.poll(5, TimeUnit.SECONDS);
            assertTrue(tunnel != null && tunnel.startsWith("t:") && tunnel.contains("\tB\t"), "then the tunnel: " + tunnel);
            assertEquals(0, room.students());
            assertTrue(room.tunnels(student));
            room.end("closed");
        }
    }
}
