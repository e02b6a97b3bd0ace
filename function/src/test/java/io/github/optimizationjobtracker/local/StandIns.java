package io.github.optimizationjobtracker.local;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The local stand-ins for AWS, all on loopback: dynalite (DynamoDB), fauxqs (SNS and SQS), and WireMock
 * speaking SageMaker's and EventBridge's JSON protocols. Started by the local run and by the integration tests; stopped on close.
 */
public final class StandIns implements AutoCloseable {
    private final NodeProcess dynalite;
    private final NodeProcess fauxqs;
    private final SageMakerStandIn sageMaker;
    private final EventBridgeStandIn eventBridge;

    private StandIns(NodeProcess dynalite, NodeProcess fauxqs, SageMakerStandIn sageMaker,
                     EventBridgeStandIn eventBridge) {
        this.dynalite = dynalite;
        this.fauxqs = fauxqs;
        this.sageMaker = sageMaker;
        this.eventBridge = eventBridge;
    }

    /** Ports used with {@code --fixed-ports}: the ones events/sam-env.json points {@code sam local invoke} at. */
    public static final int DYNAMODB_PORT = 4567;
    public static final int SNS_PORT = 4566;
    public static final int SAGEMAKER_PORT = 8089;
    public static final int EVENTBRIDGE_PORT = 8090;

    public static StandIns start(RepositoryLayout layout) throws IOException {
        return start(layout, false);
    }

    /** Starts every stand-in, on free ports or on the fixed ones that events/sam-env.json names. */
    public static StandIns start(RepositoryLayout layout, boolean fixedPorts) throws IOException {
        NodeProcess dynalite = startDynalite(layout, fixedPorts);
        NodeProcess fauxqs = null;
        try {
            int snsPort = fixedPorts ? SNS_PORT : NodeProcess.freePort();
            fauxqs = NodeProcess.start("fauxqs", layout.nodeScript("fauxqs", "dist/cli.js"), List.of(),
                    Map.of("FAUXQS_PORT", Integer.toString(snsPort), "FAUXQS_HOST", "127.0.0.1",
                            "FAUXQS_LOGGER", "false", "FAUXQS_DEFAULT_REGION", LocalEnvironment.REGION),
                    snsPort);
            SageMakerStandIn sageMaker = new SageMakerStandIn(fixedPorts ? SAGEMAKER_PORT : 0)
                    .serveDescribeFixtures(layout.describeFixtures()).serveListFixtures(layout.listFixtures());
            return new StandIns(dynalite, fauxqs, sageMaker, new EventBridgeStandIn(fixedPorts ? EVENTBRIDGE_PORT : 0));
        } catch (IOException | RuntimeException e) {
            dynalite.close();
            if (fauxqs != null) {
                fauxqs.close();
            }
            throw e;
        }
    }

    /**
     * dynalite alone, as every stand-in set starts it: for tests that read and write the table and need nothing else
     * (the tracker command line's). The caller closes it.
     */
    public static NodeProcess startDynalite(RepositoryLayout layout, boolean fixedPorts) throws IOException {
        int dynamoPort = fixedPorts ? DYNAMODB_PORT : NodeProcess.freePort();
        return NodeProcess.start("dynalite", layout.nodeScript("dynalite", "cli.js"),
                List.of("--port", Integer.toString(dynamoPort), "--host", fixedPorts ? "0.0.0.0" : "127.0.0.1",
                        "--createTableMs", "0",
                        "--deleteTableMs", "0", "--updateTableMs", "0"),
                Map.of(), dynamoPort);
    }

    public LocalEnvironment environment() {
        return new LocalEnvironment(dynalite.endpoint(), fauxqs.endpoint(), fauxqs.endpoint(), sageMaker.endpoint(),
                eventBridge.endpoint());
    }

    /** Every stand-in as it was started: what one test did cannot change what the next one sees. */
    public void reset() {
        sageMaker.reset();
        eventBridge.reset();
    }

    public SageMakerStandIn sageMaker() {
        return sageMaker;
    }

    public EventBridgeStandIn eventBridge() {
        return eventBridge;
    }

    @Override
    public void close() {
        eventBridge.close();
        sageMaker.close();
        fauxqs.close();
        dynalite.close();
    }
}
