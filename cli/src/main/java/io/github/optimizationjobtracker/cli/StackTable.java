package io.github.optimizationjobtracker.cli;

import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Stack;

/** The table a tracker stack created: its {@code TableName} output (CDK and SAM stacks both have one). */
final class StackTable {
    static final String OUTPUT = "TableName";

    private StackTable() {
    }

    static String of(CloudFormationClient cloudFormation, String stack, String region) {
        Stack found;
        try {
            found = cloudFormation.describeStacks(r -> r.stackName(stack)).stacks().stream().findFirst()
                    .orElseThrow(() -> notFound(stack, region, null));
        } catch (CloudFormationException e) {
            boolean missing = e.awsErrorDetails() != null && "ValidationError".equals(e.awsErrorDetails().errorCode())
                    && String.valueOf(e.awsErrorDetails().errorMessage()).contains("does not exist");
            if (missing) {
                throw notFound(stack, region, e);
            }
            throw e;
        }
        return found.outputs().stream().filter(o -> OUTPUT.equals(o.outputKey())).map(Output::outputValue)
                .findFirst()
                .orElseThrow(() -> TrackerException.aws("stack " + stack + " (" + region + ") has no " + OUTPUT
                        + " output: is it the tracker's stack? Pass --table NAME instead"));
    }

    private static TrackerException notFound(String stack, String region, Throwable cause) {
        return TrackerException.aws("stack " + stack + " not found in " + region
                + ": check --stack, or pass the stack's --region", cause);
    }
}
