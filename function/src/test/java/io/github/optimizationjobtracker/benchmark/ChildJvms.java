package io.github.optimizationjobtracker.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The child JVMs the benchmark measures in: their command lines (Lambda's flags, the jar and the probe classes),
 * running one and reading its protocol lines, and stopping any left when the benchmark ends.
 */
final class ChildJvms implements AutoCloseable {
    /**
     * The child JVMs' flags: Lambda's Java flags ({@code -XX:+TieredCompilation -XX:TieredStopAtLevel=1}, which
     * the deployed functions also set in JAVA_TOOL_OPTIONS) plus an approximation of what Lambda's java21 runtime
     * gives a 1024 MB function: serial GC, about 85% of the memory as maximum heap, CDS on if available, IPv4.
     */
    static final List<String> LAMBDA_JVM_FLAGS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC", "-Xmx870m", "-Xshare:auto", "-Djava.net.preferIPv4Stack=true");
    private static final String[] PROBE_CLASSES = {"ProbeSupport", "ProbeContext", "BenchmarkFixtures",
        "ProjectProbe", "FloorProbe", "FloorProcessor", "FloorExtras", "PollerProbe", "PairedProbe"};

    private final String javaLauncher = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private final List<Process> children = new ArrayList<>();
    private final Path jar;
    private final Path work;
    private final ScheduledExecutorService watchdog;
    private final Consumer<String> log;

    ChildJvms(Path jar, Path work, ScheduledExecutorService watchdog, Consumer<String> log) {
        this.jar = jar;
        this.work = work;
        this.watchdog = watchdog;
        this.log = log;
    }

    /** What one child JVM printed: its protocol lines, when "done" arrived, and its other output (counted). */
    record Child(Map<String, Map<String, String>> reports, double doneMs, int exitCode, long otherBytes,
                 long otherLines, String tail) {
        Map<String, String> report(String kind) {
            Map<String, String> report = reports.get(kind);
            if (report == null) {
                throw new IllegalStateException("the probe printed no '" + kind + "' line; exit " + exitCode
                        + "; its last output:\n" + tail);
            }
            return report;
        }

        double num(String kind, String key) {
            return Double.parseDouble(report(kind).get(key));
        }
    }

    List<String> probeCommand(String who, List<String> extraFlags, Path classes, String... args) {
        List<String> command = new ArrayList<>(commandPrefix(extraFlags, classes));
        command.add(switch (who) {
            case "project" -> ProjectProbe.class.getName();
            case "paired" -> PairedProbe.class.getName();
            default -> FloorProbe.class.getName();
        });
        command.addAll(Arrays.asList(args));
        return command;
    }

    List<String> commandPrefix(List<String> extraFlags, Path classes) {
        List<String> command = new ArrayList<>();
        command.add(javaLauncher);
        command.addAll(LAMBDA_JVM_FLAGS);
        command.addAll(extraFlags);
        String profiling = System.getenv("BENCH_CHILD_FLAGS");
        if (profiling != null && !profiling.isBlank()) {
            command.addAll(Arrays.asList(profiling.trim().split("\\s+")));
        }
        command.add("-cp");
        command.add(jar + java.io.File.pathSeparator + classes);
        return command;
    }

    /**
     * Starts a child JVM and reads its stdout until it ends. {@code doneMs} is measured by this process, from just
     * before {@link ProcessBuilder#start()} to reading the child's "done" line: process start to work done,
     * JVM boot included.
     */
    Child run(List<String> command, Map<String, String> environment, Duration timeout) throws Exception {
        return run(command, environment, timeout, true);
    }

    /**
     * Runs a probe. {@code live}: read its stdout as it comes (the cold runs time the "done" line); otherwise the
     * stdout goes to a file read after exit, so that consuming the function's logs does not compete for CPU with
     * the stand-ins in this JVM while the probe measures (Lambda ships logs outside the function's AWS calls).
     */
    Child run(List<String> command, Map<String, String> environment, Duration timeout, boolean live)
            throws Exception {
        if (System.getenv("BENCH_DEBUG") != null) {
            log.accept("debug: " + String.join(" ", command) + "\n  env " + environment);
        }
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(environment);
        Path stderr = Files.createTempFile(work, "stderr-", ".txt");
        builder.redirectError(stderr.toFile());
        Path stdoutFile = live ? null : Files.createTempFile(work, "stdout-", ".txt");
        if (!live) {
            builder.redirectOutput(stdoutFile.toFile());
        }
        Map<String, Map<String, String>> reports = new LinkedHashMap<>();
        Deque<String> tail = new ArrayDeque<>();
        long otherBytes = 0;
        long otherLines = 0;
        double doneMs = -1;
        long start = System.nanoTime();
        Process process = builder.start();
        children.add(process);
        ScheduledFuture<?> kill = watchdog.schedule(process::destroyForcibly, timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!live) {
            process.waitFor();
        }
        try (BufferedReader out = live ? new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8), 1 << 16) : Files.newBufferedReader(stdoutFile, StandardCharsets.UTF_8)) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith(ProbeSupport.PREFIX)) {
                    if (doneMs < 0 && line.equals(ProbeSupport.PREFIX + "done")) {
                        doneMs = (System.nanoTime() - start) / 1e6;
                    }
                    String[] parts = line.substring(ProbeSupport.PREFIX.length()).split(" ");
                    Map<String, String> values = new LinkedHashMap<>();
                    for (int i = 1; i < parts.length; i++) {
                        int eq = parts[i].indexOf('=');
                        values.put(parts[i].substring(0, eq), parts[i].substring(eq + 1));
                    }
                    reports.put(parts[0], values);
                } else {
                    otherBytes += line.getBytes(StandardCharsets.UTF_8).length + 1;
                    otherLines++;
                    tail.addLast(line.length() > 2000 ? line.substring(0, 2000) + "..." : line);
                    if (tail.size() > 30) {
                        tail.removeFirst();
                    }
                }
            }
        }
        long eofNanos = System.nanoTime();
        boolean exited = process.waitFor(30, TimeUnit.SECONDS);
        if (System.getenv("BENCH_DEBUG") != null) {
            log.accept(String.format(Locale.ROOT, "debug: done %.0f ms, stdout EOF %.0f ms, exit %.0f ms", doneMs,
                    (eofNanos - start) / 1e6, (System.nanoTime() - start) / 1e6));
        }
        kill.cancel(false);
        children.remove(process);
        int exit = exited ? process.exitValue() : -1;
        if (!exited) {
            process.destroyForcibly();
        }
        String errors = Files.readString(stderr);
        if (stdoutFile != null) {
            Files.deleteIfExists(stdoutFile);
        }
        if (exit != 0 || doneMs < 0) {
            throw new IllegalStateException("probe failed (exit " + exit + "): " + String.join(" ", command)
                    + "\n--- stdout (tail) ---\n" + String.join("\n", tail) + "\n--- stderr ---\n" + errors);
        }
        return new Child(reports, doneMs, exit, otherBytes, otherLines,
                String.join("\n", tail) + (errors.isBlank() ? "" : "\n--- stderr ---\n" + errors));
    }

    /** The probe classes, plus {@code interceptor} (if not null) registered as an SDK global interceptor. */
    static Path copyProbeClasses(Path target, Class<?> interceptor) throws IOException {
        Path source;
        try {
            source = Path.of(Benchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        String pkg = Benchmark.class.getPackageName().replace('.', '/');
        Path from = source.resolve(pkg);
        Path to = target.resolve(pkg);
        Files.createDirectories(to);
        List<String> wanted = new ArrayList<>(Arrays.asList(PROBE_CLASSES));
        if (interceptor != null) {
            wanted.add(interceptor.getSimpleName());
            Path services = target.resolve("software/amazon/awssdk/global/handlers/execution.interceptors");
            Files.createDirectories(services.getParent());
            Files.writeString(services, interceptor.getName() + "\n");
        }
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                String outer = name.replaceAll("(\\$.*)?\\.class$", "");
                if (name.endsWith(".class") && wanted.contains(outer)) {
                    Files.copy(file, to.resolve(name));
                }
            }
        }
        return target;
    }

    /** Stops every child still running. */
    @Override
    public void close() {
        for (Process process : new ArrayList<>(children)) {
            process.destroyForcibly();
        }
    }
}
