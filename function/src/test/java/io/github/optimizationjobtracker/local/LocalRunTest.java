package io.github.optimizationjobtracker.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.optimizationjobtracker.config.ConfigurationException;
import io.github.optimizationjobtracker.config.EnvironmentVariables;
import io.github.optimizationjobtracker.config.ProcessorConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The local run as a newcomer meets it: mistakes answered in one line before anything starts, settings honoured. */
class LocalRunTest {

    record Outcome(int exitCode, String out, String err) {
    }

    private static Outcome run(Map<String, String> environment, String... args) throws Exception {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        try {
            int code = LocalRun.run(LocalRun.Options.parse(args), environment);
            return new Outcome(code, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void anUnknownEventListsTheSamplesAndStartsNothing() throws Exception {
        Outcome outcome = run(Map.of(), "state-change-faild");

        assertThat(outcome.exitCode()).isEqualTo(LocalRun.USAGE_ERROR);
        assertThat(outcome.err()).startsWith("No sample event 'state-change-faild'. Available: ")
                .contains("state-change-failed, state-change-inprogress").contains("invalid/")
                .doesNotContain("sagemaker/").doesNotContain("sam-env").hasLineCount(1);
        assertThat(outcome.out()).as("no stand-in started").doesNotContain("Starting stand-ins");
    }

    @Test
    void aBadSettingIsRefusedWithTheLambdasOwnMessage() throws Exception {
        Map<String, String> environment = Map.of(EnvironmentVariables.ALERT_STATUSES, "FAILD");
        Map<String, String> asTheLambdaSeesIt = new HashMap<>(new LocalEnvironment("http://localhost:1",
                "http://localhost:1", "http://localhost:1", "http://localhost:1", "http://localhost:1")
                .processorVariables());
        asTheLambdaSeesIt.putAll(environment);
        String lambdasMessage = org.assertj.core.api.Assertions.catchThrowableOfType(ConfigurationException.class,
                () -> ProcessorConfig.fromEnvironment(asTheLambdaSeesIt)).getMessage();

        Outcome outcome = run(environment, "state-change-failed");

        assertThat(outcome.exitCode()).isEqualTo(LocalRun.USAGE_ERROR);
        assertThat(outcome.err().strip()).isEqualTo(lambdasMessage).contains("FAILD");
        assertThat(outcome.out()).doesNotContain("Starting stand-ins");
    }

    @Test
    void endpointsOfStoppedStandInsGiveAConnectionErrorThatSaysWhatToUnset() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String stopped = "http://127.0.0.1:" + closedPort;

        Outcome outcome = run(Map.of(), "--dynamodb", stopped, "--sns", stopped, "--sagemaker", stopped,
                "state-change-failed");

        assertThat(outcome.exitCode()).isEqualTo(LocalRun.STAND_IN_UNAVAILABLE);
        assertThat(outcome.err()).startsWith("Nothing answers at " + stopped + " (TRACKER_ENDPOINT_DYNAMODB")
                .contains("unsetting TRACKER_ENDPOINT_DYNAMODB").hasLineCount(1);
    }

    @Test
    void helpIsNotAnError() {
        assertThatThrownBy(() -> LocalRun.Options.parse(new String[] {"--help"}))
                .isInstanceOf(LocalRun.HelpRequested.class);
        assertThatThrownBy(() -> LocalRun.Options.parse(new String[] {"--brief", "state-change-failed"}))
                .isNotInstanceOf(LocalRun.HelpRequested.class).hasMessage("unknown option --brief");
    }

    @Test
    void exportedSettingsChangeWhatTheRunDoes() throws Exception {
        Outcome asDeployed = run(Map.of(), "state-change-completed");
        Outcome alertingOnCompleted = run(Map.of(EnvironmentVariables.ALERT_STATUSES, "FAILED,COMPLETED"),
                "state-change-completed");

        assertThat(asDeployed.exitCode()).isZero();
        assertThat(asDeployed.out()).contains("== Alerts received by the SQS subscriber of the topic: 0");
        assertThat(alertingOnCompleted.exitCode()).isZero();
        assertThat(alertingOnCompleted.out()).contains("== Alerts received by the SQS subscriber of the topic: 1")
                .contains("Subject: COMPLETED: SageMaker optimization job");
    }

    @Test
    void theDefaultPrintoutFitsATerminalAndFullPrintsEverything() throws Exception {
        Outcome fitted = run(Map.of(), "state-change-failed");
        Outcome full = run(Map.of(), "--full", "state-change-failed");

        assertThat(fitted.exitCode()).isZero();
        String ownLines = fitted.out().lines().filter(line -> !line.startsWith("{\"level\""))
                .filter(line -> !line.startsWith("Parsed: ") && !line.startsWith("Processor result: "))
                .filter(line -> !line.matches(".*\\S{60,}.*")) // a link or an ARN is left whole
                .reduce("", (a, b) -> a + b + "\n");
        assertThat(ownLines.lines()).as("every line but the log and result lines fits 100 columns")
                .allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(100));
        assertThat(fitted.out()).contains(" characters, --full shows all]").doesNotContain("\"Job\" : {");
        assertThat(fitted.out()).doesNotContain("\u001b[");
        assertThat(full.out()).doesNotContain("--full shows all").contains("\"Job\" : {")
                .contains("PYTORCH_CUDA_ALLOC_CONF=expandable_segments:True to avoid fragmentation.");
    }
}
