package io.github.optimizationjobtracker.infra;

import static io.github.optimizationjobtracker.infra.Cfn.list;
import static io.github.optimizationjobtracker.infra.Cfn.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.SynthesisMessage;

/** cdk-nag's AWS Solutions pack runs on every synth (TrackerApp adds it); nothing may be left unaddressed. */
@SuppressWarnings("deprecation") // Annotations.findError/findWarning still return the deprecated cxapi.SynthesisMessage
class CdkNagTest {
    private static final Synth.Result SYNTH = Synth.defaults();

    @Test
    void noUnsuppressedAwsSolutionsErrors() {
        List<SynthesisMessage> errors = SYNTH.annotations().findError("*", Match.stringLikeRegexp("AwsSolutions-.*"));
        assertThat(errors).as(describe(errors)).isEmpty();
    }

    @Test
    void noUnsuppressedAwsSolutionsWarnings() {
        List<SynthesisMessage> warnings = SYNTH.annotations().findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"));
        assertThat(warnings).as(describe(warnings)).isEmpty();
    }

    @Test
    void noUnacknowledgedCdkWarnings() {
        List<SynthesisMessage> warnings = SYNTH.annotations().findWarning("*", Match.anyValue());
        assertThat(warnings).as(describe(warnings)).isEmpty();
    }

    @Test
    void nagReportHasNoNonCompliantRule() throws IOException {
        Path report;
        try (var files = Files.list(appOutdir())) {
            report = files.filter(p -> p.getFileName().toString().endsWith("NagReport.csv"))
                    .findFirst().orElseThrow(() -> new AssertionError("cdk-nag wrote no report in " + appOutdir()));
        }
        List<String> rows = Files.readAllLines(report);
        assertThat(rows).hasSizeGreaterThan(1);
        assertThat(rows.stream().skip(1).filter(r -> r.contains("\"Non-Compliant\"")).toList()).isEmpty();
    }

    /**
     * Every suppression has a written reason, and the set of suppressed rules is exactly the reviewed one: a new
     * suppression must be added here on purpose.
     */
    @Test
    void suppressionsAreTheReviewedOnesWithReasons() {
        Set<String> suppressed = new TreeSet<>();
        SYNTH.resources().forEach((id, resource) -> {
            Object metadata = map(resource).get("Metadata");
            if (metadata == null || map(metadata).get("cdk_nag") == null) {
                return;
            }
            for (Object rule : list(map(map(metadata).get("cdk_nag")).get("rules_to_suppress"))) {
                Map<String, Object> r = map(rule);
                assertThat((String) r.get("reason")).as(id + " " + r.get("id") + " reason").hasSizeGreaterThan(60);
                String appliesTo = r.get("applies_to") == null ? "" : " " + r.get("applies_to");
                suppressed.add(id.replaceAll("DefaultPolicy[0-9A-F]{8}$", "DefaultPolicy") + " " + r.get("id") + appliesTo);
            }
        });
        assertThat(suppressed).containsExactlyInAnyOrder(
                "ProcessorFunction AwsSolutions-L1",
                "PollerFunction AwsSolutions-L1",
                "ProcessorEventDlq AwsSolutions-SQS3",
                "ProcessorFailureQueue AwsSolutions-SQS3",
                "ProcessorFunctionRole AwsSolutions-IAM5 [Resource::arn:<AWS::Partition>:sagemaker:<AWS::Region>:<AWS::AccountId>:optimization-job/*]",
                "ProcessorFunctionRoleDefaultPolicy AwsSolutions-IAM5 [Resource::arn:<AWS::Partition>:sagemaker:<AWS::Region>:<AWS::AccountId>:optimization-job/*]",
                "PollerFunctionRole AwsSolutions-IAM5 [Resource::*]",
                "PollerFunctionRoleDefaultPolicy AwsSolutions-IAM5 [Resource::*]");
        assertThat(SYNTH.json().get("Metadata")).as("no stack-wide suppressions").isNull();
    }

    private static Path appOutdir() {
        return Path.of(((software.amazon.awscdk.App) SYNTH.stack().getNode().getRoot()).getOutdir());
    }

    private static String describe(List<SynthesisMessage> messages) {
        StringBuilder text = new StringBuilder("findings:");
        messages.forEach(m -> text.append("\n  ").append(m.getId()).append(": ").append(m.getEntry().getData()));
        return text.toString();
    }
}
