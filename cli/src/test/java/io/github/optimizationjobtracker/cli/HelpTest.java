package io.github.optimizationjobtracker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HelpTest {
    @ParameterizedTest
    @ValueSource(strings = {"", "show", "history", "list", "stats"})
    void helpIsPrintedOnStandardOutputWithinAHundredColumns(String command) {
        CliRun.Result result = command.isEmpty() ? new CliRun().run("--help") : new CliRun().run(command, "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(result.out()).startsWith(("Usage: tracker " + command).strip() + " ")
                .contains("--region=REGION", "--table=NAME", "--endpoint-url=URL", "Exit codes:");
        assertThat(result.out().lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(100));
    }
}
