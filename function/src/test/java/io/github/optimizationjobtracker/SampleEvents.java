package io.github.optimizationjobtracker;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.optimizationjobtracker.json.Json;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the sample events and fixtures in the repository's events/ folder, as the Lambda runtime would. */
public final class SampleEvents {
    public static final Path EVENTS = locate();

    private SampleEvents() {
    }

    private static Path locate() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("events").resolve("sagemaker"))) {
                return dir.resolve("events");
            }
        }
        throw new IllegalStateException("events/ folder not found");
    }

    public static byte[] bytes(String relative) {
        try {
            return Files.readAllBytes(EVENTS.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ScheduledEvent event(String relative) {
        return read(bytes(relative));
    }

    public static ScheduledEvent read(byte[] json) {
        return LambdaEventSerializers.serializerFor(ScheduledEvent.class, SampleEvents.class.getClassLoader())
                .fromJson(new ByteArrayInputStream(json));
    }

    public static ObjectNode describeFixture(String jobName) {
        return (ObjectNode) Json.parse(bytes("sagemaker/describe/" + jobName + ".json"));
    }
}
