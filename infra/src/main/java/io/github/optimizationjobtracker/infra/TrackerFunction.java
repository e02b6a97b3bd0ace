package io.github.optimizationjobtracker.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

/**
 * One of the tracker's two functions, set up the way both are: its own log group (retention from the settings,
 * written only by its role), Java 21 on arm64 with the shared memory size, SnapStart on published versions, and the
 * {@code live} alias every trigger invokes. What differs between them (handler, timeout, concurrency, environment,
 * what happens to a failed asynchronous event) is the caller's.
 */
final class TrackerFunction extends Construct {
    /** What sets a function apart; {@code name} is its logical id (the log group's is derived from it). */
    record Spec(String name, String description, String handler, int timeoutSeconds, int reservedConcurrency,
                Map<String, String> environment) {
    }

    private final Function function;
    private final Alias alias;

    TrackerFunction(Construct scope, Spec spec, Code code, Role role, TrackerSettings settings) {
        super(scope, spec.name().replace("Function", ""));
        String logGroupName = spec.name().replace("Function", "LogGroup");
        LogGroup logGroup = LogGroup.Builder.create(this, logGroupName)
                .retention(settings.logRetention())
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        LogicalIds.pin(logGroup, logGroupName);
        // The log group's Arn attribute already ends in ":*" (all its streams).
        role.addToPolicy(PolicyStatement.Builder.create().effect(Effect.ALLOW)
                .actions(List.of("logs:CreateLogStream", "logs:PutLogEvents"))
                .resources(List.of(logGroup.getLogGroupArn())).build());

        function = Function.Builder.create(this, spec.name())
                .description(spec.description())
                .runtime(Runtime.JAVA_21)
                .architecture(Architecture.ARM_64)
                .code(code)
                .handler(spec.handler())
                .memorySize(TrackerStack.MEMORY_MB)
                .timeout(Duration.seconds(spec.timeoutSeconds()))
                .reservedConcurrentExecutions(spec.reservedConcurrency())
                .role(role)
                .logGroup(logGroup)
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                .environment(spec.environment())
                .build();
        LogicalIds.pin(function, spec.name());
        // Function adds this warning whenever SnapStart is on; we do publish: currentVersion behind the live alias.
        Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                "Versions are published (currentVersion) and invoked only through the live alias");
        NagSuppressions.addResourceSuppressions(function, List.of(NagPackSuppression.builder().id("AwsSolutions-L1")
                .reason("java21 is the project's chosen LTS runtime: the function module compiles for release 21 and"
                        + " template.yaml, the local run and the SnapStart priming are built and tested on it. Moving"
                        + " to a newer Java runtime is a deliberate upgrade of all of them together.").build()));

        String aliasName = spec.name() + "Alias" + TrackerStack.ALIAS_NAME;
        alias = Alias.Builder.create(this, aliasName)
                .aliasName(TrackerStack.ALIAS_NAME)
                .version(function.getCurrentVersion())
                .build();
        LogicalIds.pin(alias, aliasName);
    }

    Function function() {
        return function;
    }

    /** The alias every trigger invokes (its version is the snapshot SnapStart restores). */
    Alias alias() {
        return alias;
    }

}
