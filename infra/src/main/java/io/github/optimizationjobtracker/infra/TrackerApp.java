package io.github.optimizationjobtracker.infra;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;

/** CDK app: one {@link TrackerStack}, checked by cdk-nag's AWS Solutions rules on every synth. */
public final class TrackerApp {
    public static final String STACK_NAME = "OptimizationJobTracker";

    private TrackerApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        build(app);
        app.synth();
    }

    /** Adds the stack (settings from the app's context) and the cdk-nag checks; shared with the tests. */
    public static TrackerStack build(App app) {
        TrackerStack stack = new TrackerStack(app, STACK_NAME, StackProps.builder()
                .description("Optimization Job Tracker: detects SageMaker optimization job state changes, keeps their"
                        + " history in DynamoDB and alerts failures on SNS")
                .build(), TrackerSettings.fromContext(app.getNode()));
        Tags.of(app).add("project", "optimization-job-tracker");
        Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
        return stack;
    }
}
