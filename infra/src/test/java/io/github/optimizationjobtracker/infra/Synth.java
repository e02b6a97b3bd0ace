package io.github.optimizationjobtracker.infra;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Template;

/**
 * Synthesizes the app the way {@code cdk synth} does (context from {@code cdk.json}, cdk-nag aspect on), once per
 * distinct context, and shares the result across test classes: synthesis (a jsii round trip) is the slow part.
 */
final class Synth {
    static final Path INFRA_DIR = Path.of("").toAbsolutePath();
    static final Path FUNCTION_JAR = Path.of(System.getProperty("function.jar",
            INFRA_DIR.resolve(TrackerSettings.DEFAULT_FUNCTION_JAR).toString())).toAbsolutePath().normalize();
    static final Path SAM_TEMPLATE = Path.of(System.getProperty("sam.template",
            INFRA_DIR.resolve("../template.yaml").toString())).toAbsolutePath().normalize();
    static final Path SAM_ENV_FILE = Path.of(System.getProperty("sam.env.file",
            INFRA_DIR.resolve("../events/sam-env.json").toString())).toAbsolutePath().normalize();

    record Result(TrackerStack stack, Template template, Annotations annotations, Map<String, Object> json) {
        @SuppressWarnings("unchecked")
        Map<String, Object> resources() {
            return (Map<String, Object>) json.get("Resources");
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> resource(String logicalId) {
            Map<String, Object> resource = (Map<String, Object>) resources().get(logicalId);
            if (resource == null) {
                throw new AssertionError("No resource " + logicalId + " in the synthesized template");
            }
            return resource;
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> properties(String logicalId) {
            return (Map<String, Object>) resource(logicalId).get("Properties");
        }
    }

    private static final class Default {
        static final Result RESULT = synth(Map.of());
    }

    private Synth() {
    }

    /** The app with cdk.json's context (the defaults a user deploys). */
    static Result defaults() {
        return Default.RESULT;
    }

    static boolean realFunctionJar() {
        return Files.isRegularFile(FUNCTION_JAR);
    }

    /**
     * The Lambda package: the function module's shaded jar when it is built (always, in the reactor build), else a
     * placeholder so the stack's shape can still be checked; only its asset hash differs.
     */
    static Path assetJar() {
        if (realFunctionJar()) {
            return FUNCTION_JAR;
        }
        Path stub = INFRA_DIR.resolve("target/placeholder-function.jar");
        if (!Files.isRegularFile(stub)) {
            try {
                Files.createDirectories(stub.getParent());
                try (OutputStream out = Files.newOutputStream(stub); ZipOutputStream zip = new ZipOutputStream(out)) {
                    zip.putNextEntry(new ZipEntry("PLACEHOLDER"));
                    zip.write("function.jar not built; infra tests synthesized with this placeholder".getBytes());
                    zip.closeEntry();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        System.err.println("[infra tests] " + FUNCTION_JAR + " not found: synthesizing with a placeholder asset;"
                + " the handler-class test is skipped. Run `mvn verify` from the repository root to test the real jar.");
        return stub;
    }

    static synchronized Result synth(Map<String, Object> extraContext) {
        Map<String, Object> context = new LinkedHashMap<>(cdkJsonContext());
        context.put("functionJar", assetJar().toString());
        context.putAll(extraContext);
        App app = App.Builder.create()
                .context(context)
                .outdir(INFRA_DIR.resolve("target/cdk-test-out/" + Math.abs(context.hashCode())).toString())
                .build();
        TrackerStack stack = TrackerApp.build(app);
        Template template = Template.fromStack(stack);
        return new Result(stack, template, Annotations.fromStack(stack), template.toJSON());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> cdkJsonContext() {
        try {
            String json = Files.readString(INFRA_DIR.resolve("cdk.json"));
            Map<String, Object> cdkJson = (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(json);
            return (Map<String, Object>) cdkJson.getOrDefault("context", Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
