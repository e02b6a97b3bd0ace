package io.github.optimizationjobtracker.local;

import java.io.IOException;
import java.io.UncheckedIOException;

/** One set of stand-ins per test JVM, started on first use; each test isolates itself with its own resources. */
final class SharedStandIns {
    private static StandIns instance;

    private SharedStandIns() {
    }

    static synchronized StandIns get() {
        if (instance == null) {
            try {
                instance = StandIns.start(RepositoryLayout.find());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(instance::close));
        }
        return instance;
    }
}
