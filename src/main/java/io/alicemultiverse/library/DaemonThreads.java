package io.alicemultiverse.library;

import java.util.concurrent.ThreadFactory;

/** Thread factories for the worker pools of organize and rebuild: daemon threads, so a stopped run never holds the JVM. */
final class DaemonThreads {
    private DaemonThreads() {
    }

    static ThreadFactory named(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
