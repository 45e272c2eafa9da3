package bnlab.web.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading {@code --broker redis://host:port}; none of this needs a Redis server. */
class RedisAddressTest {

    @Test
    void a_host_and_port_are_read_and_described_as_given() {
        assertEquals(new RedisAddress("redis.lan", 6379), RedisAddress.parse("redis://redis.lan:6379"));
        assertEquals("redis://10.0.0.5:6380", RedisAddress.parse("redis://10.0.0.5:6380").toString());
        assertEquals("redis://127.0.0.1:6379", RedisAddress.parse("redis://127.0.0.1:6379/").toString());
    }

    @Test
    void an_ipv6_address_loses_its_brackets_for_connecting_and_keeps_them_in_the_description() {
        RedisAddress address = RedisAddress.parse("redis://[::1]:6379");
        assertEquals("::1", address.host());
        assertEquals("redis://[::1]:6379", address.toString());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "http://redis.lan:6379       | the scheme must be redis",
        "redis.lan:6379              | the scheme must be redis",
        "rediss://redis.lan:6379     | the scheme must be redis",
        "redis://:6379               | no host",
        "redis://redis.lan           | no port",
        "redis://redis.lan:0         | the port must be 1 to 65535",
        "redis://redis.lan:70000     | the port must be 1 to 65535",
        "redis://user:pw@redis.lan:1 | a user or password is not supported",
        "redis://redis.lan:6379/2    | a database, path or options are not supported",
        "redis://redis.lan:6379?x=1  | a database, path or options are not supported",
        "redis://red is:6379         | not a URI",
    })
    void a_bad_uri_is_refused_saying_what_is_wrong_and_what_is_expected(String uri, String why) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Broker.of(uri));
        assertTrue(e.getMessage().contains("'" + uri + "'"), e.getMessage());
        assertTrue(e.getMessage().contains(why), e.getMessage());
        assertTrue(e.getMessage().contains("expected redis://host:port"), e.getMessage());
    }

    @Test
    @Timeout(15)
    void a_redis_that_cannot_be_reached_at_startup_fails_at_once_with_its_address() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort(); // free once closed: nothing listens there
        }
        String uri = "redis://127.0.0.1:" + port;
        long start = System.nanoTime();
        BrokerException e = assertThrows(BrokerException.class, () -> Broker.of(uri));
        assertTrue(e.getMessage().startsWith("Cannot reach Redis at " + uri), e.getMessage());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(10)) < 0);
    }
}
