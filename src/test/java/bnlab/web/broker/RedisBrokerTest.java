package bnlab.web.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.junit.jupiter.api.Test;

/**
 * The contract for the Redis broker: two brokers, as on two instances, on one real redis-server
 * started by the test on loopback.
 */
class RedisBrokerTest extends BrokerContract {
    private RedisServerProcess server;

    @Override
    protected Broker[] openBrokers() throws Exception {
        server = RedisServerProcess.start();
        return new Broker[] {Broker.of(server.uri()), Broker.of(server.uri())};
    }

    @Override
    protected void afterBrokersClosed() {
        if (server != null) server.close();
    }

    @Test
    void a_redis_uri_gives_a_redis_broker_that_describes_itself_by_its_uri() {
        assertInstanceOf(RedisBroker.class, publisher);
        assertEquals("redis://127.0.0.1:" + server.port(), publisher.describe());
    }
}
