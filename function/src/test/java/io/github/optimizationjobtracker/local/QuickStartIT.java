package io.github.optimizationjobtracker.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * README's quick start, as a newcomer meets it: the committed tree cloned afresh (nothing built, no stand-ins
 * running), then every line of the quick-start blocks run as written, in order, with a clean environment. A line
 * that leaves something running ({@code --keep-running}) is left to people.
 */
class QuickStartIT {
    private static final Pattern BLOCK = Pattern.compile("<!-- quick-start -->\\s*```bash\\n(.*?)```", Pattern.DOTALL);
    private static Path clone;

    @BeforeAll
    static void cloneTheRepository() throws Exception {
        Path root = TestEvents.LAYOUT.root();
        assumeTrue(Files.isDirectory(root.resolve(".git")), "not a git checkout");
        clone = Files.createTempDirectory("quick-start-");
        assertThat(run(root, List.of("git", "clone", "--quiet", root.toString(), clone.toString())).exitCode())
                .isZero();
    }

    @AfterAll
    static void removeTheClone() throws IOException {
        if (clone != null) {
            try (Stream<Path> files = Files.walk(clone)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    record Result(int exitCode, String output) {
    }

    /** The lines of README's quick-start blocks, comments stripped, in the order written. */
    static List<String> quickStartLines(String readme) {
        List<String> lines = new ArrayList<>();
        Matcher block = BLOCK.matcher(readme);
        while (block.find()) {
            for (String line : block.group(1).split("\n")) {
                String command = line.replaceFirst("\\s+#.*$", "").strip();
                if (!command.isEmpty()) {
                    lines.add(command);
                }
            }
        }
        return lines;
    }

    @Test
    void everyQuickStartLineWorksOnAFreshClone() throws Exception {
        List<String> lines = quickStartLines(Files.readString(clone.resolve("README.md")));
        assertThat(lines).as("README marks its quick-start blocks").contains("npm ci && ./local-run state-change-failed");

        for (String line : lines) {
            if (line.contains("--keep-running")) {
                continue;
            }
            Result result = run(clone, List.of("bash", "-c", line));
            // README: an invalid sample is rejected, which the exit code 1 reports
            int expected = line.contains("invalid/") ? 1 : 0;
            assertThat(result.exitCode()).as("%s%n%s", line, tail(result.output())).isEqualTo(expected);
            assertThat(result.output()).as(line).doesNotContain("Exception in thread");
            if (!line.startsWith("mvn ")) { // Maven's own console writes escape codes; the project's tools do not
                assertThat(result.output()).as(line).doesNotContain("\u001b[");
            }
            if (line.endsWith("./local-run state-change-failed")) {
                assertThat(result.output()).contains("== Alerts received by the SQS subscriber of the topic: 1")
                        .contains("\"service\":\"optimization-job-tracker\"");
            }
        }
    }

    private static Result run(Path directory, List<String> command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("TRACKER_ENDPOINT_")
                || LocalEnvironment.SETTINGS.contains(name));
        Path output = Files.createTempFile("quick-start-", ".log");
        builder.redirectOutput(output.toFile());
        Process process = builder.start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not end within 10 minutes");
        }
        String text = Files.readString(output, StandardCharsets.UTF_8);
        Files.delete(output);
        return new Result(process.exitValue(), text);
    }

    private static String tail(String output) {
        List<String> lines = output.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }
}
