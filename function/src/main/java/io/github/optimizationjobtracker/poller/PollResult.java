package io.github.optimizationjobtracker.poller;

import io.github.optimizationjobtracker.json.Json;
import io.github.optimizationjobtracker.json.Times;
import java.time.Instant;

/** What one poll did. {@code complete} is false when it stopped early to beat the Lambda timeout. */
public record PollResult(Instant listedAfter, Instant polledThrough, boolean complete, int pagesRead, int jobsSeen,
                         int eventsEmitted, int listCalls, int putEventsCalls, double maxLagSeconds) {

    /** The handler's output, as JSON. */
    public String toJson() {
        return Json.object(json -> {
            json.writeStringField("listedAfter", Times.iso(listedAfter));
            json.writeStringField("polledThrough", Times.iso(polledThrough));
            json.writeBooleanField("complete", complete);
            json.writeNumberField("pagesRead", pagesRead);
            json.writeNumberField("jobsSeen", jobsSeen);
            json.writeNumberField("eventsEmitted", eventsEmitted);
            json.writeNumberField("listCalls", listCalls);
            json.writeNumberField("putEventsCalls", putEventsCalls);
            json.writeNumberField("maxLagSeconds", maxLagSeconds);
        });
    }
}
