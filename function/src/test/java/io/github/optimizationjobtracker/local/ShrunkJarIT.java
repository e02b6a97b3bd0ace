package io.github.optimizationjobtracker.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.optimizationjobtracker.config.EnvironmentVariables;
import io.github.optimizationjobtracker.metrics.TrackerMetrics;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * Checks the deployable artifact itself, function/target/function.jar, after ProGuard removed the unused parts
 * of the SDK service modules: every remaining class links, and both handlers work from the jar in a fresh JVM
 * with Lambda's JVM flags, against the stand-ins.
 */
class ShrunkJarIT {
    private static final Path JAR = Path.of("target", "function.jar").toAbsolutePath();
    private static final Path UNSHRUNK = Path.of("target", "function-unshrunk.jar").toAbsolutePath();

    /**
     * Every class of the shrunk jar links as it does in the unshrunk jar (some classes of optional integrations fail
     * in both, e.g. Log4j's Kafka appender without Kafka): a class ProGuard removed by mistake, or a bad stack map
     * frame, shows up as a new linkage error.
     */
    @Test
    void everyClassLinksAsInTheUnshrunkJar() throws Exception {
        Map<String, String> shrunk = initializeEveryClass(JAR);
        Map<String, String> unshrunk = initializeEveryClass(UNSHRUNK);
        List<String> regressions = new ArrayList<>();
        shrunk.forEach((name, outcome) -> {
            if (!outcome.equals("ok") && unshrunk.getOrDefault(name, "ok").equals("ok")) {
                regressions.add(name + ": " + outcome);
            }
        });
        assertThat(regressions).isEmpty();
        assertThat(shrunk.keySet().stream().filter(n -> n.startsWith("software.amazon.awssdk.services.")).count())
                .isGreaterThan(1000);
        assertThat(shrunk.size()).isLessThan(unshrunk.size());
        for (String handler : List.of("io.github.optimizationjobtracker.processor.ProcessorHandler",
                "io.github.optimizationjobtracker.poller.PollerHandler")) {
            assertThat(shrunk).containsEntry(handler, "ok");
        }
    }

    private static Map<String, String> initializeEveryClass(Path jarPath) throws IOException {
        Map<String, String> outcomes = new java.util.TreeMap<>();
        try (JarFile jar = new JarFile(jarPath.toFile());
             URLClassLoader loader = new URLClassLoader(new URL[] {jarPath.toUri().toURL()},
                     ClassLoader.getPlatformClassLoader())) {
            List<String> names = jar.stream().map(e -> e.getName())
                    .filter(n -> n.endsWith(".class") && !n.contains("module-info") && !n.startsWith("META-INF/"))
                    .map(n -> n.substring(0, n.length() - 6).replace('/', '.')).toList();
            for (String name : names) {
                try {
                    Class.forName(name, true, loader); // loads, links (verifies) and initializes
                    outcomes.put(name, "ok");
                } catch (LinkageError e) {
                    // A static initializer that throws (Log4j probing Unsafe, say) is not a linking problem, and
                    // its outcome can depend on which loader ran it first; verification and missing classes are.
                    Throwable cause = e instanceof ExceptionInInitializerError && e.getCause() != null ? e.getCause() : e;
                    outcomes.put(name, cause instanceof LinkageError ? cause.getClass().getName() : "ok");
                } catch (ClassNotFoundException e) {
                    outcomes.put(name, e.getClass().getName());
                }
            }
        }
        return outcomes;
    }

    @Test
    void handlersRunFromTheJarInAFreshJvm() throws Exception {
        StandIns standIns = SharedStandIns.get();
        LocalEnvironment env = standIns.environment();
        String table = "jar-" + System.nanoTime();
        String queueUrl;
        try (var dynamoDb = env.dynamoDbClient(); var sns = env.snsClient(); var sqs = env.sqsClient()) {
            LocalResources.createTable(dynamoDb, table);
            queueUrl = LocalResources.createTopicWithInbox(sns, sqs, table + "-alerts", table + "-inbox");
        }
        standIns.sageMaker().serveListFixtures(TestEvents.LAYOUT.listFixtures());
        Map<String, String> processorEnv = new java.util.HashMap<>(env.processorVariables());
        processorEnv.put(EnvironmentVariables.TABLE_NAME, table);
        processorEnv.put(EnvironmentVariables.ALERT_TOPIC_ARN, "arn:aws:sns:us-east-1:000000000000:" + table + "-alerts");
        Path events = TestEvents.LAYOUT.events();
        List<Invocation> processed = probe("io.github.optimizationjobtracker.processor.ProcessorHandler",
                processorEnv, events.resolve("state-change-failed.json").toString(),
                events.resolve("cloudtrail-delete.json").toString(),
                events.resolve("invalid/unknown-status.json").toString());

        assertThat(processed).hasSize(3);
        assertThat(processed.get(0).result()).startsWith("OK ").contains("\"alert\":\"PUBLISHED\"");
        assertThat(processed.get(1).result()).startsWith("OK ").contains("\"status\":\"DELETED\"");
        assertThat(processed.get(2).result()).startsWith("ERROR ").contains("'EXPLODED' is not a known status");
        // What CloudWatch gets: one metrics document per invocation, the service dimension only, and one INFO line
        // per recorded event whose status field the dashboard's by-status widget counts.
        assertThat(processed.get(0).metrics()).singleElement().asString()
                .contains("\"Dimensions\":[[\"service\"]]", "\"EventsProcessed\":1", "\"AlertsPublished\":1");
        assertThat(processed.get(0).logs()).anySatisfy(line -> assertThat(line)
                .contains("\"level\":\"INFO\"", "\"message\":\"" + io.github.optimizationjobtracker.processor.RecordedLogLine.PREFIX + "FAILED ",
                        "\"status\":\"FAILED\""));
        assertThat(processed.get(1).metrics()).singleElement().asString()
                .contains("\"Dimensions\":[[\"service\"]]", "\"EventsProcessed\":1")
                .doesNotContain("AlertsPublished");
        assertThat(processed.get(2).metrics()).singleElement().asString().contains("\"EventsRejected\":1")
                .doesNotContain("EventsProcessed");
        assertThat(processed).allSatisfy(invocation -> assertThat(invocation.logs())
                .noneMatch(line -> line.contains("No metrics were emitted")));
        try (var sqs = env.sqsClient()) {
            assertThat(new AlertInbox(sqs, queueUrl).drain()).hasSize(1);
        }

        Map<String, String> pollerEnv = new java.util.HashMap<>(env.pollerVariables());
        pollerEnv.put(EnvironmentVariables.TABLE_NAME, table);
        pollerEnv.put(EnvironmentVariables.POLL_BACKFILL_HOURS, "ALL");
        standIns.eventBridge().drain();
        List<Invocation> polled = probe("io.github.optimizationjobtracker.poller.PollerHandler", pollerEnv, "-");

        assertThat(polled).singleElement().satisfies(invocation -> {
            assertThat(invocation.result()).startsWith("OK ").contains("\"complete\":true");
            assertThat(invocation.metrics()).singleElement().asString().contains("\"PollerHeartbeat\":1");
        });
        assertThat(standIns.eventBridge().drain()).isNotEmpty();
    }

    /** One invocation in the probe's output: the lines it printed (logs, metrics), then its OK/ERROR line. */
    record Invocation(List<String> output, String result) {
        List<String> metrics() {
            return output.stream().filter(line -> line.startsWith("{\"_aws\":")).toList();
        }

        List<String> logs() {
            return output.stream().filter(line -> line.startsWith("{\"level\":")).toList();
        }
    }

    private static List<Invocation> probe(String handler, Map<String, String> env, String... events)
            throws IOException, InterruptedException {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = JAR + java.io.File.pathSeparator + Path.of("target", "test-classes").toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(javaBin, "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
                "-cp", classpath, JarProbe.class.getName(), handler));
        command.addAll(List.of(events));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        builder.environment().put("AWS_LAMBDA_FUNCTION_NAME", "probe");
        builder.environment().put("AWS_ACCESS_KEY_ID", "local");
        builder.environment().put("AWS_SECRET_ACCESS_KEY", "local");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        List<Invocation> invocations = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (String line : output.lines().toList()) {
            if (line.startsWith("OK ") || line.startsWith("ERROR ")) {
                invocations.add(new Invocation(List.copyOf(lines), line));
                lines.clear();
            } else {
                lines.add(line);
            }
        }
        return invocations;
    }
}
