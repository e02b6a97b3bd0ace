package io.github.optimizationjobtracker.processor;

import io.github.optimizationjobtracker.store.EmittedChanges;
import io.github.optimizationjobtracker.store.FailureStorms;
import io.github.optimizationjobtracker.store.JobStore;
import io.github.optimizationjobtracker.store.RejectedCreates;

/** The processor's view of the table: jobs, rejected creates, the poller's ledger, the storm window. */
public record ProcessorStores(JobStore jobs, RejectedCreates rejectedCreates, EmittedChanges emittedChanges,
                              FailureStorms storms) {
}
