package io.github.optimizationjobtracker.local;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.github.optimizationjobtracker.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * EventBridge's PutEvents over its AWS JSON 1.1 protocol (WireMock). Accepted entries become EventBridge events,
 * shaped as a rule target receives them, which the local run and tests route into the processor. It can reject
 * the next N entries, as EventBridge does under throttling, to exercise partial-failure handling.
 */
public final class EventBridgeStandIn implements AutoCloseable {
    public static final String PUT_EVENTS = "AWSEvents.PutEvents";
    private final WireMockServer server;
    private final List<String> delivered = new ArrayList<>();
    private final java.util.Set<String> busNames = new java.util.TreeSet<>();
    private final AtomicInteger entriesToReject = new AtomicInteger();
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger rejected = new AtomicInteger();

    public EventBridgeStandIn() {
        this(0);
    }

    /** On the given port, or a free one when 0. The bind address is 0.0.0.0 for fixed ports so that
     * {@code sam local invoke}'s container can reach it. */
    public EventBridgeStandIn(int port) {
        WireMockConfiguration options = WireMockConfiguration.options();
        options = port == 0 ? options.bindAddress("127.0.0.1").dynamicPort() : options.port(port);
        server = new WireMockServer(options
                .containerThreads(8).jettyAcceptors(1).extensions(new PutEventsResponder()));
        server.start();
        server.stubFor(post(urlEqualTo("/")).withHeader(SageMakerStandIn.TARGET, equalTo(PUT_EVENTS))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1")
                        .withTransformers(PutEventsResponder.NAME)));
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.port();
    }

    /** The next {@code count} entries are rejected with ThrottlingException. */
    public void rejectNextEntries(int count) {
        entriesToReject.set(count);
    }

    public int putEventsCalls() {
        return calls.get();
    }

    public int rejectedEntries() {
        return rejected.get();
    }

    /** Forgets the events and bus names seen so far, and rejects no more entries. */
    public synchronized void reset() {
        delivered.clear();
        busNames.clear();
        entriesToReject.set(0);
    }

    /** The event bus names PutEvents entries named (absent: "default"), so far. */
    public synchronized java.util.Set<String> busNames() {
        return java.util.Set.copyOf(busNames);
    }

    /** Takes the events delivered so far, as EventBridge envelopes (JSON). */
    public synchronized List<String> drain() {
        List<String> events = List.copyOf(delivered);
        delivered.clear();
        return events;
    }

    @Override
    public void close() {
        server.stop();
    }

    private synchronized void deliver(String event) {
        delivered.add(event);
    }

    private final class PutEventsResponder implements ResponseTransformerV2 {
        static final String NAME = "put-events";

        @Override
        public Response transform(Response response, ServeEvent serveEvent) {
            calls.incrementAndGet();
            JsonNode request = Json.parse(serveEvent.getRequest().getBodyAsString().getBytes(StandardCharsets.UTF_8));
            ObjectNode body = Json.object();
            ArrayNode results = body.putArray("Entries");
            int failed = 0;
            for (JsonNode entry : request.get("Entries")) {
                ObjectNode result = results.addObject();
                if (entriesToReject.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    result.put("ErrorCode", "ThrottlingException");
                    result.put("ErrorMessage", "Rate exceeded");
                    failed++;
                    rejected.incrementAndGet();
                    continue;
                }
                String id = UUID.randomUUID().toString();
                result.put("EventId", id);
                String busName = Json.text(entry, "EventBusName");
                synchronized (EventBridgeStandIn.this) {
                    busNames.add(busName == null ? "default" : busName);
                }
                deliver(Json.write(envelope(entry, id)));
            }
            body.put("FailedEntryCount", failed);
            return Response.Builder.like(response).but().body(Json.write(body)).build();
        }

        private ObjectNode envelope(JsonNode entry, String id) {
            ObjectNode event = Json.object();
            event.put("version", "0");
            event.put("id", id);
            event.put("detail-type", Json.text(entry, "DetailType"));
            event.put("source", Json.text(entry, "Source"));
            event.put("account", LocalEnvironment.ACCOUNT);
            JsonNode time = entry.get("Time");
            event.put("time", time == null ? Instant.now().toString()
                    : Instant.ofEpochMilli(time.decimalValue().movePointRight(3).longValue()).toString());
            event.put("region", LocalEnvironment.REGION);
            event.set("resources", entry.has("Resources") ? entry.get("Resources") : Json.MAPPER.createArrayNode());
            event.set("detail", Json.parse(Json.text(entry, "Detail").getBytes(StandardCharsets.UTF_8)));
            return event;
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return NAME;
        }
    }
}
