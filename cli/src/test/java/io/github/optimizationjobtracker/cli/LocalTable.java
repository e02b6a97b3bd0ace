package io.github.optimizationjobtracker.cli;

import io.github.optimizationjobtracker.local.LocalResources;
import io.github.optimizationjobtracker.local.NodeProcess;
import io.github.optimizationjobtracker.local.RepositoryLayout;
import io.github.optimizationjobtracker.local.StandIns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * One dynalite per test JVM, started as the functions' stand-ins start it, with the table created exactly as the
 * stack creates it (LocalResources) and {@link SeededJobs} written into it. The tests only read it, so they may
 * run in any order, and again.
 */
final class LocalTable {
    static final String TABLE = "optimization-jobs";
    private static LocalTable instance;

    private final String endpoint;

    private LocalTable(String endpoint) {
        this.endpoint = endpoint;
    }

    static synchronized LocalTable get() {
        if (instance == null) {
            RepositoryLayout layout = RepositoryLayout.find();
            NodeProcess dynalite;
            try {
                dynalite = StandIns.startDynalite(layout, false);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(dynalite::close));
            try (DynamoDbClient dynamoDb = DynamoDbClient.builder().region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                    .httpClient(UrlConnectionHttpClient.create()).endpointOverride(URI.create(dynalite.endpoint()))
                    .build()) {
                LocalResources.createTable(dynamoDb, TABLE);
                new SeededJobs(dynamoDb, TABLE).writeAll(layout.root());
            }
            instance = new LocalTable(dynalite.endpoint());
        }
        return instance;
    }

    String endpoint() {
        return endpoint;
    }
}
