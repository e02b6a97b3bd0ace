package io.github.optimizationjobtracker.local;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs a handler the way Lambda does, from the deployable jar: no-arg constructor (configuration from the
 * environment), then one invocation per event file. Prints one line per event: {@code OK <output>} or
 * {@code ERROR <exception>}. Used by ShrunkJarIT in a fresh JVM whose classpath is function.jar plus this class.
 */
public final class JarProbe {
    private JarProbe() {
    }

    public static void main(String[] args) throws Exception {
        RequestStreamHandler handler = (RequestStreamHandler) Class.forName(args[0]).getConstructor().newInstance();
        for (int i = 1; i < args.length; i++) {
            byte[] event = args[i].equals("-") ? "{}".getBytes(StandardCharsets.UTF_8) : Files.readAllBytes(Path.of(args[i]));
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            try {
                handler.handleRequest(new ByteArrayInputStream(event), output, new LocalContext("probe", 60));
                System.out.println("OK " + output.toString(StandardCharsets.UTF_8));
            } catch (Exception e) {
                System.out.println("ERROR " + e);
            }
        }
    }
}
