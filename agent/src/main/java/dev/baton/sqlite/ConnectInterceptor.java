package dev.baton.sqlite;

import java.util.Properties;

import dev.baton.instrument.Call;
import dev.baton.instrument.Interceptor;

/**
 * Hooks the static {@code org.sqlite.JDBC.createConnection(String url, Properties)}, which DriverManager,
 * {@code SQLiteDataSource} and pools all reach: adds {@link ConnectionDefaults} and retries an open that met BUSY
 * (applying journal_mode needs a lock for a moment), within the busy timeout the connection is opened with. A failed
 * open leaves nothing behind, so it can be repeated.
 */
final class ConnectInterceptor implements Interceptor {
    private final ConnectionDefaults defaults;
    private final BusyRetry retry;

    ConnectInterceptor(ConnectionDefaults defaults, BusyRetry retry) {
        this.defaults = defaults;
        this.retry = retry;
    }

    @Override
    public Object intercept(Call call) throws Throwable {
        String url = (String) call.arguments()[0];
        Properties effective = defaults.apply(url, (Properties) call.arguments()[1]);
        Object[] arguments = {url, effective};
        return retry.connect(url, retry.budget(defaults.busyTimeoutMillis(url, effective)),
                () -> call.proceedWith(arguments));
    }
}
