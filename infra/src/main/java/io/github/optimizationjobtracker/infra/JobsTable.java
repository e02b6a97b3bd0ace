package io.github.optimizationjobtracker.infra;

import io.github.optimizationjobtracker.store.TableLayout;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.LocalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.iam.AnyPrincipal;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.constructs.Construct;

/**
 * The tracker's one table, as {@code store/TableLayout} describes it: keys, the three indexes, TTL, point-in-time
 * recovery, deletion protection, retained when the stack goes, and a resource policy that lets no one but the two
 * functions write items. Created directly in the stack (not in a construct of its own) and with its logical id
 * fixed: the table is every job's history and must never be replaced.
 */
final class JobsTable {
    private JobsTable() {
    }

    static Table create(Construct scope, Role processorRole, Role pollerRole) {
        Table table = Table.Builder.create(scope, TrackerStack.TABLE)
                .resourcePolicy(onlyTheFunctionsWriteItems(processorRole, pollerRole))
                .partitionKey(string(TableLayout.PARTITION_KEY))
                .sortKey(string(TableLayout.SORT_KEY))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true).build())
                .deletionProtection(true)
                .removalPolicy(RemovalPolicy.RETAIN)
                .encryption(TableEncryption.AWS_MANAGED)
                .timeToLiveAttribute(TableLayout.EXPIRES_AT)
                .build();
        table.addLocalSecondaryIndex(LocalSecondaryIndexProps.builder()
                .indexName(TableLayout.HISTORY_BY_TIME_INDEX)
                .sortKey(string(TableLayout.HISTORY_TIME))
                .projectionType(ProjectionType.ALL)
                .build());
        table.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                .indexName(TableLayout.JOBS_BY_STATUS_INDEX)
                .partitionKey(string(TableLayout.CURRENT_STATUS))
                .sortKey(string(TableLayout.LAST_MODIFIED_TIME))
                .projectionType(ProjectionType.ALL)
                .build());
        table.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                .indexName(TableLayout.JOBS_BY_CREATION_INDEX)
                .partitionKey(string(TableLayout.CREATION_YEAR))
                .sortKey(string(TableLayout.CREATION_TIME))
                .projectionType(ProjectionType.ALL)
                .build());
        ((CfnResource) table.getNode().getDefaultChild()).overrideLogicalId(TrackerStack.TABLE);
        return table;
    }

    /**
     * The table's items are the tracker's memory: a forged current record could hide a job, a forged alert claim
     * could silence one. Whatever their IAM permissions, no principal but the two functions writes items.
     */
    private static PolicyDocument onlyTheFunctionsWriteItems(Role processorRole, Role pollerRole) {
        return PolicyDocument.Builder.create().statements(List.of(PolicyStatement.Builder.create()
                .sid("OnlyTheTrackersFunctionsWriteItems")
                .effect(Effect.DENY)
                .principals(List.of(new AnyPrincipal()))
                .actions(TrackerStack.TABLE_WRITE_ACTIONS)
                .resources(List.of("*"))
                .conditions(Map.of("ArnNotEquals", Map.of("aws:PrincipalArn",
                        List.of(processorRole.getRoleArn(), pollerRole.getRoleArn()))))
                .build())).build();
    }

    private static Attribute string(String name) {
        return Attribute.builder().name(name).type(AttributeType.STRING).build();
    }
}
