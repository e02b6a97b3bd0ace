package io.github.optimizationjobtracker.cli;

import java.time.Instant;

/** A CreateOptimizationJob call that failed: the job never existed (or is not this call's). */
public record RejectedCreate(Instant calledAt, String errorCode, String errorMessage, String calledBy,
                             String category, String instanceType, String alertDecision) {
}
