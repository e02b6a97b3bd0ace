package io.github.optimizationjobtracker.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/** The machine a benchmark runs on, as the report describes it, and its load. */
final class Machine {
    private Machine() {
    }

    static String describe() {
        String cpu = "?";
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            cpu = lines.filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("?");
        } catch (IOException | UncheckedIOException e) {
            // not Linux
        }
        String os = System.getProperty("os.name");
        try (Stream<String> lines = Files.lines(Path.of("/etc/os-release"))) {
            os = lines.filter(l -> l.startsWith("PRETTY_NAME=")).findFirst()
                    .map(l -> l.substring(12).replace("\"", "")).orElse(os);
        } catch (IOException | UncheckedIOException e) {
            // keep os.name
        }
        long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        String node = "?";
        try {
            Process p = new ProcessBuilder(System.getenv().getOrDefault("NODE", "node"), "--version")
                    .redirectErrorStream(true).start();
            node = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor();
        } catch (IOException | InterruptedException e) {
            // unknown
        }
        return String.format(Locale.ROOT, "- CPU: %s, %d cores available to the JVM%n- Memory: %.1f GiB%n"
                        + "- OS: %s (kernel %s, %s)%n- JDK (benchmark and child JVMs): %s %s (%s)%n"
                        + "- Stand-ins: dynalite and fauxqs on Node %s, WireMock (SageMaker, EventBridge) in the "
                        + "benchmark's JVM; all on loopback, sharing the same cores",
                cpu, Runtime.getRuntime().availableProcessors(), memory / (1024.0 * 1024 * 1024), os,
                System.getProperty("os.version"), System.getProperty("os.arch"), System.getProperty("java.vm.vendor"),
                System.getProperty("java.runtime.version"), System.getProperty("java.home"), node);
    }

    /** The 1-minute load average: other work on this machine (builds, tests) shows up here. */
    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        }
    }
}
