package io.github.optimizationjobtracker.cli;

import io.github.optimizationjobtracker.store.JobHistory;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The run's connection to AWS, made on first use: one HTTP client (the functions' url-connection client), one
 * DynamoDB client with an explicit region, and a CloudFormation client only when --stack names the table.
 */
final class Connection implements AutoCloseable {
    private final ConnectionOptions options;
    private final Settings settings;
    private AwsSetup setup;
    private Region region;
    private AwsCredentialsProvider credentials;
    private SdkHttpClient http;
    private DynamoDbClient dynamoDb;
    private String table;

    Connection(ConnectionOptions options, Settings settings) {
        this.options = options;
        this.settings = settings;
    }

    Region region() {
        if (region == null) {
            region = setup().region();
        }
        return region;
    }

    /** The table's name as resolved (for messages), or null before it was. */
    String tableOrNull() {
        return table;
    }

    /** --table, else the --stack's TableName output, else TRACKER_TABLE: an explicit option beats the environment. */
    String table() {
        if (table == null) {
            if (options.table() != null) {
                table = options.table();
            } else if (options.stack() != null) {
                try (CloudFormationClient cloudFormation = configure(CloudFormationClient.builder(),
                        setup().cloudFormationEndpoint()).build()) {
                    table = StackTable.of(cloudFormation, options.stack(), region().id());
                }
            } else if (settings.variable("TRACKER_TABLE") != null) {
                table = settings.variable("TRACKER_TABLE");
            } else {
                throw TrackerException.aws("no table named: pass --table NAME, set TRACKER_TABLE, or pass --stack"
                        + " STACK (the tracker's CloudFormation stack, whose TableName output names it)");
            }
        }
        return table;
    }

    JobHistory history() {
        String name = table();
        if (dynamoDb == null) {
            dynamoDb = configure(DynamoDbClient.builder(), setup().dynamoDbEndpoint()).build();
        }
        JobHistory history = new JobHistory(dynamoDb, name);
        return settings.pageSize().isPresent() ? history.withPageSize(settings.pageSize().getAsInt()) : history;
    }

    private AwsSetup setup() {
        if (setup == null) {
            setup = new AwsSetup(options, settings);
        }
        return setup;
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(
            B builder, Optional<URI> endpoint) {
        if (credentials == null) {
            credentials = setup().credentials();
        }
        if (http == null) {
            http = UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(5))
                    .socketTimeout(Duration.ofSeconds(30)).build();
        }
        AwsProfiles profiles = setup().profiles();
        builder.region(region()).credentialsProvider(credentials).httpClient(http)
                .overrideConfiguration(o -> o.defaultProfileFile(profiles.file()).defaultProfileName(profiles.name()));
        endpoint.ifPresent(builder::endpointOverride);
        return builder;
    }

    @Override
    public void close() {
        if (dynamoDb != null) {
            dynamoDb.close();
        }
        if (http != null) {
            http.close();
        }
    }
}
