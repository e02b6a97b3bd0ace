package io.github.optimizationjobtracker.event;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JobNamesTest {
    private static final String ARN = "arn:aws:sagemaker:eu-west-1:123456789012:optimization-job/";

    @Test
    void theNameInsideAnArnIsReadOnlyFromAnOptimizationJobArnOfSaneLength() {
        assertThat(JobNames.fromArn(ARN + "my-job")).isEqualTo("my-job");
        assertThat(JobNames.fromArn(null)).isNull();
        assertThat(JobNames.fromArn("arn:aws:sagemaker:eu-west-1:123456789012:training-job/my-job")).isNull();
        String longest = ARN + "j".repeat(256 - ARN.length());
        assertThat(JobNames.fromArn(longest)).as("256 characters").hasSize(256 - ARN.length());
        assertThat(JobNames.fromArn(longest + "j")).as("257 characters").isNull();
    }

    @Test
    void theRegionIsReadFromAnArnOnly() {
        assertThat(JobNames.regionOf(ARN + "my-job")).isEqualTo("eu-west-1");
        assertThat(JobNames.regionOf("arn:aws-cn:sagemaker:cn-north-1:123456789012:optimization-job/j"))
                .isEqualTo("cn-north-1");
        assertThat(JobNames.regionOf("not an arn")).isNull();
        assertThat(JobNames.regionOf(null)).isNull();
    }

    @Test
    void anArnIsBuiltOnlyFromAValidRegionAndAccount() {
        assertThat(JobNames.arn("eu-west-1", "123456789012", "j")).isEqualTo(ARN + "j");
        assertThat(JobNames.arn(null, "123456789012", "j")).isNull();
        assertThat(JobNames.arn("eu-west-1", null, "j")).isNull();
        assertThat(JobNames.arn("eu-west-1", "1234", "j")).isNull();
    }

    @Test
    void untrustedTextIsQuotedPrintableBoundedAndRedacted() {
        assertThat(JobNames.quote(null)).isEqualTo("null");
        assertThat(JobNames.quote("x".repeat(80))).isEqualTo("'" + "x".repeat(80) + "'");
        assertThat(JobNames.quote("x".repeat(81))).isEqualTo("'" + "x".repeat(80) + "...'");
        assertThat(JobNames.quote("token hf_AbCdEf0123456789secretvalue")).isEqualTo("'token ***REDACTED***'");
    }

    @Test
    void aNameSageMakerWouldRefuseIsMadePrintableOrSaidToBeBlank() {
        assertThat(JobNames.printable("my_job\tv2")).isEqualTo("my_job?v2");
        assertThat(JobNames.printable("   ")).isEqualTo("(blank name)");
        assertThat(JobNames.printable("")).isEqualTo("(blank name)");
    }
}
