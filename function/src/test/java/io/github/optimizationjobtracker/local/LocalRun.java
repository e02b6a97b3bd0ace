package io.github.optimizationjobtracker.local;

import io.github.optimizationjobtracker.clients.AwsClients;
import io.github.optimizationjobtracker.config.ConfigurationException;
import io.github.optimizationjobtracker.config.EnvironmentVariables;
import io.github.optimizationjobtracker.config.PollerConfig;
import io.github.optimizationjobtracker.poller.PollerFactory;
import io.github.optimizationjobtracker.poller.PollerHandler;
import io.github.optimizationjobtracker.config.ProcessorConfig;
import io.github.optimizationjobtracker.event.EventParser;
import io.github.optimizationjobtracker.event.JobEvent;
import io.github.optimizationjobtracker.event.RejectedEventException;
import io.github.optimizationjobtracker.event.DeliveredEvent;
import io.github.optimizationjobtracker.metrics.RecordingMetrics;
import io.github.optimizationjobtracker.processor.ProcessorFactory;
import io.github.optimizationjobtracker.processor.ProcessorHandler;
import io.github.optimizationjobtracker.store.JobHistory;
import io.github.optimizationjobtracker.store.JobStore;
import io.github.optimizationjobtracker.store.RejectedCreates;
import io.github.optimizationjobtracker.store.TableLayout;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The main job, locally: sends sample events through the real processor handler against local stand-ins for
 * DynamoDB, SNS/SQS and SageMaker, then shows what was stored and the alert exactly as a subscriber receives it.
 * No AWS account needed. See {@link #USAGE}.
 */
public final class LocalRun {
    static final String USAGE = """
            usage: LocalRun [options] <event> [<event> ...]
              <event>            a sample event: a name in events/ (state-change-failed) or a path
              --keep-running     leave the stand-ins running afterwards, for AWS CLI queries (Ctrl-C stops them)
              --fixed-ports      start the stand-ins on the ports events/sam-env.json names (DynamoDB 4567, SNS 4566,
                                 SageMaker 8089, EventBridge 8090), for sam local invoke
              --dynamodb URL     use a DynamoDB stand-in that is already running (or TRACKER_ENDPOINT_DYNAMODB)
              --sns URL          use an SNS/SQS stand-in that is already running (or TRACKER_ENDPOINT_SNS)
              --sagemaker URL    use a SageMaker stand-in that is already running (or TRACKER_ENDPOINT_SAGEMAKER)
              --poll             first run one poll: ListOptimizationJobs on the SageMaker stand-in (events/sagemaker/list),
                                 PutEvents to the EventBridge stand-in, then route every emitted event into the processor
              --full             print everything as stored and delivered: the SageMaker document in the current
                                 record, long texts uncut (by default the printout fits a 100-column terminal)
              --help             this text

            The functions' configuration variables (ALERT_STATUSES, CREATE_REJECTION_ALERT_CODES, STORM_THRESHOLD,
            STORM_WINDOW_MINUTES, HISTORY_RETENTION_DAYS, POLL_BACKFILL_HOURS, POLL_OVERLAP_SECONDS, POLL_PAGE_SIZE)
            are read from the environment and checked exactly as the Lambda functions check them.

            exit codes: 0 every event processed; 1 an event was rejected or failed (in AWS: retried, then parked in
            the dead-letter queue); 2 a usage or configuration error; 3 a stand-in could not be started or reached
            """;

    /** Exit codes (see {@link #USAGE}). */
    static final int PROCESSED = 0;
    static final int SOME_EVENT_FAILED = 1;
    static final int USAGE_ERROR = 2;
    static final int STAND_IN_UNAVAILABLE = 3;

    private static final String POLLED = "Event emitted by the poller: ";

    private LocalRun() {
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (HelpRequested e) {
            System.out.print(USAGE);
            System.exit(PROCESSED);
            return;
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            System.exit(USAGE_ERROR);
            return;
        }
        System.exit(run(options, System.getenv()));
    }

    /**
     * Everything a newcomer can get wrong is checked before any stand-in starts: the events named, the
     * configuration (with the Lambda's own checks and message), and endpoints left over from an earlier run.
     */
    static int run(Options options, Map<String, String> environment) throws Exception {
        RepositoryLayout layout = RepositoryLayout.find();
        List<Path> eventFiles = new ArrayList<>();
        for (String eventArgument : options.events) {
            Optional<Path> file = layout.findEvent(eventArgument);
            if (file.isEmpty()) {
                System.err.println("No sample event '" + eventArgument + "'. Available: "
                        + String.join(", ", layout.sampleEventNames()) + " (or a path to a JSON file).");
                return USAGE_ERROR;
            }
            eventFiles.add(file.get());
        }
        Map<String, String> settings = LocalEnvironment.settingsFrom(environment);
        try {
            LocalEnvironment placeholder = new LocalEnvironment("http://localhost:1", "http://localhost:1",
                    "http://localhost:1", "http://localhost:1", "http://localhost:1");
            ProcessorConfig.fromEnvironment(placeholder.processorVariables(settings));
            PollerConfig.fromEnvironment(placeholder.pollerVariables(settings));
        } catch (ConfigurationException e) {
            System.err.println(e.getMessage());
            return USAGE_ERROR;
        }
        StandIns standIns = null;
        LocalEnvironment env;
        if (options.dynamoDb == null) {
            section("Starting stand-ins (dynalite: DynamoDB, fauxqs: SNS+SQS, WireMock: SageMaker and EventBridge)");
            try {
                standIns = StandIns.start(layout, options.fixedPorts);
            } catch (RuntimeException e) {
                System.err.println("The stand-ins did not start: " + e.getMessage());
                return STAND_IN_UNAVAILABLE;
            }
            env = standIns.environment();
        } else {
            env = new LocalEnvironment(options.dynamoDb, options.sns, options.sns, options.sageMaker, null);
            Optional<String> unreachable = options.unreachableEndpoint();
            if (unreachable.isPresent()) {
                System.err.println(unreachable.get());
                return STAND_IN_UNAVAILABLE;
            }
        }
        System.out.printf("DynamoDB  %s%nSNS/SQS   %s%nSageMaker %s%n", env.dynamoDb(), env.sns(), env.sageMaker());
        if (env.eventBridge() != null) {
            System.out.printf("EventBridge %s%n", env.eventBridge());
        }
        int failures = 0;
        try (DynamoDbClient dynamoDb = env.dynamoDbClient(); SnsClient sns = env.snsClient();
             SqsClient sqs = env.sqsClient()) {
            LocalResources.createTable(dynamoDb, LocalEnvironment.TABLE);
            String queueUrl = LocalResources.createTopicWithInbox(sns, sqs, LocalEnvironment.TOPIC,
                    LocalEnvironment.ALERT_QUEUE);
            RecordingMetrics metrics = new RecordingMetrics();
            ProcessorConfig config = ProcessorConfig.fromEnvironment(env.processorVariables(settings));
            ProcessorHandler handler = new ProcessorHandler(
                    ProcessorFactory.create(config, LocalEnvironment.CREDENTIALS, metrics), metrics);
            Set<String> jobs = new LinkedHashSet<>();
            List<Map.Entry<String, byte[]>> events = new ArrayList<>();
            if (options.poll) {
                events.addAll(poll(env, standIns, metrics, settings));
            }
            for (Path file : eventFiles) {
                events.add(Map.entry("Event " + layout.root().relativize(file.toAbsolutePath()), Files.readAllBytes(file)));
            }
            for (Map.Entry<String, byte[]> labelled : events) {
                byte[] event = labelled.getValue();
                section(labelled.getKey());
                for (byte[] bytes : delivered(labelled.getKey(), event)) {
                    describeEvent(bytes).ifPresent(jobs::add);
                    ByteArrayOutputStream output = new ByteArrayOutputStream();
                    try {
                        handler.handleRequest(new ByteArrayInputStream(bytes), output, new LocalContext("processor", 30));
                        String result = output.toString(StandardCharsets.UTF_8);
                        System.out.println("Processor result: " + result);
                        missingFixture(layout, result).ifPresent(System.out::println);
                        if (labelled.getKey().startsWith(POLLED) && result.contains("\"alert\":\"NONE\"")) {
                            // keep a poll's printout short: show the stored record of jobs that alerted
                            jobs.remove(describeJob(event));
                        }
                    } catch (RejectedEventException e) {
                        failures++;
                        System.out.println("REJECTED (in AWS: retried, then parked in the dead-letter queue): " + e.getMessage());
                    } catch (RuntimeException e) {
                        failures++;
                        System.out.println("FAILED (in AWS: Lambda retries it, then the dead-letter queue): " + e);
                    }
                }
            }
            JobHistory queries = new JobHistory(dynamoDb, LocalEnvironment.TABLE);
            for (String job : jobs) {
                showJob(queries, job, options.printout());
            }
            showAlerts(new AlertInbox(sqs, queueUrl).drain(), options.printout());
            section("Metrics recorded");
            metrics.snapshot().forEach((name, value) -> System.out.printf("  %-40s %s%n", name, value.longValue()));
            if (options.keepRunning && standIns != null) {
                keepRunning(env);
            }
        } finally {
            if (standIns != null) {
                standIns.close();
            }
        }
        return failures == 0 ? PROCESSED : SOME_EVENT_FAILED;
    }

    /**
     * When the processor recorded nothing because the SageMaker stand-in does not know the job: which file would
     * describe it. (In AWS, SageMaker not knowing the job means it was deleted, or never existed.)
     */
    static java.util.Optional<String> missingFixture(RepositoryLayout layout, String result) {
        var output = io.github.optimizationjobtracker.json.Json.parse(result.getBytes(StandardCharsets.UTF_8));
        String job = io.github.optimizationjobtracker.json.Json.text(output, "jobName");
        if (!output.path("status").isNull() || job == null
                || !io.github.optimizationjobtracker.event.JobNames.isValid(job)) {
            return java.util.Optional.empty();
        }
        Path fixture = layout.describeFixtures().resolve(job + ".json");
        return Files.exists(fixture) ? java.util.Optional.empty() : java.util.Optional.of("Nothing recorded: the"
                + " SageMaker stand-in does not know " + job + ". To describe it, add "
                + layout.root().relativize(fixture.toAbsolutePath()) + " (a DescribeOptimizationJob response; copy one"
                + " next to it).");
    }

    /** Runs one poll and returns the events it put on the (stand-in) bus, labelled for printing. */
    private static List<Map.Entry<String, byte[]>> poll(LocalEnvironment env, StandIns standIns, RecordingMetrics metrics,
                                                        Map<String, String> settings) throws java.io.IOException {
        section("Poll: ListOptimizationJobs on the SageMaker stand-in, PutEvents to the EventBridge stand-in");
        Map<String, String> variables = new java.util.HashMap<>(env.pollerVariables(settings));
        // small pages show the paging; the fixtures' dates are fixed, so only the whole history reaches them
        variables.putIfAbsent(EnvironmentVariables.POLL_PAGE_SIZE, "3");
        variables.putIfAbsent(EnvironmentVariables.POLL_BACKFILL_HOURS, "ALL");
        PollerConfig config = PollerConfig.fromEnvironment(variables);
        PollerHandler poller = new PollerHandler(PollerFactory.create(config,
                new AwsClients(config.region(), LocalEnvironment.CREDENTIALS, config.endpoints()), metrics,
                java.time.Clock.systemUTC(), PollerFactory.SAFETY_MARGIN, 100), metrics);
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        poller.handleRequest(new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)), output,
                new LocalContext("poller", 90));
        System.out.println("Poll result: " + output.toString(StandardCharsets.UTF_8));
        List<Map.Entry<String, byte[]>> emitted = new ArrayList<>();
        for (String event : standIns.eventBridge().drain()) {
            var detail = io.github.optimizationjobtracker.json.Json.parse(event.getBytes(StandardCharsets.UTF_8)).get("detail");
            String label = POLLED + detail.get("OptimizationJobName").asText() + " "
                    + detail.get("OptimizationJobStatus").asText();
            System.out.println("  " + label.substring(POLLED.length()));
            emitted.add(Map.entry(label, event.getBytes(StandardCharsets.UTF_8)));
        }
        return emitted;
    }

    /**
     * What the stack's rules deliver for the event (the tracker's events are put on its own bus, AWS's on the
     * default bus). An event no rule matches never reaches the processor in AWS; it is then delivered as it is,
     * as {@code sam local invoke} or a direct invocation would, to show what the processor makes of it.
     */
    private static List<byte[]> delivered(String label, byte[] event) {
        String text = new String(event, StandardCharsets.UTF_8);
        List<EventBridgeRules.Delivery> routed;
        try {
            routed = label.startsWith(POLLED)
                    ? EventBridgeRules.route(io.github.optimizationjobtracker.event.EventRoutes.Bus.TRACKER, text)
                    : EventBridgeRules.route(EventBridgeRules.busOf(text), text);
        } catch (RuntimeException notJson) {
            routed = List.of();
        }
        if (routed.isEmpty()) {
            System.out.println("No rule of the stack matches this event: in AWS it never reaches the processor."
                    + " Delivering it directly, as sam local invoke would.");
            return List.of(event);
        }
        List<byte[]> inputs = new ArrayList<>();
        for (EventBridgeRules.Delivery delivery : routed) {
            System.out.println("Delivered by rule " + delivery.route().name() + " ("
                    + (delivery.route().bus() == io.github.optimizationjobtracker.event.EventRoutes.Bus.TRACKER
                    ? "tracker bus" : "default bus") + (delivery.route().transformer() == null ? ""
                    : ", through its input transformer") + ")");
            inputs.add(delivery.input());
        }
        return inputs;
    }

    private static String describeJob(byte[] bytes) {
        return io.github.optimizationjobtracker.json.Json.parse(bytes).get("detail").get("OptimizationJobName").asText();
    }

    /** Prints what the parser makes of the event (or nothing if it will be rejected); returns the job name. */
    private static java.util.Optional<String> describeEvent(byte[] bytes) {
        try {
            JobEvent parsed = new EventParser(java.time.Clock.systemUTC()).parse(DeliveredEvent.read(bytes));
            System.out.printf("Parsed: id=%s source=%s route=%s kind=%s job=%s reportedStatus=%s time=%s%s%s%n",
                    parsed.eventId(), parsed.source(), parsed.route().label(), parsed.kind(), parsed.jobName(),
                    parsed.reportedStatus(), parsed.eventTime(), parsed.initiator() == null ? "" : " initiator=" + parsed.initiator(),
                    parsed.callError() == null ? "" : " apiError=" + parsed.callError().describe());
            return java.util.Optional.of(parsed.jobName());
        } catch (RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    private static void showJob(JobHistory queries, String job, Printout printout) {
        section("Current record of " + job + " (GetItem, RecordKey=CURRENT)");
        queries.currentRecord(job).ifPresentOrElse(item -> {
            var json = Items.toJson(item);
            if (!printout.full()) {
                json.remove(JobStore.JOB_DOCUMENT);
            }
            System.out.println(printout.json(json));
        }, () -> System.out.println("(none)"));
        section("History of " + job + " (Query " + TableLayout.HISTORY_BY_TIME_INDEX + ")");
        for (Map<String, AttributeValue> entry : queries.history(job)) {
            System.out.printf("  %s  %-10s  %s%s%n", entry.get(TableLayout.HISTORY_TIME).s(),
                    entry.get(JobStore.STATUS).s(), entry.get(JobStore.EVENT_ORIGIN).s(),
                    printout.full() ? "  event " + entry.get(JobStore.EVENT_ID).s() : "");
        }
        List<Map<String, AttributeValue>> rejected = queries.rejectedCreates(job);
        if (!rejected.isEmpty()) {
            section("Rejected CreateOptimizationJob calls for " + job + " (Query RecordKey begins_with "
                    + TableLayout.REJECTED_CREATE_PREFIX + ")");
            for (Map<String, AttributeValue> item : rejected) {
                System.out.printf("  %s  %-22s  %s%n", item.get(TableLayout.LAST_MODIFIED_TIME).s(),
                        item.get(RejectedCreates.ERROR_CODE).s(), item.get(RejectedCreates.ALERT_DECISION).s());
            }
        }
    }

    private static void showAlerts(List<AlertInbox.ReceivedAlert> alerts, Printout printout) {
        section("Alerts received by the SQS subscriber of the topic: " + alerts.size());
        for (AlertInbox.ReceivedAlert alert : alerts) {
            System.out.println("Subject: " + alert.subject());
            System.out.println("Message attributes:");
            alert.attributes().forEach((name, value) -> System.out.println("  " + name + " = " + value));
            System.out.println("Body delivered to SQS/Lambda/HTTPS subscribers (JSON):");
            System.out.println(printout.json(alert.json()));
            System.out.println("Body delivered to e-mail subscribers (text)" + (printout.full() ? ":"
                    : ", long lines wrapped here (--full prints it as sent):"));
            System.out.println(printout.wrapped(alert.emailText().indent(4)));
        }
    }

    private static void keepRunning(LocalEnvironment env) throws InterruptedException {
        section("Stand-ins left running; press Ctrl-C to stop them");
        System.out.printf("""
                export AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local AWS_DEFAULT_REGION=%s
                export %s=%s %s=%s %s=%s
                aws dynamodb get-item --endpoint-url %s --table-name %s \\
                    --key '{"JobName":{"S":"llama3-8b-spec-decoding"},"RecordKey":{"S":"CURRENT"}}'
                # ask the history with the tracker command line (build it once: mvn -B -q -DskipTests package):
                ./tracker --endpoint-url %s --table %s show llama3-8b-spec-decoding
                ./tracker --endpoint-url %s --table %s list --status FAILED --since 30d
                # process more events against these stand-ins (the exported variables above point this run at them):
                ./local-run state-change-completed
                # when these stand-ins are stopped, unset the variables again:
                unset %s %s %s
                """, LocalEnvironment.REGION, EnvironmentVariables.ENDPOINT_DYNAMODB, env.dynamoDb(),
                EnvironmentVariables.ENDPOINT_SNS, env.sns(), EnvironmentVariables.ENDPOINT_SAGEMAKER, env.sageMaker(),
                env.dynamoDb(), LocalEnvironment.TABLE, env.dynamoDb(), LocalEnvironment.TABLE, env.dynamoDb(),
                LocalEnvironment.TABLE, EnvironmentVariables.ENDPOINT_DYNAMODB, EnvironmentVariables.ENDPOINT_SNS,
                EnvironmentVariables.ENDPOINT_SAGEMAKER);
        new CountDownLatch(1).await();
    }

    private static void section(String title) {
        System.out.println();
        System.out.println("== " + title);
    }

    /** Command-line options; endpoints fall back to the TRACKER_ENDPOINT_* environment variables. */
    static final class Options {
        final List<String> events = new ArrayList<>();
        boolean keepRunning;
        boolean full;
        boolean poll;
        boolean fixedPorts;
        String dynamoDb = System.getenv(EnvironmentVariables.ENDPOINT_DYNAMODB);
        String sns = System.getenv(EnvironmentVariables.ENDPOINT_SNS);
        String sageMaker = System.getenv(EnvironmentVariables.ENDPOINT_SAGEMAKER);

        static Options parse(String[] args) {
            Options options = new Options();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--keep-running" -> options.keepRunning = true;
                    case "--full" -> options.full = true;
                    case "--poll" -> options.poll = true;
                    case "--fixed-ports" -> options.fixedPorts = true;
                    case "--dynamodb" -> options.dynamoDb = value(args, ++i);
                    case "--sns" -> options.sns = value(args, ++i);
                    case "--sagemaker" -> options.sageMaker = value(args, ++i);
                    case "-h", "--help" -> throw new HelpRequested();
                    default -> {
                        if (args[i].startsWith("--")) {
                            throw new IllegalArgumentException("unknown option " + args[i]);
                        }
                        options.events.add(args[i]);
                    }
                }
            }
            if (options.events.isEmpty() && !options.poll) {
                throw new IllegalArgumentException("name at least one event, e.g. state-change-failed, or --poll");
            }
            boolean anyEndpoint = options.dynamoDb != null || options.sns != null || options.sageMaker != null;
            if (anyEndpoint && options.poll) {
                throw new IllegalArgumentException("--poll routes events through this run's own stand-ins; "
                        + "leave out --dynamodb, --sns and --sagemaker");
            }
            boolean allEndpoints = options.dynamoDb != null && options.sns != null && options.sageMaker != null;
            if (anyEndpoint && !allEndpoints) {
                throw new IllegalArgumentException("give all three of --dynamodb, --sns and --sagemaker, or none");
            }
            return options;
        }

        Printout printout() {
            return new Printout(full);
        }

        /** Endpoints given (or left exported) for stand-ins that no longer run: say so, before any call fails. */
        Optional<String> unreachableEndpoint() {
            for (Map.Entry<String, String> endpoint : List.of(
                    Map.entry(EnvironmentVariables.ENDPOINT_DYNAMODB + " / --dynamodb", dynamoDb),
                    Map.entry(EnvironmentVariables.ENDPOINT_SNS + " / --sns", sns),
                    Map.entry(EnvironmentVariables.ENDPOINT_SAGEMAKER + " / --sagemaker", sageMaker))) {
                if (!answers(endpoint.getValue())) {
                    return Optional.of("Nothing answers at " + endpoint.getValue() + " (" + endpoint.getKey() + "): the"
                            + " stand-ins of an earlier --keep-running run have stopped. Start new ones by unsetting "
                            + EnvironmentVariables.ENDPOINT_DYNAMODB + ", " + EnvironmentVariables.ENDPOINT_SNS + " and "
                            + EnvironmentVariables.ENDPOINT_SAGEMAKER + ".");
                }
            }
            return Optional.empty();
        }

        private static boolean answers(String url) {
            try {
                java.net.URI uri = java.net.URI.create(url);
                if (uri.getHost() == null || uri.getPort() < 0) {
                    return false;
                }
                try (java.net.Socket socket = new java.net.Socket()) {
                    socket.connect(new java.net.InetSocketAddress(uri.getHost(), uri.getPort()), 2000);
                    return true;
                }
            } catch (IllegalArgumentException | java.io.IOException e) {
                return false;
            }
        }

        private static String value(String[] args, int i) {
            if (i >= args.length) {
                throw new IllegalArgumentException(args[i - 1] + " needs a URL");
            }
            return args[i];
        }
    }

    /** {@code --help}: the usage goes to standard output and the run ends well. */
    static final class HelpRequested extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        HelpRequested() {
            super("help");
        }
    }
}
