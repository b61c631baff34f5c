package io.alicemultiverse.web;

import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.thread.Scheduler;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection whose request line and headers take longer than a deadline to arrive. Jetty 12 has no such
 * bound: its idle timeout restarts with every byte, so a client sending one header line every few seconds (slowloris)
 * held a connection, and a thread's worth of buffers, for as long as it liked. A check every {@link #TICK} per open
 * HTTP/1 connection reads its parser's state (a stale read only delays the close by a tick); the clock starts at a
 * request's first byte and stops when its headers are complete, so a keep-alive connection waiting for its next
 * request is left to the idle timeout, and a slow body is not this class's business. Thread-safe (one watch per
 * connection, run by the connector's scheduler).
 */
final class HeaderDeadline implements Connection.Listener {
    static final Duration TICK = Duration.ofSeconds(1);
    private final long limitNanos;

    HeaderDeadline(Duration limit) {
        this.limitNanos = limit.toNanos();
    }

    @Override
    public void onOpened(Connection connection) {
        if (connection instanceof HttpConnection http) {
            new Watch(http, http.getConnector().getScheduler()).schedule();
        }
    }

    @Override
    public void onClosed(Connection connection) {
        // the watch sees the closed end point and stops
    }

    private final class Watch implements Runnable {
        private final HttpConnection connection;
        private final Scheduler scheduler;
        /** When the request whose headers are arriving started (as first seen), -1 when none is. */
        private long since = -1;
        /** The connection's request count when {@link #since} was set: a new request restarts the clock. */
        private long request = -1;

        Watch(HttpConnection connection, Scheduler scheduler) {
            this.connection = connection;
            this.scheduler = scheduler;
        }

        void schedule() {
            scheduler.schedule(this, TICK.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public void run() {
            if (!connection.getEndPoint().isOpen()) {
                return;
            }
            HttpParser parser = connection.getParser();
            boolean inHeaders = parser.inHeaderState() && !parser.isStart();
            long now = System.nanoTime();
            long messages = connection.getMessagesIn();
            if (!inHeaders) {
                since = -1;
            } else if (since < 0 || messages != request) {
                since = now;
                request = messages;
            } else if (now - since >= limitNanos) {
                connection.getEndPoint().close(); // no answer: a client this slow is not owed one
                return;
            }
            schedule();
        }
    }
}
