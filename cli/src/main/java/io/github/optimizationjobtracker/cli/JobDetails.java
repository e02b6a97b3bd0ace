package io.github.optimizationjobtracker.cli;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What {@code tracker show} knows about a name: the job's current record (read and as stored, for --json), its
 * console page, and the rejected creates of that name. A name may have rejected creates and no job.
 */
public record JobDetails(String name, Optional<JobRecord> job, Optional<Map<String, AttributeValue>> storedItem,
                         String consoleLink, List<RejectedCreate> rejectedCreates) {
}
