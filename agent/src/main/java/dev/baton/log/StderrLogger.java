package dev.baton.log;

import java.io.PrintStream;

import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** Baton's log lines: one line each on stderr, prefixed "[baton]", so they never mix with the application's logs. */
final class StderrLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;

    StderrLogger(String name) {
        this.name = name;
    }

    @Override
    public boolean isTraceEnabled() {
        return LogLevel.enabled(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return LogLevel.enabled(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return LogLevel.enabled(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return LogLevel.enabled(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return LogLevel.enabled(Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
            Throwable throwable) {
        StringBuilder line = new StringBuilder("[baton] ");
        if (level != Level.INFO) {
            line.append(level).append(' ');
        }
        line.append(MessageFormatter.basicArrayFormat(pattern, arguments));
        boolean withStack = throwable != null && LogLevel.enabled(Level.DEBUG);
        if (throwable != null && !withStack) {
            line.append(": ").append(throwable);
        }
        PrintStream err = System.err;
        synchronized (err) {
            err.println(line);
            if (withStack) {
                throwable.printStackTrace(err);
            }
        }
    }
}
