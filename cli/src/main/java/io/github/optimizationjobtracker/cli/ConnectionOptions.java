package io.github.optimizationjobtracker.cli;

/** Where the table is and who asks: the global options as given (null when not). */
public record ConnectionOptions(String region, String profile, String table, String stack, String endpointUrl) {
}
