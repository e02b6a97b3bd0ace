package io.github.optimizationjobtracker.infra;

import software.amazon.awscdk.CfnResource;
import software.constructs.IConstruct;

/**
 * Fixes the logical id of a construct's CloudFormation resource to the name template.yaml and deployed stacks use,
 * so that where a resource sits among the stack's constructs never decides its id (and never replaces it).
 */
final class LogicalIds {
    private LogicalIds() {
    }

    static <T extends IConstruct> T pin(T construct, String logicalId) {
        ((CfnResource) construct.getNode().getDefaultChild()).overrideLogicalId(logicalId);
        return construct;
    }
}
