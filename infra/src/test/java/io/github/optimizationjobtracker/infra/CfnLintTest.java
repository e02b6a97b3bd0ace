package io.github.optimizationjobtracker.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * cfn-lint (with the SAM translator, so template.yaml is linted as CloudFormation will see it after the transform)
 * over both templates: a property CloudFormation would refuse fails here, not at deploy time. Set
 * TRACKER_SKIP_CFN_LINT=true to skip on a machine without cfn-lint.
 */
class CfnLintTest {
    /** CDK writes DependsOn on the role policy although the function's Role already orders them: harmless. */
    private static final String ACCEPTED = "W3005";

    @Test
    void samTemplateIsClean() throws Exception {
        assertThat(findings(Synth.SAM_TEMPLATE)).isEmpty();
    }

    @Test
    void synthesizedStackIsClean() throws Exception {
        Path file = Synth.INFRA_DIR.resolve("target/cfn-lint/OptimizationJobTracker.template.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, new ObjectMapper().writeValueAsString(Synth.defaults().json()));
        assertThat(findings(file)).as("findings other than " + ACCEPTED).isEmpty();
    }

    private static List<String> findings(Path template) throws IOException, InterruptedException {
        Assumptions.assumeFalse("true".equals(System.getenv("TRACKER_SKIP_CFN_LINT")), "TRACKER_SKIP_CFN_LINT=true");
        Process process;
        try {
            process = new ProcessBuilder("cfn-lint", "--format", "parseable", template.toString())
                    .redirectErrorStream(true).start();
        } catch (IOException notInstalled) {
            throw new AssertionError("cfn-lint is not on the PATH (pip install cfn-lint, or set"
                    + " TRACKER_SKIP_CFN_LINT=true to skip this check)", notInstalled);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("cfn-lint finished").isTrue();
        List<String> findings = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (!line.isBlank() && !line.contains(":" + ACCEPTED + ":")) {
                findings.add(line);
            }
        }
        return findings;
    }
}
