package io.github.optimizationjobtracker.local;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.github.optimizationjobtracker.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * SageMaker's AWS JSON 1.1 wire protocol, served by WireMock from fixture files: POST / with
 * {@code X-Amz-Target: SageMaker.<Operation>}. Unknown jobs get SageMaker's {@code ResourceNotFound} error.
 */
public final class SageMakerStandIn implements AutoCloseable {
    public static final String TARGET = "X-Amz-Target";
    public static final String DESCRIBE = "SageMaker.DescribeOptimizationJob";
    public static final String LIST = "SageMaker.ListOptimizationJobs";
    private static final String CONTENT_TYPE = "application/x-amz-json-1.1";

    private final WireMockServer server;
    private final ListJobsResponder listJobs = new ListJobsResponder();
    private final java.util.Map<String, JsonNode> listed = new java.util.LinkedHashMap<>();
    private final java.util.Set<java.util.UUID> defaults = new java.util.HashSet<>();
    private Path describeFixtures;
    private final java.util.Map<String, List<java.util.UUID>> describeStubs = new java.util.HashMap<>();
    private Path listFixtures;

    public SageMakerStandIn() {
        this(0);
    }

    /** On the given port, or a free one when 0. The bind address is 0.0.0.0 for fixed ports so that
     * {@code sam local invoke}'s container can reach it. */
    public SageMakerStandIn(int port) {
        WireMockConfiguration options = WireMockConfiguration.options();
        options = port == 0 ? options.bindAddress("127.0.0.1").dynamicPort() : options.port(port);
        server = new WireMockServer(options
                .containerThreads(16).jettyAcceptors(1).extensions(listJobs));
        server.start();
        defaults.add(server.stubFor(operation(DESCRIBE).atPriority(100).willReturn(error(400, "ResourceNotFound",
                "Could not find optimization job."))).getId());
        defaults.add(server.stubFor(operation(LIST).atPriority(100).willReturn(ok("{}")
                .withTransformers(ListJobsResponder.NAME))).getId());
    }

    /** The jobs ListOptimizationJobs answers with (summaries in SageMaker's JSON form), replacing earlier ones. */
    public SageMakerStandIn serveJobs(List<JsonNode> summaries) {
        synchronized (listed) {
            listed.clear();
            summaries.forEach(s -> listed.put(s.get("OptimizationJobName").asText(), s));
            listJobs.setJobs(List.copyOf(listed.values()));
        }
        return this;
    }

    /**
     * One job as SageMaker knows it: listed (summary) and described (the body of a fixture with this name,
     * status, times and reason). Replaces an earlier job of that name.
     */
    public SageMakerStandIn serveJob(String name, String status, java.time.Instant created, java.time.Instant modified,
                                     String failureReason) {
        String body = TestEvents.describeBody("llama3-8b-spec-decoding", name, status, created, modified,
                failureReason);
        removeDescribe(name);
        serveDescribe(name, body);
        JsonNode described = Json.parse(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        com.fasterxml.jackson.databind.node.ObjectNode summary = Json.object();
        for (String field : List.of("OptimizationJobName", "OptimizationJobArn", "OptimizationJobStatus",
                "CreationTime", "LastModifiedTime", "DeploymentInstanceType")) {
            summary.set(field, described.get(field));
        }
        summary.putArray("OptimizationTypes").add("SpeculativeDecoding");
        synchronized (listed) {
            listed.put(name, summary);
            listJobs.setJobs(List.copyOf(listed.values()));
        }
        return this;
    }

    /** SageMaker forgets the job: it is listed no more, and describing it gives ResourceNotFound. */
    public SageMakerStandIn deleteJob(String name) {
        removeDescribe(name);
        synchronized (listed) {
            listed.remove(name);
            listJobs.setJobs(List.copyOf(listed.values()));
        }
        return this;
    }

    /** Forgets every DescribeOptimizationJob answer served for the job: it is "not found" again. */
    public void removeDescribe(String name) {
        List<java.util.UUID> ids;
        synchronized (describeStubs) {
            ids = describeStubs.getOrDefault(name, List.of());
            describeStubs.remove(name);
        }
        server.getStubMappings().stream().filter(m -> ids.contains(m.getId())).toList().forEach(server::removeStub);
    }

    /** Serves the summaries of every ListOptimizationJobs fixture page in the folder. */
    public SageMakerStandIn serveListFixtures(Path folder) {
        listFixtures = folder;
        List<JsonNode> summaries = new java.util.ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path page : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                Json.parse(Files.readAllBytes(page)).get("OptimizationJobSummaries").forEach(summaries::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return serveJobs(summaries);
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.port();
    }

    public WireMockServer server() {
        return server;
    }

    /**
     * Back to what {@link StandIns#start} served: the fixtures, no stub a test added, every scenario at its start.
     * Tests call it (through Tracker) so that each sees the same stand-in whatever ran before, in any order and as
     * often as a mutation-testing run repeats them in one JVM.
     */
    public synchronized void reset() {
        server.getStubMappings().stream().filter(m -> !defaults.contains(m.getId())).toList()
                .forEach(server::removeStub);
        synchronized (describeStubs) {
            describeStubs.clear();
        }
        server.resetScenarios();
        server.resetRequests();
        if (describeFixtures != null) {
            serveDescribeFixtures(describeFixtures);
        }
        if (listFixtures != null) {
            serveListFixtures(listFixtures);
        }
    }

    /** Serves every {@code <job-name>.json} in the folder as that job's DescribeOptimizationJob response. */
    public SageMakerStandIn serveDescribeFixtures(Path folder) {
        describeFixtures = folder;
        try (Stream<Path> files = Files.list(folder)) {
            files.filter(f -> f.toString().endsWith(".json")).sorted().forEach(this::serveDescribe);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public void serveDescribe(Path fixture) {
        try {
            String body = Files.readString(fixture);
            JsonNode json = Json.parse(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            serveDescribe(Json.text(json, "OptimizationJobName"), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void serveDescribe(String jobName, String body) {
        var stub = server.stubFor(operation(DESCRIBE).atPriority(10)
                .withRequestBody(matchingJsonPath("$.OptimizationJobName", equalTo(jobName)))
                .willReturn(ok(body)));
        synchronized (describeStubs) {
            describeStubs.computeIfAbsent(jobName, n -> new java.util.ArrayList<>()).add(stub.getId());
        }
    }

    public static MappingBuilder operation(String target) {
        return post(urlEqualTo("/")).withHeader(TARGET, equalTo(target));
    }

    public static ResponseDefinitionBuilder ok(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", CONTENT_TYPE).withBody(body);
    }

    /** An error as SageMaker sends it: the code in {@code __type}, which the SDK maps to its exception types. */
    public static ResponseDefinitionBuilder error(int status, String code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", CONTENT_TYPE)
                .withHeader("x-amzn-ErrorType", code)
                .withBody("{\"__type\":\"" + code + "\",\"Message\":\"" + message + "\"}");
    }

    public int calls(String target) {
        return server.countRequestsMatching(postRequestedFor(urlEqualTo("/")).withHeader(TARGET, equalTo(target))
                .build()).getCount();
    }

    @Override
    public void close() {
        server.stop();
    }
}
