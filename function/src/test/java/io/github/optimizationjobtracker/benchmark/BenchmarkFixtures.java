package io.github.optimizationjobtracker.benchmark;

/** Names shared by the parent and the probes (kept dependency-free: it is copied next to the shaded jar). */
final class BenchmarkFixtures {
    /** Job-name prefix of the cold runs' FAILED jobs. */
    static final String COLD_PREFIX = "cf-";
    /**
     * Warm-phase mix, cycled: half FAILED (seven AWS calls each while the storm window has room, six after), half
     * not (three calls each).
     */
    static final String[][] WARM_MIX = {
        {"wf-", "FAILED"}, {"wi-", "INPROGRESS"}, {"wf-", "FAILED"}, {"wc-", "COMPLETED"}};
    /** What the SageMaker stand-in's DescribeOptimizationJob answers for each job-name prefix. */
    static final String[][] STATUS_BY_PREFIX = {
        {COLD_PREFIX, "FAILED"}, {"wf-", "FAILED"}, {"wi-", "INPROGRESS"}, {"wc-", "COMPLETED"}};

    private BenchmarkFixtures() {
    }
}
