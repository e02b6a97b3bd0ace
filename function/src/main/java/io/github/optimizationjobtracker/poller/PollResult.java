package io.github.optimizationjobtracker.poller;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.optimizationjobtracker.json.Json;
import io.github.optimizationjobtracker.json.Times;
import java.time.Instant;

/** What one poll did. {@code complete} is false when it stopped early to beat the Lambda timeout. */
public record PollResult(Instant listedAfter, Instant polledThrough, boolean complete, int pagesRead, int jobsSeen,
                         int eventsEmitted, int listCalls, int putEventsCalls, double maxLagSeconds) {

    public ObjectNode toJson() {
        ObjectNode json = Json.object();
        json.put("listedAfter", Times.iso(listedAfter));
        json.put("polledThrough", Times.iso(polledThrough));
        json.put("complete", complete);
        json.put("pagesRead", pagesRead);
        json.put("jobsSeen", jobsSeen);
        json.put("eventsEmitted", eventsEmitted);
        json.put("listCalls", listCalls);
        json.put("putEventsCalls", putEventsCalls);
        json.put("maxLagSeconds", maxLagSeconds);
        return json;
    }
}
