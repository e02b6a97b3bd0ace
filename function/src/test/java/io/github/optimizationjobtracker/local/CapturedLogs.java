package io.github.optimizationjobtracker.local;

import java.io.StringWriter;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

/** Everything the functions log while open (message, MDC and stack traces), to check what a log line may hold. */
final class CapturedLogs implements AutoCloseable {
    private static final String NAME = "captured-for-test";
    private final StringWriter out = new StringWriter();
    private final WriterAppender appender;
    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);

    CapturedLogs() {
        Configuration config = context.getConfiguration();
        PatternLayout layout = PatternLayout.newBuilder().withConfiguration(config)
                .withPattern("%level %logger %m %X%n%throwable").build();
        appender = WriterAppender.newBuilder().setName(NAME).setTarget(out).setLayout(layout).build();
        appender.start();
        config.addAppender(appender);
        for (LoggerConfig logger : config.getLoggers().values()) {
            logger.addAppender(appender, null, null);
        }
        config.getRootLogger().addAppender(appender, null, null);
        context.updateLoggers();
    }

    String text() {
        synchronized (out) {
            return out.toString();
        }
    }

    @Override
    public void close() {
        Configuration config = context.getConfiguration();
        for (LoggerConfig logger : config.getLoggers().values()) {
            logger.removeAppender(NAME);
        }
        config.getRootLogger().removeAppender(NAME);
        context.updateLoggers();
        appender.stop();
    }
}
