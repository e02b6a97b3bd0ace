package io.github.optimizationjobtracker.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.optimizationjobtracker.classification.FailureCategory;
import io.github.optimizationjobtracker.event.EventContract;
import io.github.optimizationjobtracker.event.JobEvent;
import io.github.optimizationjobtracker.job.OptimizationJob;
import io.github.optimizationjobtracker.json.Json;
import io.github.optimizationjobtracker.store.JobStore;
import io.github.optimizationjobtracker.store.RejectedCreates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ForkJoinPool;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The jobs every CLI test reads, written through the functions' own JobStore and RejectedCreates, so the items are
 * exactly what the processor stores. Deterministic: every fact follows from the job's number by the rules below,
 * so the expected output can be worked out by hand (the golden files were checked that way).
 *
 * <p>Generated job {@code i} (0 to 219): created {@link #NEWEST_CREATION} minus i × 47 hours; named
 * {@code MODEL-TYPE-iii} (model i mod 5, optimization types i mod 6); instance type i mod 4; status by i mod 10
 * (0–4 and 9 COMPLETED, 5–7 FAILED, 8 STOPPED) except job 0 (STARTING) and job 1 (INPROGRESS). It is seen STARTING
 * a minute after creation, INPROGRESS at its start (3 + i mod 7 minutes after creation), and in its last status at
 * its end, 20 + (37 × i) mod 180 minutes after its start (a STOPPED job also STOPPING two minutes before). A FAILED
 * job with i mod 20 = 15 fails from STARTING, four minutes after creation, for lack of capacity; the other failures
 * are GPU_MEMORY, CONTAINER_ERROR, PERMISSIONS by (i / 10) mod 3. Jobs with i mod 3 = 0 were created by alice (a
 * CloudTrail create). Then a few jobs by hand: see {@link #handMade}.
 */
final class SeededJobs {
    /** The tests' "now". */
    static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    static final Instant NEWEST_CREATION = Instant.parse("2026-11-30T09:00:00Z");
    static final int GENERATED = 220;
    static final String ALICE = "arn:aws:sts::123456789012:assumed-role/MLPlatform/alice";
    static final String BOB = "arn:aws:sts::123456789012:assumed-role/MLPlatform/bob";

    private static final String[] MODELS = {"llama3-8b", "mistral-7b", "qwen2-72b", "phi3-mini", "gemma2-9b"};
    private static final String[] INSTANCES = {"ml.g5.12xlarge", "ml.g5.48xlarge", "ml.p4d.24xlarge",
            "ml.inf2.48xlarge"};
    /** Optimization configs by i mod 6, and the name's middle part. */
    private static final String[][] CONFIGS = {{"awq", "ModelQuantizationConfig"}, {"neuron", "ModelCompilationConfig"},
            {"eagle", "ModelSpeculativeDecodingConfig"}, {"awq-compiled", "ModelQuantizationConfig",
            "ModelCompilationConfig"}, {"tp8", "ModelShardingConfig"}, {"fp8", "ModelQuantizationConfig"}};
    private static final FailureCategory[] FAILURES = {FailureCategory.GPU_MEMORY, FailureCategory.CONTAINER_ERROR,
            FailureCategory.PERMISSIONS};

    private final JobStore store;
    private final RejectedCreates rejected;

    SeededJobs(DynamoDbClient dynamoDb, String table) {
        this.store = new JobStore(dynamoDb, table, Duration.ZERO);
        this.rejected = new RejectedCreates(dynamoDb, table, Duration.ZERO);
    }

    /** Writes every job; jobs in parallel (each job's sightings in order), for speed. */
    void writeAll(Path repositoryRoot) {
        List<Runnable> jobs = new ArrayList<>();
        for (int i = 0; i < GENERATED; i++) {
            int number = i;
            jobs.add(() -> generated(number));
        }
        jobs.addAll(handMade(repositoryRoot));
        ForkJoinPool pool = new ForkJoinPool(4);
        try {
            pool.submit(() -> jobs.parallelStream().forEach(Runnable::run)).join();
        } finally {
            pool.shutdown();
        }
    }

    static String generatedName(int i) {
        return MODELS[i % 5] + "-" + CONFIGS[i % 6][0] + "-" + String.format("%03d", i);
    }

    private void generated(int i) {
        String name = generatedName(i);
        Instant created = NEWEST_CREATION.minus(Duration.ofHours(47L * i));
        Instant started = created.plus(Duration.ofMinutes(3 + i % 7));
        Instant ended = started.plus(Duration.ofMinutes(20 + (37L * i) % 180));
        String last = i == 0 ? "STARTING" : i == 1 ? "INPROGRESS" : switch (i % 10) {
            case 5, 6, 7 -> "FAILED";
            case 8 -> "STOPPED";
            default -> "COMPLETED";
        };
        Job job = new Job(name, "us-west-2", created, INSTANCES[i % 4],
                i % 2 == 0 ? "s3://acme-models/" + MODELS[i % 5] + "/" : null,
                i % 2 == 0 ? null : MODELS[i % 5] + "-ft", configs(i));
        Optional<String> creator = i % 3 == 0 ? Optional.of(ALICE) : Optional.empty();
        boolean failsEarly = last.equals("FAILED") && i % 20 == 15;
        see(job, "STARTING", created.plus(Duration.ofMinutes(1)), null, null, null, null, creator);
        if (last.equals("STARTING")) {
            return;
        }
        if (failsEarly) {
            Instant failed = created.plus(Duration.ofMinutes(4));
            see(job, "FAILED", failed, null, failed, "InsufficientCapacityError: no " + job.instanceType
                    + " capacity in us-west-2 right now; try again later or another instance type",
                    FailureCategory.CAPACITY, Optional.empty());
            return;
        }
        see(job, "INPROGRESS", started, started, null, null, null, Optional.empty());
        switch (last) {
            case "COMPLETED" -> see(job, "COMPLETED", ended, started, ended, null, null, Optional.empty());
            case "STOPPED" -> {
                see(job, "STOPPING", ended.minus(Duration.ofMinutes(2)), started, null, null, null, Optional.empty());
                see(job, "STOPPED", ended, started, ended, null, null, Optional.empty());
            }
            case "FAILED" -> {
                FailureCategory category = FAILURES[(i / 10) % 3];
                see(job, "FAILED", ended, started, ended, reason(category, job), category, Optional.empty());
            }
            default -> { }
        }
    }

    private static String reason(FailureCategory category, Job job) {
        return switch (category) {
            case GPU_MEMORY -> "torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB on "
                    + job.instanceType;
            case CONTAINER_ERROR -> "AlgorithmError: the quantization script exited with code 137";
            default -> "AccessDenied: the role cannot read the model artifacts of " + job.name;
        };
    }

    private static List<String> configs(int i) {
        return List.of(CONFIGS[i % 6]).subList(1, CONFIGS[i % 6].length);
    }

    /**
     * By hand: the README's failed job (from its describe fixture) and a rejected create of its name; a name used
     * twice (bob created the first incarnation, which failed; the second, nobody known, completed); four jobs created
     * around New Year 2026; a failure storm of seven jobs failing every two minutes from 11:45:00.000 to 11:57 on
     * the last day, and one failing a millisecond before 11:45; and a name with two rejected creates and no job.
     */
    private List<Runnable> handMade(Path repositoryRoot) {
        List<Runnable> jobs = new ArrayList<>();
        jobs.add(() -> specDecoding(repositoryRoot));
        jobs.add(() -> {
            Job first = new Job("llama3-8b-nightly-quant", "us-west-2", Instant.parse("2025-06-10T02:00:00Z"),
                    "ml.g5.12xlarge", "s3://acme-models/llama3-8b/", null, List.of("ModelQuantizationConfig"));
            run(first, List.of("STARTING", "INPROGRESS", "FAILED"), Duration.ofMinutes(5), Duration.ofMinutes(72),
                    FailureCategory.GPU_MEMORY, Optional.of(BOB));
            Job second = new Job("llama3-8b-nightly-quant", "us-west-2", Instant.parse("2026-11-29T22:00:00Z"),
                    "ml.g5.12xlarge", "s3://acme-models/llama3-8b/", null, List.of("ModelQuantizationConfig"));
            run(second, List.of("STARTING", "INPROGRESS", "COMPLETED"), Duration.ofMinutes(4),
                    Duration.ofSeconds(90 * 60 + 10), null, Optional.empty());
        });
        String[][] newYear = {{"newyear-eve-a", "2025-12-31T22:30:00Z", "COMPLETED"},
                {"newyear-eve-b", "2025-12-31T23:59:59.500Z", "FAILED"},
                {"newyear-day-a", "2026-01-01T00:00:00Z", "COMPLETED"},
                {"newyear-day-b", "2026-01-01T01:15:00Z", "STOPPED"}};
        for (String[] spec : newYear) {
            jobs.add(() -> {
                Job job = new Job(spec[0], "eu-west-1", Instant.parse(spec[1]), "ml.g5.48xlarge",
                        "s3://acme-models/qwen2-72b/", null, List.of("ModelShardingConfig"));
                List<String> path = spec[2].equals("STOPPED") ? List.of("STARTING", "INPROGRESS", "STOPPING", "STOPPED")
                        : List.of("STARTING", "INPROGRESS", spec[2]);
                run(job, path, Duration.ofMinutes(3), Duration.ofMinutes(42),
                        spec[2].equals("FAILED") ? FailureCategory.CONTAINER_ERROR : null, Optional.empty());
            });
        }
        for (int k = 0; k <= 6; k++) {
            int n = k;
            jobs.add(() -> {
                Job job = new Job("mistral-7b-storm-" + n, "us-west-2", Instant.parse("2026-11-30T11:00:00Z")
                        .plus(Duration.ofMinutes(n)), "ml.p4d.24xlarge", "s3://acme-models/mistral-7b/", null,
                        List.of("ModelQuantizationConfig"));
                Instant failed = Instant.parse("2026-11-30T11:45:00Z").plus(Duration.ofMinutes(2L * n));
                Instant started = job.created.plus(Duration.ofMinutes(2));
                see(job, "STARTING", job.created.plus(Duration.ofSeconds(30)), null, null, null, null,
                        Optional.empty());
                see(job, "INPROGRESS", started, started, null, null, null, Optional.empty());
                FailureCategory category = n % 2 == 1 ? FailureCategory.CAPACITY : FailureCategory.GPU_MEMORY;
                see(job, "FAILED", failed, started, failed, category == FailureCategory.CAPACITY
                        ? "InsufficientCapacityError: no ml.p4d.24xlarge capacity in us-west-2"
                        : reason(category, job), category, Optional.empty());
            });
        }
        jobs.add(() -> {
            Job job = new Job("mistral-7b-before-storm", "us-west-2", Instant.parse("2026-11-30T10:30:00Z"),
                    "ml.p4d.24xlarge", "s3://acme-models/mistral-7b/", null, List.of("ModelQuantizationConfig"));
            Instant failed = Instant.parse("2026-11-30T11:44:59.999Z");
            see(job, "STARTING", job.created.plus(Duration.ofMinutes(1)), null, null, null, null, Optional.empty());
            see(job, "FAILED", failed, null, failed, "InsufficientCapacityError: no ml.p4d.24xlarge capacity in"
                    + " us-west-2", FailureCategory.CAPACITY, Optional.empty());
        });
        jobs.add(() -> {
            rejectedCreate("bad-role-quantization", Instant.parse("2026-11-29T08:00:00Z"), "AccessDeniedException",
                    "User: arn:aws:sts::123456789012:assumed-role/CI/deployer is not authorized to perform:"
                            + " iam:PassRole on resource: arn:aws:iam::123456789012:role/NoSuchRole",
                    "alerted: AccessDeniedException needs a person", FailureCategory.PERMISSIONS);
            rejectedCreate("bad-role-quantization", Instant.parse("2026-11-29T08:05:00Z"), "AccessDeniedException",
                    "User: arn:aws:sts::123456789012:assumed-role/CI/deployer is not authorized to perform:"
                            + " iam:PassRole on resource: arn:aws:iam::123456789012:role/NoSuchRole",
                    "alerted: AccessDeniedException needs a person", FailureCategory.PERMISSIONS);
        });
        return jobs;
    }

    /** The describe fixture of the README's example, seen STARTING, INPROGRESS and FAILED. */
    private void specDecoding(Path repositoryRoot) {
        ObjectNode failed;
        try {
            failed = (ObjectNode) Json.parse(Files.readAllBytes(repositoryRoot.resolve(
                    "events/sagemaker/describe/llama3-8b-spec-decoding.json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        BigDecimal created = failed.get("CreationTime").decimalValue();
        BigDecimal started = failed.get("OptimizationStartTime").decimalValue();
        ObjectNode starting = failed.deepCopy();
        starting.put("OptimizationJobStatus", "STARTING");
        starting.put("LastModifiedTime", created.add(BigDecimal.ONE));
        starting.remove(List.of("OptimizationStartTime", "OptimizationEndTime", "FailureReason"));
        ObjectNode inProgress = failed.deepCopy();
        inProgress.put("OptimizationJobStatus", "INPROGRESS");
        inProgress.put("LastModifiedTime", started);
        inProgress.remove(List.of("OptimizationEndTime", "FailureReason"));
        record(OptimizationJob.fromDescribeResponse(starting), null, Optional.empty());
        record(OptimizationJob.fromDescribeResponse(inProgress), null, Optional.empty());
        record(OptimizationJob.fromDescribeResponse(failed), FailureCategory.GPU_MEMORY, Optional.empty());
        rejectedCreate("llama3-8b-spec-decoding", Instant.parse("2026-11-27T09:40:00Z"), "ResourceInUse",
                "An optimization job named llama3-8b-spec-decoding already exists",
                "not alerted: ResourceInUse is not in the alerting error codes", FailureCategory.INVALID_CONFIGURATION);
    }

    /** A job through the given statuses: started {@code toStart} after creation, ended {@code runtime} later. */
    private void run(Job job, List<String> path, Duration toStart, Duration runtime, FailureCategory failure,
                     Optional<String> creator) {
        Instant started = job.created.plus(toStart);
        Instant ended = started.plus(runtime);
        see(job, path.get(0), job.created.plus(Duration.ofMinutes(1)), null, null, null, null, creator);
        see(job, path.get(1), started, started, null, null, null, Optional.empty());
        if (path.size() == 4) {
            see(job, path.get(2), ended.minus(Duration.ofMinutes(2)), started, null, null, null, Optional.empty());
        }
        String last = path.get(path.size() - 1);
        see(job, last, ended, started, ended, failure == null ? null : reason(failure, job), failure,
                Optional.empty());
    }

    /** One sighting, as the processor records it after DescribeOptimizationJob answered this document. */
    private void see(Job job, String status, Instant changed, Instant started, Instant ended, String reason,
                     FailureCategory category, Optional<String> creator) {
        ObjectNode document = Json.object();
        document.put("OptimizationJobName", job.name);
        document.put("OptimizationJobArn", "arn:aws:sagemaker:" + job.region + ":123456789012:optimization-job/"
                + job.name);
        document.put("OptimizationJobStatus", status);
        document.put("CreationTime", epoch(job.created));
        document.put("LastModifiedTime", epoch(changed));
        if (started != null) {
            document.put("OptimizationStartTime", epoch(started));
        }
        if (ended != null) {
            document.put("OptimizationEndTime", epoch(ended));
        }
        if (reason != null) {
            document.put("FailureReason", reason);
        }
        if (job.s3Model != null) {
            document.putObject("ModelSource").putObject("S3").put("S3Uri", job.s3Model);
        } else {
            document.putObject("ModelSource").putObject("SageMakerModel").put("ModelName", job.sageMakerModel);
        }
        document.put("DeploymentInstanceType", job.instanceType);
        var configs = document.putArray("OptimizationConfigs");
        job.configs.forEach(config -> configs.addObject().putObject(config));
        document.putObject("OutputConfig").put("S3OutputLocation", "s3://acme-optimized/" + job.name + "/");
        document.put("RoleArn", "arn:aws:iam::123456789012:role/SageMakerOptimizationRole");
        record(OptimizationJob.fromDescribeResponse(document), category, creator);
    }

    private void record(OptimizationJob job, FailureCategory category, Optional<String> creator) {
        Instant recordedAt = job.lastModifiedTime().plusSeconds(30);
        // A creator is known from CloudTrail's CreateOptimizationJob record; other sightings are the poller's.
        String id = eventId(job.name(), job.statusValue(), job.lastModifiedTime());
        JobEvent event = creator.isPresent()
                ? JobEvent.apiCall(id, EventContract.SAGEMAKER_SOURCE, JobEvent.Kind.CREATE_CALL, job.name(),
                job.arn(), "us-west-2", job.lastModifiedTime(), JobEvent.Route.CLOUDTRAIL_RULE,
                new JobEvent.ApiCall(creator.get(), null, JobEvent.CreateRequest.NONE))
                : JobEvent.stateChange(id, EventContract.TRACKER_SOURCE, job.name(), job.arn(), "us-west-2",
                job.lastModifiedTime(), JobEvent.Route.TRACKER_BUS,
                new JobEvent.Claims(job.status(), job.creationTime(), job.lastModifiedTime()));
        store.record(job, event, recordedAt, creator, category);
    }

    private void rejectedCreate(String name, Instant calledAt, String code, String message, String decision,
                                FailureCategory category) {
        JobEvent event = JobEvent.apiCall(eventId(name, code, calledAt), EventContract.SAGEMAKER_SOURCE,
                JobEvent.Kind.CREATE_CALL, name, "arn:aws:sagemaker:us-west-2:123456789012:optimization-job/" + name,
                "us-west-2", calledAt, JobEvent.Route.CLOUDTRAIL_RULE,
                new JobEvent.ApiCall("arn:aws:sts::123456789012:assumed-role/CI/deployer",
                        new JobEvent.CallError(code, message), new JobEvent.CreateRequest("ml.g5.12xlarge",
                        "arn:aws:iam::123456789012:role/NoSuchRole", "s3://acme-models/llama3-8b/",
                        "s3://acme-optimized/" + name + "/")));
        rejected.record(event, decision, category, calledAt.plusSeconds(30));
    }

    /** An event id as EventBridge gives one (a UUID), the same on every run. */
    private static String eventId(String name, String status, Instant at) {
        return UUID.nameUUIDFromBytes((name + "|" + status + "|" + at).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static BigDecimal epoch(Instant instant) {
        return BigDecimal.valueOf(instant.toEpochMilli(), 3);
    }

    private record Job(String name, String region, Instant created, String instanceType, String s3Model,
                       String sageMakerModel, List<String> configs) {
    }
}
