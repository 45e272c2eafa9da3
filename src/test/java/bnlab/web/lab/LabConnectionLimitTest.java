package bnlab.web.lab;

import static org.junit.jupiter.api.Assertions.*;

import bnlab.experiments.RunBudget;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One machine cannot take every place: connections per address, and in all, are limited, and the refusal says so. */
class LabConnectionLimitTest {
    static LabServer server;

    @BeforeAll
    static void startApp() { server = LabServer.start(new LabEndpoint.Options(RunBudget.defaults(), OriginCheck.sameHostOnly(), 100, 3)); }

    @AfterAll
    static void stopApp() { server.close(); }

    @Test
    void a_connection_past_the_limit_per_address_gets_an_error_naming_it_and_is_closed_and_a_place_freed_is_taken_again()
            throws Exception {
        List<LabClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                LabClient c = server.connect();
                c.next(ServerMessage.Hello.class);
                open.add(c);
            }
            try (LabClient fourth = server.connect()) {
                ServerMessage.Error e = fourth.next(ServerMessage.Error.class);
                assertEquals("connectionsPerAddress", e.rule());
                assertEquals(3, ((Number) e.args().get(0)).intValue());
                assertTrue(e.message().startsWith("too many lab connections from one address (at most 3)"), e.message());
            }
            open.remove(0).close();
            long until = System.nanoTime() + 5_000_000_000L;
            while (true) { // the server frees the place when it sees the close
                try (LabClient again = server.connect()) {
                    List<ServerMessage> first = again.collect(java.time.Duration.ofMillis(300));
                    if (!first.isEmpty() && first.get(0) instanceof ServerMessage.Hello) break;
                }
                assertTrue(System.nanoTime() < until, "the freed place is taken again within 5 s");
                Thread.sleep(100);
            }
        } finally {
            for (LabClient c : open) c.close();
        }
    }
}
