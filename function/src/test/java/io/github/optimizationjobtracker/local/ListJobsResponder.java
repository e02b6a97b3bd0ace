package io.github.optimizationjobtracker.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.github.optimizationjobtracker.json.Json;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Answers ListOptimizationJobs like SageMaker: filters by {@code LastModifiedTimeAfter}, sorts by creation time,
 * pages by {@code MaxResults} with an opaque {@code NextToken}. The jobs are summaries in SageMaker's JSON form.
 */
final class ListJobsResponder implements ResponseTransformerV2 {
    static final String NAME = "list-optimization-jobs";
    private volatile List<JsonNode> jobs = List.of();

    void setJobs(List<JsonNode> summaries) {
        List<JsonNode> sorted = new ArrayList<>(summaries);
        sorted.sort(Comparator.comparing((JsonNode j) -> j.get("CreationTime").decimalValue())
                .thenComparing(j -> j.get("OptimizationJobName").asText()));
        jobs = List.copyOf(sorted);
    }

    @Override
    public Response transform(Response response, ServeEvent serveEvent) {
        JsonNode request = Json.parse(serveEvent.getRequest().getBodyAsString().getBytes(StandardCharsets.UTF_8));
        BigDecimal after = request.has("LastModifiedTimeAfter") ? request.get("LastModifiedTimeAfter").decimalValue() : null;
        int maxResults = request.has("MaxResults") ? request.get("MaxResults").asInt() : 100;
        int offset = request.has("NextToken") ? Integer.parseInt(request.get("NextToken").asText().replace("offset-", "")) : 0;
        List<JsonNode> matching = jobs.stream()
                .filter(j -> after == null || j.get("LastModifiedTime").decimalValue().compareTo(after) > 0).toList();
        ObjectNode body = Json.object();
        ArrayNode page = body.putArray("OptimizationJobSummaries");
        matching.subList(Math.min(offset, matching.size()), Math.min(offset + maxResults, matching.size())).forEach(page::add);
        if (offset + maxResults < matching.size()) {
            body.put("NextToken", "offset-" + (offset + maxResults));
        }
        return Response.Builder.like(response).but().body(Json.write(body)).build();
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
