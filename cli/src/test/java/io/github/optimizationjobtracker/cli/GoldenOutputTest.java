package io.github.optimizationjobtracker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every command's output on the seeded jobs, against files in src/test/resources/golden that were checked by hand.
 * Each command runs twice: with DynamoDB's own pages, and with pages of three items (every query then takes many
 * pages, the New Year and multi-year ones across partitions), which must print exactly the same.
 *
 * <p>To rewrite the files after a deliberate change: {@code mvn -pl cli test -Dtest=GoldenOutputTest
 * -Dgolden.update=true}, then read every changed file before committing it.
 */
class GoldenOutputTest {
    private static final Path GOLDEN = Path.of("src", "test", "resources", "golden");
    private static final int SMALL_PAGES = 3;

    static Stream<Arguments> commands() {
        return Stream.of(
                golden("show-spec-decoding.txt", "show", "llama3-8b-spec-decoding"),
                golden("show-reused-name.txt", "show", "llama3-8b-nightly-quant"),
                golden("show-rejected-only.txt", "show", "bad-role-quantization"),
                golden("show-running.txt", "show", "mistral-7b-neuron-001"),
                golden("show-created-by.txt", "show", "phi3-mini-awq-compiled-003"),
                golden("show-reused-name.json", "show", "llama3-8b-nightly-quant", "--json"),
                golden("history-reused-name.txt", "history", "llama3-8b-nightly-quant"),
                golden("history-reused-name.json", "history", "llama3-8b-nightly-quant", "--format", "json"),
                golden("history-reused-name.csv", "history", "llama3-8b-nightly-quant", "--format", "csv"),
                golden("history-stopped.txt", "history", "phi3-mini-eagle-008"),
                golden("list-failed-15m.txt", "list", "--status", "FAILED", "--since", "15m"),
                golden("list-failed-30d.csv", "list", "--status", "FAILED", "--since", "30d", "--format", "csv"),
                golden("list-failed-30d-limit5.json", "list", "--status", "failed", "--since", "30d", "--limit", "5",
                        "--format", "json"),
                golden("list-failed-june.txt", "list", "--status", "FAILED", "--since", "2026-06-01", "--until",
                        "2026-06-30"),
                golden("list-new-year.txt", "list", "--created", "2025-12-31..2026-01-01"),
                golden("list-new-year-local-time.txt", "--local-time", "list", "--created", "2025-12-31..2026-01-01"),
                golden("list-created-completed.txt", "list", "--created", "2026-11-27..2026-11-30", "--status",
                        "COMPLETED"),
                golden("list-rejected-creates.txt", "list", "--status", "CREATE_REJECTED", "--since", "2w"),
                golden("list-none.txt", "list", "--status", "DELETED", "--since", "2w"),
                golden("stats-30d.txt", "stats", "--since", "30d"),
                golden("stats-30d-by-type.txt", "stats", "--since", "30d", "--by", "type"),
                golden("stats-all-by-instance.txt", "stats", "--since", "2025-01-01", "--by", "instance"),
                golden("stats-all-by-category.txt", "stats", "--since", "2025-01-01", "--by", "category"),
                golden("stats-all-by-status.csv", "stats", "--since", "2025-01-01", "--by", "status", "--format",
                        "csv"),
                golden("stats-all-by-type.json", "stats", "--since", "2025-01-01", "--by", "type", "--format", "json"));
    }

    private static Arguments golden(String file, String... args) {
        return Arguments.of(file, args);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void printsWhatTheGoldenFileSays(String file, String[] args) throws IOException {
        CliRun.Result unpaged = new CliRun().seeded(args);
        CliRun.Result paged = new CliRun().pageSize(SMALL_PAGES).seeded(args);

        assertThat(unpaged.err()).isEmpty();
        assertThat(unpaged.exitCode()).isZero();
        Path golden = GOLDEN.resolve(file);
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(golden, unpaged.out(), StandardCharsets.UTF_8);
        }
        assertThat(unpaged.out()).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
        assertThat(paged).isEqualTo(unpaged);
    }
}
