package io.github.optimizationjobtracker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every failure a user will meet: one line on stderr, nothing on stdout, the documented exit code. */
class UserErrorsTest {
    @TempDir
    Path home;

    private static void assertOneLine(CliRun.Result result, int exitCode, String line) {
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo(line + "\n");
        assertThat(result.exitCode()).isEqualTo(exitCode);
    }

    @Test
    void aMistypedJobNameIsNotFoundAndTheClosestNamesOfTheLastYearAreSuggested() {
        CliRun.Result result = new CliRun().seeded("show", "llama3-8b-spec-decodng");

        assertOneLine(result, ExitCode.NOT_FOUND, "tracker: no job named 'llama3-8b-spec-decodng' in table"
                + " optimization-jobs (us-east-1); closest names created in the last year: llama3-8b-spec-decoding");
    }

    @Test
    void suggestionsLeaveOutNamesCreatedMoreThanAYearAgo() {
        // gemma2-9b-awq-compiled-219 is one edit away but was created 2025-09-27, and -189 (three edits) 2025-10-31:
        // more than a year before "now". Of the names three edits away created within the year (009, 039, 069, 099,
        // 129, 159) the first five by name are suggested.
        CliRun.Result result = new CliRun().seeded("history", "gemma2-9b-awq-compiled-219x");

        assertOneLine(result, ExitCode.NOT_FOUND, "tracker: no job named 'gemma2-9b-awq-compiled-219x' in table"
                + " optimization-jobs (us-east-1); closest names created in the last year: gemma2-9b-awq-compiled-009,"
                + " gemma2-9b-awq-compiled-039, gemma2-9b-awq-compiled-069, gemma2-9b-awq-compiled-099,"
                + " gemma2-9b-awq-compiled-129");
    }

    @Test
    void aNameLikeNoOtherSuggestsNothing() {
        assertOneLine(new CliRun().seeded("show", "zz"), ExitCode.NOT_FOUND, "tracker: no job named 'zz' in table"
                + " optimization-jobs (us-east-1); no similar name was created in the last year");
    }

    @Test
    void aBadDurationSaysWhatIsAccepted() {
        assertOneLine(new CliRun().seeded("list", "--status", "FAILED", "--since", "7x"), ExitCode.USAGE,
                "tracker: Invalid value for option '--since': '7x' is not a duration (15m, 36h, 7d, 2w), a date"
                        + " (YYYY-MM-DD) or an instant (2026-11-27T10:00:00Z) (see tracker list --help)");
    }

    @Test
    void aBadDateSaysWhatIsAccepted() {
        assertOneLine(new CliRun().seeded("list", "--created", "2026-11-27..2026-13-01"), ExitCode.USAGE,
                "tracker: Invalid value for option '--created': '2026-13-01' is not a duration (15m, 36h, 7d, 2w), a"
                        + " date (YYYY-MM-DD) or an instant (2026-11-27T10:00:00Z) (see tracker list --help)");
        assertOneLine(new CliRun().seeded("stats", "--since", "yesterday"), ExitCode.USAGE,
                "tracker: Invalid value for option '--since': 'yesterday' is not a duration (15m, 36h, 7d, 2w), a"
                        + " date (YYYY-MM-DD) or an instant (2026-11-27T10:00:00Z) (see tracker stats --help)");
    }

    @Test
    void aSpanThatEndsBeforeItStartsIsAUsageError() {
        assertOneLine(new CliRun().seeded("list", "--created", "2026-11-30..2026-11-01"), ExitCode.USAGE,
                "tracker: the span ends before it starts (2026-11-01T23:59:59.999Z is before 2026-11-30T00:00:00Z)");
    }

    @Test
    void anUnknownStatusNamesTheKnownOnes() {
        assertOneLine(new CliRun().seeded("list", "--status", "BROKEN"), ExitCode.USAGE, "tracker: unknown status"
                + " 'BROKEN': use one of COMPLETED, DELETED, FAILED, INPROGRESS, STARTING, STOPPED, STOPPING,"
                + " CREATE_REJECTED");
    }

    @Test
    void aListMustSayWhatToList() {
        assertOneLine(new CliRun().seeded("list", "--since", "7d"), ExitCode.USAGE,
                "tracker: name what to list: --status STATUS [--since WHEN] or --created FROM[..TO]");
        assertOneLine(new CliRun().seeded("list", "--created", "7d", "--since", "1d"), ExitCode.USAGE,
                "tracker: --since and --until window a --status list; --created takes its own span (FROM..TO)");
        assertOneLine(new CliRun().seeded("list", "--status", "FAILED", "--limit", "0"), ExitCode.USAGE,
                "tracker: --limit takes a number of jobs, 1 or more, not 0");
    }

    @Test
    void unknownOptionsAndMissingArgumentsAreUsageErrors() {
        assertOneLine(new CliRun().seeded("list", "--status", "FAILED", "--colour"), ExitCode.USAGE,
                "tracker: Unknown option: '--colour' (see tracker list --help)");
        assertOneLine(new CliRun().seeded("show"), ExitCode.USAGE,
                "tracker: Missing required parameter: 'JOB' (see tracker show --help)");
        assertOneLine(new CliRun().seeded("stats", "--by", "colour"), ExitCode.USAGE,
                "tracker: Invalid value for option '--by': expected one of [TYPE, INSTANCE, CATEGORY, STATUS]"
                        + " (case-insensitive) but was 'colour' (see tracker stats --help)");
    }

    @Test
    void aTableThatIsNotThereIsNamedWithItsRegion() {
        assertOneLine(new CliRun().run("--endpoint-url", LocalTable.get().endpoint(), "--table", "nope",
                "show", "llama3-8b-spec-decoding"), ExitCode.AWS, "tracker: table nope not found in us-east-1: pass"
                + " the table's --region, or name the table with --table or --stack");
    }

    @Test
    void withoutATableNamedTheUserIsToldTheThreeWays() {
        assertOneLine(new CliRun().run("--endpoint-url", LocalTable.get().endpoint(), "show", "x"), ExitCode.AWS,
                "tracker: no table named: pass --table NAME, set TRACKER_TABLE, or pass --stack STACK (the tracker's"
                        + " CloudFormation stack, whose TableName output names it)");
    }

    @Test
    void theTableCanComeFromTheEnvironment() {
        CliRun.Result result = new CliRun().environment("TRACKER_TABLE", LocalTable.TABLE)
                .run("--endpoint-url", LocalTable.get().endpoint(), "list", "--status", "FAILED", "--since", "15m");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("mistral-7b-storm-6");
    }

    @Test
    void withNoCredentialsAnywhereTheUserIsToldHowToGiveSome() {
        CliRun.Result result = new CliRun().home(home).environment("AWS_EC2_METADATA_DISABLED", "true")
                .run("--region", "us-east-1", "--table", "optimization-jobs", "show", "llama3-8b-spec-decoding");

        assertOneLine(result, ExitCode.AWS, "tracker: no AWS credentials found: run `aws configure` (or `aws sso"
                + " login`), pass --profile NAME or set AWS_PROFILE");
    }

    @Test
    void aProfileWithoutCredentialsIsNoCredentials() throws IOException {
        Files.createDirectories(home.resolve(".aws"));
        Files.writeString(home.resolve(".aws").resolve("config"), "[default]\nregion = eu-west-1\n");

        CliRun.Result result = new CliRun().home(home).environment("AWS_EC2_METADATA_DISABLED", "true")
                .run("--table", "optimization-jobs", "show", "llama3-8b-spec-decoding");

        assertOneLine(result, ExitCode.AWS, "tracker: no AWS credentials found: run `aws configure` (or `aws sso"
                + " login`), pass --profile NAME or set AWS_PROFILE");
    }

    @Test
    void aProfileThatIsNotThereIsNamed() {
        CliRun.Result result = new CliRun().home(home)
                .run("--profile", "ghost", "--region", "us-east-1", "--table", "t", "show", "x");

        assertOneLine(result, ExitCode.AWS, "tracker: no profile 'ghost' in ~/.aws/config or ~/.aws/credentials:"
                + " run `aws configure --profile ghost` or pass another --profile");
    }

    @Test
    void withoutARegionTheUserIsToldWhereToGiveOne() {
        CliRun.Result result = new CliRun().home(home).environment("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
                .environment("AWS_SECRET_ACCESS_KEY", "not-a-secret")
                .run("--table", "optimization-jobs", "show", "llama3-8b-spec-decoding");

        assertOneLine(result, ExitCode.AWS, "tracker: no AWS region: pass --region (e.g. --region us-east-1), set"
                + " AWS_REGION, or run `aws configure` to give profile 'default' one");
    }

    @Test
    void anEndpointWhereNothingListensIsUnreachable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        CliRun.Result result = new CliRun().run("--endpoint-url", "http://127.0.0.1:" + closedPort, "--table", "t",
                "show", "x");

        assertThat(result.exitCode()).isEqualTo(ExitCode.AWS);
        assertThat(result.err()).startsWith("tracker: cannot connect to AWS in us-east-1 (")
                .endsWith("): with --endpoint-url, is the local stand-in running?\n")
                .hasLineCount(1);
    }

    @Test
    void debugAddsTheStackTraceAndOnlyDebugDoes() {
        String[] args = {"--endpoint-url", LocalTable.get().endpoint(), "--table", "nope", "show", "x"};
        CliRun.Result plain = new CliRun().run(args);
        String[] debugArgs = new String[args.length + 1];
        System.arraycopy(args, 0, debugArgs, 0, args.length);
        debugArgs[args.length] = "--debug";
        CliRun.Result debug = new CliRun().run(debugArgs);

        assertThat(plain.err()).hasLineCount(1).doesNotContain("\tat ");
        assertThat(debug.exitCode()).isEqualTo(plain.exitCode()).isEqualTo(ExitCode.AWS);
        assertThat(debug.err()).startsWith(plain.err()).contains("ResourceNotFoundException", "\tat ");
    }

    @Test
    void showJsonOfANameWithOnlyRejectedCreatesIsNotFound() {
        assertOneLine(new CliRun().seeded("show", "bad-role-quantization", "--json"), ExitCode.NOT_FOUND,
                "tracker: no job named bad-role-quantization was recorded, only 2 rejected create(s) of that name:"
                        + " run without --json to see them");
    }

    @Test
    void withoutACommandTheUsageIsPrintedAsAUsageError() {
        CliRun.Result result = new CliRun().run();

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).contains("Usage: tracker", "show", "history", "list", "stats", "Exit codes:");
    }
}
