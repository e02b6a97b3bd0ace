package io.github.optimizationjobtracker.redaction;

import static io.github.optimizationjobtracker.redaction.SecretRedactor.REDACTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.optimizationjobtracker.json.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SecretRedactorTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"HF_TOKEN", "hf_token", "HUGGING_FACE_HUB_TOKEN", "DB_PASS", "db_password", "MYSQL_PWD",
            "PASSWORD", "passphrase", "PASSPHRASE", "SLACK_WEBHOOK_URL", "DATABASE_URL", "REDIS_URI",
            "CONNECTION_STRING", "mongo_conn_str", "API_KEY", "apiKey", "OPENAI_API_KEY", "x-api-key",
            "AWS_SECRET_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_SESSION_TOKEN", "ClientSecret", "private_key",
            "WANDB_API_KEY", "Authorization", "AUTH", "GITHUB_TOKEN", "credentials", "JWT", "COOKIE", "SENTRY_DSN",
            "NGC_API_KEY", "ssl_cert", "X-Amz-Signature", "encryption_key"})
    void namesThatHoldCredentials(String name) {
        assertThat(SecretRedactor.isCredentialName(name)).isTrue();
        assertThat(SecretRedactor.isCredentialName(name)).as("remembered").isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"AKIAIOSFODNN7EXAMPLE", "ASIA3EXAMPLEKEY4TMPQ", "ABIA3EXAMPLEKEY4TMPQ", "ACCA3EXAMPLEKEY4TMPQ",
            "hf_AbCdEf0123456789", "ghp_0123456789abcdefghij", "ghs_0123456789abcdefghij", "github_pat_11ABCDEFG01234567",
            "glpat-0123456789abcdefghij", "xoxb-1234567890", "xapp-1-A0123456", "sk-ant-abcdefghijklmnopqrst",
            "AIzaSyA0123456789abcdefghijklmnopqrstu", "eyJhbGciOi.eyJzdWIiOi.signature", "-----BEGIN PRIVATE KEY-----",
            "https://alice:pw@example.com", "Authorization: BEARER abc", "Basic dXNlcjpwYXNz", "TOKEN 3f9a",
            "Secret_Access_Key=wJalr", "https://hooks.slack.com/services/T0/B0/X", "https://discord.com/api/webhooks/1/x"})
    void theQuickPassFindsAMarkInEveryCredentialShape(String secret) {
        assertThat(SecretRedactor.shapeMarks("in the middle of " + secret + " a text")).isNotZero();
        assertThat(SecretRedactor.shapeMarks(secret)).isNotZero();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"", "ml.g5.12xlarge", "arn:aws:sagemaker:us-east-1:123456789012:optimization-job/llama3-8b",
            "s3://models/llama/", "INPROGRESS", "Quantization", "CUDA out of memory. Tried to allocate 2.00 GiB"})
    void mostTextsHaveNoMarkAndSkipThePatterns(String text) {
        int marks = SecretRedactor.shapeMarks(text);

        assertThat(marks).isEqualTo(text.contains("://") ? SecretRedactor.URL_MARK : 0);
        assertThat(SecretRedactor.redactText(text)).isEqualTo(text);
    }

    @Test
    void aWeakWordIsRememberedApartAsAKeyAndInText() {
        assertThat(SecretRedactor.isCredentialName("Pwd")).isTrue();
        assertThat(SecretRedactor.redactText("Pwd: 3")).as("alone in free text, an ordinary word").isEqualTo("Pwd: 3");
        assertThat(SecretRedactor.redactText("Salt=7")).isEqualTo("Salt=7");
        assertThat(SecretRedactor.isCredentialName("Salt")).as("as a map's key, a credential").isTrue();
    }

    @Test
    void theMemoryOfNamesIsBounded() {
        for (int i = 0; i < 3 * SecretRedactor.REMEMBERED_NAMES; i++) {
            assertThat(SecretRedactor.isCredentialName("setting_" + i)).isFalse();
            assertThat(SecretRedactor.redactText("note_" + i + "=x")).isEqualTo("note_" + i + "=x");
        }
        assertThat(SecretRedactor.isCredentialName("x".repeat(5000) + "_TOKEN")).isTrue();
        assertThat(SecretRedactor.rememberedNames()).isLessThanOrEqualTo(2 * SecretRedactor.REMEMBERED_NAMES);
        assertThat(SecretRedactor.isCredentialName("MY_API_KEY")).as("answered when nothing more is kept").isTrue();
        assertThat(SecretRedactor.redactText("MY_API_KEY=abc")).isEqualTo("MY_API_KEY=" + REDACTED);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"OPTION_TENSOR_PARALLEL_DEGREE", "OPTION_QUANTIZE", "KmsKeyId", "KeyError",
            "HF_MODEL_ID", "S3Uri", "ModelName", "MaxRuntimeInSeconds", "SM_NUM_GPUS", "OPTION_MAX_MODEL_LEN",
            "RoleArn", "DeploymentInstanceType", "TRANSFORMERS_CACHE", "keyboard", "monkey_island", "Value"})
    void namesThatDoNot(String name) {
        assertThat(SecretRedactor.isCredentialName(name)).isFalse();
        assertThat(SecretRedactor.isCredentialName(name)).as("remembered").isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "token hf_AbCdEf0123456789secretvalue expired          | hf_AbCdEf0123456789secretvalue",
            "key AKIAIOSFODNN7EXAMPLE was used                      | AKIAIOSFODNN7EXAMPLE",
            "temporary ASIA3EXAMPLEKEY4TMPQ denied                  | ASIA3EXAMPLEKEY4TMPQ",
            "clone with ghp_0123456789abcdefghijABCDEFGHIJklmn failed | ghp_0123456789abcdefghijABCDEFGHIJklmn",
            "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz rejected | github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz",
            "slack xoxb-1234567890-abcdefghijkl denied              | xoxb-1234567890-abcdefghijkl",
            "GET https://alice:s3cr3t-Pa55@models.example.com/x 401 | s3cr3t-Pa55",
            "Authorization: Bearer abc.def-ghi_jkl012345 rejected  | abc.def-ghi_jkl012345",
            "Environment {DB_PASS=hunter2hunter2, X=1} invalid     | hunter2hunter2",
            "\"SLACK_WEBHOOK_URL\": \"https://hooks.slack.com/services/T0/B0/XyZ\" | T0/B0/XyZ",
            "DATABASE_URL=postgres://app:pw0rd@db:5432/app         | pw0rd",
            "CONNECTION_STRING=Server=x;Password=abc               | Server=x",
            "passphrase: correct-horse-battery                      | correct-horse-battery",
            "sig https://bucket.s3.amazonaws.com/k?X-Amz-Signature=deadbeef01&x=1 | deadbeef01",
            "jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U | eyJzdWIiOiIxMjM0NTY3ODkwIn0",
            "openai sk-proj-abcdefghijklmnopqrstuvwxyz0123 limit   | sk-proj-abcdefghijklmnopqrstuvwxyz0123",
            "PASSWORD=abc;def&ghi rejected                          | abc;def&ghi",
            "connect postgres://admin:p@ss@db.internal/app failed   | p@ss",
            "aws_secret_access_key wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY set | wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "HF_TOKEN=\"my token with spaces\" is invalid         | token with spaces",
            "HF_TOKEN='quoted, with comma' is invalid                | quoted, with comma",
            "serve.py --hf-token abcdef123456 --model x exited 1    | abcdef123456",
            "serve.py --api-key=abcdef123456 exited 1               | abcdef123456",
            "DB_PASS = spaced-out-value rejected                    | spaced-out-value",
            "posting to https://hooks.slack.com/services/T0AB/B0CD/xyzSecret42 failed | T0AB/B0CD/xyzSecret42",
            "posting to https://discord.com/api/webhooks/123/abcSecret42 failed | 123/abcSecret42",
    })
    void secretValuesInTextAreReplaced(String text, String secret) {
        String redacted = SecretRedactor.redactText(text);
        assertThat(redacted).doesNotContain(secret).contains(REDACTED);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"max_new_tokens=512 exceeds the limit", "pass: 3 of 4 failed", "--max-new-tokens 512",
            "key: lm_head.weight missing from checkpoint", "basic checks passed for all layers",
            "token limit 4096 exceeded", "--key lm_head --pass 2", "KmsKeyId: alias/models is disabled",
            "Bearer tokens are not accepted here", "tokens: 128000 > max_model_len: 8192"})
    void ordinaryWordsThatResembleCredentialsAreLeftAlone(String text) {
        assertThat(SecretRedactor.redactText(text)).isEqualTo(text);
    }

    @Test
    void aValueIsHiddenToItsEndButNoFurtherThanAnyCredentialCouldReach() {
        String endless = "x".repeat(10_000);
        String redacted = SecretRedactor.redactText("DB_PASS=" + endless);
        assertThat(redacted).isEqualTo("DB_PASS=" + REDACTED + "x".repeat(endless.length() - 4096));
        String unclosed = SecretRedactor.redactText("HF_TOKEN=\"opens but never closes " + endless);
        assertThat(unclosed).startsWith("HF_TOKEN=\"" + REDACTED).doesNotContain("never closes");
    }

    @Test
    void manyNamesThatAreNotCredentialsAreSteppedOverNotReRead() {
        // A regex that retried every name at every offset would take quadratic time here; the result is the input.
        String text = "a=b ".repeat(50_000) + "c:d".repeat(10_000);
        assertThat(SecretRedactor.redactText(text)).isEqualTo(text);
    }

    @Test
    void aBoundedTextIsCutAtASpaceBeforeRedactionSoNoSecretIsLeftHalfShown() {
        String secret = "hf_" + "A".repeat(40);
        String text = "word ".repeat(18) + secret + " tail";
        String bounded = SecretRedactor.redactBounded(text, 100);
        assertThat(bounded).startsWith("word ".repeat(18).trim()).doesNotContain("hf_").doesNotContain("AAAA")
                .endsWith("[... " + (text.length() - 89) + " more characters not kept]");
        assertThat(SecretRedactor.redactBounded("short " + secret, 100)).isEqualTo("short " + REDACTED);
    }

    @Test
    void aPemPrivateKeyIsRemovedWhole() {
        String text = "bad key:\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA0Z3VS5JJcds3xfn\n-----END RSA PRIVATE KEY-----\nbye";
        assertThat(SecretRedactor.redactText(text)).isEqualTo("bad key:\n" + REDACTED + "\nbye");
    }

    @Test
    void ordinaryFailureReasonsAreLeftAlone() {
        String reason = "ClientError: KeyError: 'model.layers.0' while loading s3://bucket/model/ on ml.g5.12xlarge;"
                + " see arn:aws:sagemaker:us-east-1:123456789012:optimization-job/x. Token count 4096 exceeds max=2048";
        assertThat(SecretRedactor.redactText(reason)).isEqualTo(reason);
    }

    @Test
    void redactsEveryMapOfADocumentByNameAndEveryStringByShape() {
        ObjectNode doc = (ObjectNode) Json.parse(("""
                {"OptimizationEnvironment": {"HF_TOKEN": "x", "OPTION_QUANTIZE": "awq", "DB_PASS": "p"},
                 "OptimizationConfigs": [{"ModelQuantizationConfig": {"OverrideEnvironment": {"SLACK_WEBHOOK_URL": "u"}}}],
                 "SomeFutureMember": {"settings": {"connection_string": "c"}},
                 "Tags": [{"Key": "team", "Value": "ml"}, {"Key": "api_key", "Value": "k"}],
                 "OutputConfig": {"KmsKeyId": "arn:aws:kms:us-east-1:1:key/abc", "S3OutputLocation": "s3://b/"},
                 "FailureReason": "download failed for https://u:hunter2@host/x",
                 "Notes": ["free text with ghp_0123456789abcdefghijABCDEFGHIJklmn in a list"]}
                """).getBytes(StandardCharsets.UTF_8));

        int redacted = SecretRedactor.redactDocument(doc);

        assertThat(redacted).isEqualTo(7);
        assertThat(doc.at("/OptimizationEnvironment/HF_TOKEN").asText()).isEqualTo(REDACTED);
        assertThat(doc.at("/OptimizationEnvironment/DB_PASS").asText()).isEqualTo(REDACTED);
        assertThat(doc.at("/OptimizationEnvironment/OPTION_QUANTIZE").asText()).isEqualTo("awq");
        assertThat(doc.at("/OptimizationConfigs/0/ModelQuantizationConfig/OverrideEnvironment/SLACK_WEBHOOK_URL").asText())
                .isEqualTo(REDACTED);
        assertThat(doc.at("/SomeFutureMember/settings/connection_string").asText()).isEqualTo(REDACTED);
        assertThat(doc.at("/Tags/0/Value").asText()).isEqualTo("ml");
        assertThat(doc.at("/Tags/1/Key").asText()).isEqualTo("api_key");
        assertThat(doc.at("/Tags/1/Value").asText()).isEqualTo(REDACTED);
        assertThat(doc.at("/OutputConfig/KmsKeyId").asText()).isEqualTo("arn:aws:kms:us-east-1:1:key/abc");
        assertThat(doc.at("/FailureReason").asText()).isEqualTo("download failed for https://u:" + REDACTED + "@host/x");
        assertThat(doc.at("/Notes/0").asText()).doesNotContain("ghp_");
        assertThat(SecretRedactor.redactDocument(doc)).as("idempotent").isZero();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "HF_TOKEN=\"abc def\" next      | HF_TOKEN=\"***REDACTED***\" next",
            "HF_TOKEN='abc def'               | HF_TOKEN='***REDACTED***'",
            "HF_TOKEN=\"abc def             | HF_TOKEN=\"***REDACTED***",
            "HF_TOKEN=\"\" is empty          | HF_TOKEN=\"\" is empty",
            "JWT=abc                          | JWT=***REDACTED***",
            "DB_PASS=                         | DB_PASS=",
            "see DB_PASS:                     | see DB_PASS:",
            "a TOKEN: , DB_PASS=x1 (b)        | a TOKEN: , DB_PASS=***REDACTED*** (b)",
            "serve --hf-token --model llama   | serve --hf-token --model llama",
            "{DB_PASS=p1,API_KEY=k2}          | {DB_PASS=***REDACTED***,API_KEY=***REDACTED***}",
            "[token=t1] (token=t2)            | [token=***REDACTED***] (token=***REDACTED***)",
    })
    void aValueIsReplacedExactlyKeepingItsQuotesAndWhatFollows(String text, String expected) {
        assertThat(SecretRedactor.redactText(text)).isEqualTo(expected);
        assertThat(SecretRedactor.redactText(expected)).as("idempotent").isEqualTo(expected);
    }

    @Test
    void boundedTextsAreCutOnlyWhenLongerThanTheLimit() {
        String exactly = "word ".repeat(19) + "tail";
        assertThat(SecretRedactor.redactBounded(exactly, exactly.length())).isEqualTo(exactly);
        assertThat(SecretRedactor.redactBounded(null, 10)).isNull();
        // no space at all, a limit shorter than the cut window: the whole run goes (this used to throw)
        assertThat(SecretRedactor.redactBounded("x".repeat(300), 100)).isEqualTo(" [... 300 more characters not kept]");
        // a space too far back: the last 256 characters before the limit are dropped as a possible secret
        String far = "word " + "x".repeat(2000);
        assertThat(SecretRedactor.redactBounded(far, 1000))
                .isEqualTo("word " + "x".repeat(739) + " [... " + (far.length() - 744) + " more characters not kept]");
        // a space within reach: cut there
        String near = "x".repeat(800) + " " + "y".repeat(400);
        assertThat(SecretRedactor.redactBounded(near, 1000))
                .isEqualTo("x".repeat(800) + " [... " + (near.length() - 800) + " more characters not kept]");
    }

    @Test
    void valuesThatCannotBeSecretsAndKeysThatAreNoNamesAreLeftAlone() {
        ObjectNode doc = (ObjectNode) Json.parse(("""
                {"HF_TOKEN": null, "USE_AUTH": true, "1234": "x", "_": "y",
                 "Tags": [{"Name": "api_key", "Description": "no value here"}, {"Key": "api_key", "Value": null},
                          {"Name": "DB_PASS", "Value": false}, {"Key": "team", "Value": "ml"},
                          {"Name": 7, "Value": "v"}, {"Key": "api_key", "Value": {"nested": "n"}}]}
                """).getBytes(StandardCharsets.UTF_8));
        String before = doc.toString();

        assertThat(SecretRedactor.redactDocument(doc)).isZero();
        assertThat(doc.toString()).isEqualTo(before);
        assertThat(SecretRedactor.isCredentialName("1234")).isFalse();
        assertThat(SecretRedactor.isCredentialName("_")).isFalse();
    }

    @Test
    void aPairNamedByNameOrKeyIsRedactedOnce() {
        ObjectNode doc = (ObjectNode) Json.parse(("""
                {"list": [{"Name": "HF_TOKEN", "Value": "t"}, {"Key": "x", "Name": "DB_PASS", "Value": 12345},
                          {"Key": "api_key", "Value": "***REDACTED***"}]}
                """).getBytes(StandardCharsets.UTF_8));

        assertThat(SecretRedactor.redactDocument(doc)).isEqualTo(2);
        assertThat(doc.at("/list/0/Value").asText()).isEqualTo(REDACTED);
        assertThat(doc.at("/list/1/Value").asText()).isEqualTo(REDACTED);
        assertThat(doc.at("/list/1/Key").asText()).isEqualTo("x");
    }

    @Test
    void wordsSplitAtCaseChangesAndNonLetters() {
        assertThat(SecretRedactor.words("slackWebhookURL2x")).containsExactly("SLACK", "WEBHOOK", "URL", "X");
        assertThat(SecretRedactor.words("A")).containsExactly("A");
        assertThat(SecretRedactor.words("9lives")).containsExactly("LIVES");
    }
}
