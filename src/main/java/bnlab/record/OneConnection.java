package bnlab.record;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Flyway's data source: the record's own connection, which holds SQLite's exclusive lock (a second connection would be
 * locked out), handed out with a {@code close()} that leaves it open.
 */
final class OneConnection implements DataSource {
    private final Connection connection;
    private final String url;

    OneConnection(Connection connection, String url) {
        this.connection = connection;
        this.url = url;
    }

    @Override public Connection getConnection() {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[]{Connection.class}, (proxy, method, args) -> {
            switch (method.getName()) {
                case "close": return null;
                case "isClosed": return false;
                case "unwrap": if (args[0] == Connection.class) return proxy; break;
                default: break;
            }
            try {
                return method.invoke(connection, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }

    @Override public Connection getConnection(String user, String password) { return getConnection(); }

    @Override public PrintWriter getLogWriter() { return null; }

    @Override public void setLogWriter(PrintWriter out) {}

    @Override public void setLoginTimeout(int seconds) {}

    @Override public int getLoginTimeout() { return 0; }

    @Override public Logger getParentLogger() throws SQLFeatureNotSupportedException { throw new SQLFeatureNotSupportedException(); }

    @Override public <T> T unwrap(Class<T> type) throws SQLException { throw new SQLException("not a wrapper"); }

    @Override public boolean isWrapperFor(Class<?> type) { return false; }

    @Override public String toString() { return url; }
}
