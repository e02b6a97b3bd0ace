package io.github.optimizationjobtracker.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.optimizationjobtracker.event.EventRoutes.Bus;
import io.github.optimizationjobtracker.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Generated secrets of every kind the redactor knows, put where users and SageMaker put them (environment maps,
 * tags, unknown new members, failure reasons, CloudTrail error messages, a trusted event's reason, an invalid
 * event's job name), through the deployed routes and the real handler. None may appear in the table, an alert,
 * a log line, the handler's output or a dead-letter record's error.
 */
class RedactionPropertyTest {
    private static final long SEED = Long.getLong("redaction.seed", System.nanoTime());
    private static final int ROUNDS = Integer.getInteger("redaction.rounds", 12);
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final List<String> CREDENTIAL_NAMES = List.of("DB_PASS", "SLACK_WEBHOOK_URL", "DATABASE_URL",
            "CONNECTION_STRING", "PASSPHRASE", "HF_TOKEN", "api_key", "OpenAiApiKey", "MYSQL_PWD", "client_secret",
            "AWS_SECRET_ACCESS_KEY", "REDIS_URI", "X-Api-Key", "session_token", "PRIVATE_KEY", "wandb_api_key");
    private final Random random = new Random(SEED);

    /** A secret shaped like a known credential; the whole returned text must never reappear. */
    private final List<Function<Random, String>> shapedSecrets = List.of(
            r -> "AKIA" + upper(r, 16),
            r -> "ASIA" + upper(r, 16),
            r -> "hf_" + chars(r, 34),
            r -> "ghp_" + chars(r, 36),
            r -> "github_pat_" + chars(r, 22) + "_" + chars(r, 59),
            r -> "xoxb-" + digits(r, 12) + "-" + digits(r, 12) + "-" + chars(r, 24),
            r -> "sk-proj-" + chars(r, 40),
            r -> "eyJ" + chars(r, 20) + "." + chars(r, 40) + "." + chars(r, 30),
            r -> "glpat-" + chars(r, 20));

    @Test
    void noGeneratedSecretLeavesThroughAnyPath() {
        List<String> secrets = new ArrayList<>();
        int paths = 0;
        try (Tracker tracker = new Tracker(); CapturedLogs logs = new CapturedLogs()) {
            List<String> outputs = new ArrayList<>();
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            for (int round = 0; round < ROUNDS; round++) {
                // 1. DescribeOptimizationJob: environment maps, tags, a future member, the failure reason.
                String job = "leaky-" + round;
                String envSecret = chars(random, 12 + random.nextInt(20));
                String overrideSecret = chars(random, 12 + random.nextInt(20));
                String tagSecret = chars(random, 16);
                String futureSecret = chars(random, 16);
                String reasonShaped = shaped();
                String reasonNamed = chars(random, 14);
                String urlPassword = chars(random, 10);
                String pem = "-----BEGIN PRIVATE KEY-----\n" + chars(random, 64) + "\n-----END PRIVATE KEY-----";
                String bearer = chars(random, 24);
                secrets.addAll(List.of(envSecret, overrideSecret, tagSecret, futureSecret, reasonShaped, reasonNamed,
                        urlPassword, pem, bearer));
                ObjectNode body = (ObjectNode) Json.parse(TestEvents.describeBody("llama3-8b-spec-decoding", job,
                        "FAILED", now.minus(Duration.ofHours(1)), now.minusSeconds(60),
                        "Error pulling " + reasonShaped + " with " + namedPair(reasonNamed) + " from https://svc:"
                                + urlPassword + "@models.example.com/x; Authorization: Bearer " + bearer + "\n" + pem)
                        .getBytes(StandardCharsets.UTF_8));
                ((ObjectNode) body.get("OptimizationEnvironment")).put(name(), envSecret);
                ((ObjectNode) body.at("/OptimizationConfigs/0").fields().next().getValue())
                        .putObject("OverrideEnvironment").put(name(), overrideSecret);
                body.putArray("Tags").addObject().put("Key", name()).put("Value", tagSecret);
                body.putObject("SomethingNewer").putObject("Settings").put(name(), futureSecret);
                tracker.standIns.sageMaker().serveDescribe(job, Json.write(body));
                tracker.put(Bus.TRACKER, TestEvents.stateChange(job, "FAILED", now.minusSeconds(60)))
                        .forEach(d -> outputs.add(d.output()));
                paths += 5;

                // 2. CloudTrail: a rejected create whose error message echoes the environment. Each round has its
                // own caller, because rejected-create alerts are deduplicated per caller, code and message.
                String echoed = chars(random, 18);
                String echoedShape = shaped();
                secrets.addAll(List.of(echoed, echoedShape));
                String create = new String(TestEvents.sample("cloudtrail-create-failed"), StandardCharsets.UTF_8)
                        .replace("bad-role-quantization", "rejected-" + round)
                        .replace("alice@example.com", "alice-" + round + "@example.com")
                        .replace("Could not assume role", jsonEscaped("Environment {" + namedPair(echoed) + ", X="
                                + echoedShape + "} is invalid; could not assume role"));
                tracker.put(Bus.DEFAULT, create).forEach(d -> outputs.add(d.output()));
                paths += 2;

                // 3. A state change the poller emitted, for a job deleted before Describe, with a reason of its own.
                String trustedReason = shaped();
                secrets.add(trustedReason);
                Instant vanishedCreated = now.minusSeconds(600);
                tracker.pollerEmitted("vanished-" + round, vanishedCreated, "FAILED", now.minusSeconds(30));
                String vanished = TestEvents.stateChange("vanished-" + round, "FAILED", now.minusSeconds(30))
                        .replace("\"LastModifiedTime\"", "\"CreationTime\":" + vanishedCreated.toEpochMilli()
                                + ",\"FailureReason\":\"token " + trustedReason + " rejected\",\"LastModifiedTime\"");
                tracker.put(Bus.TRACKER, vanished).forEach(d -> outputs.add(d.output()));
                paths++;

                // 4. An invalid job name holding a secret (a pasted command line): rejected, its reason logged
                // and dead-lettered. (A valid name is an identifier the user chose, stored as it is.)
                String nameSecret = shaped();
                secrets.add(nameSecret);
                outputs.add(String.valueOf(tracker.deliver(TestEvents.stateChange("--token " + nameSecret, "FAILED",
                        now.minusSeconds(30))).lastError()));
                paths++;
            }
            String everywhere = String.join("\n", tracker.allItems().toString(), tracker.alerts().toString(),
                    logs.text(), String.join("\n", outputs), deadLetterErrors(tracker));
            List<String> leaked = secrets.stream().filter(everywhere::contains).toList();
            // A redactor that stops at the first quote, space or punctuation leaks the rest of the value: no
            // twelve-character run of any secret may survive either.
            List<String> partlyLeaked = secrets.stream()
                    .filter(secret -> windows(secret, 12).anyMatch(everywhere::contains)).toList();
            System.out.printf("%nREDACTION PROPERTY: seed %d, %d secrets generated (%d kinds of shape, %d credential"
                    + " names), %d paths checked, leaks: %d%n%n", SEED, secrets.size(), shapedSecrets.size() + 2,
                    CREDENTIAL_NAMES.size(), paths, leaked.size());
            assertThat(leaked).as("secrets found (seed " + SEED + ")").isEmpty();
            assertThat(partlyLeaked).as("secrets partly found (seed " + SEED + ")").isEmpty();
            assertThat(tracker.alerts()).as("every FAILED and rejected create alerted")
                    .filteredOn(alert -> !alert.subject().startsWith("FAILURE STORM")).hasSize(3 * ROUNDS);
            assertThat(tracker.alerts()).as("so many failures at once: one storm summary")
                    .filteredOn(alert -> alert.subject().startsWith("FAILURE STORM")).hasSize(1);
            assertThat(everywhere).contains("***REDACTED***");
        }
    }

    private static String deadLetterErrors(Tracker tracker) {
        StringBuilder errors = new StringBuilder();
        for (String record : tracker.deadLetters()) {
            // requestPayload is the input as delivered (what the sender sent); the error is the tracker's text.
            errors.append(Json.parse(record.getBytes(StandardCharsets.UTF_8)).get("responsePayload")).append('\n');
        }
        return errors.toString();
    }

    /** The text as it appears inside a JSON string (the sample event is edited as text). */
    private static String jsonEscaped(String text) {
        String quoted = Json.write(com.fasterxml.jackson.databind.node.TextNode.valueOf(text));
        return quoted.substring(1, quoted.length() - 1);
    }

    private String shaped() {
        return shapedSecrets.get(random.nextInt(shapedSecrets.size())).apply(random);
    }

    /** A credential name and its value written the ways people write them: env, YAML, JSON, quoted, spaced. */
    private String namedPair(String value) {
        String name = name();
        return switch (random.nextInt(6)) {
            case 0 -> name + "=" + value;
            case 1 -> name + ": " + value;
            case 2 -> name + " = " + value;
            case 3 -> "\"" + name + "\": \"" + value + "\"";
            case 4 -> name + "='" + value + "'";
            default -> "--" + name.toLowerCase(java.util.Locale.ROOT).replace('_', '-') + " " + value;
        };
    }

    /** Every run of {@code length} characters of the secret that is not a fixed marker of its shape. */
    private static java.util.stream.Stream<String> windows(String secret, int length) {
        return java.util.stream.IntStream.rangeClosed(0, secret.length() - length)
                .mapToObj(start -> secret.substring(start, start + length))
                .filter(window -> !window.contains("-----") && window.chars().noneMatch(Character::isWhitespace));
    }

    private String name() {
        return CREDENTIAL_NAMES.get(random.nextInt(CREDENTIAL_NAMES.size()));
    }

    private static String chars(Random random, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(ALNUM.charAt(random.nextInt(ALNUM.length())));
        }
        return text.toString();
    }

    private static String upper(Random random, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(ALNUM.charAt(random.nextInt(36)));
        }
        return text.toString().toUpperCase(java.util.Locale.ROOT);
    }

    private static String digits(Random random, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) ('0' + random.nextInt(10)));
        }
        return text.toString();
    }
}
