package io.github.optimizationjobtracker.alert;

import io.github.optimizationjobtracker.event.JobNames;
import io.github.optimizationjobtracker.job.OptimizationJob;

/** Where a job is and how a person opens it: its region (from its ARN) and its SageMaker console page. */
public final class JobLinks {
    /** The function's region: the job's region when its ARN does not say. */
    private final String defaultRegion;

    public JobLinks(String defaultRegion) {
        this.defaultRegion = defaultRegion;
    }

    /** The region the job is in: its ARN says; a job known only by name is taken to be in the function's. */
    public String regionOf(OptimizationJob job) {
        String region = JobNames.regionOf(job.arn());
        return region != null ? region : defaultRegion;
    }

    /** The job's page in the SageMaker console of its region and partition. */
    public String consoleLink(OptimizationJob job) {
        return consoleLink(regionOf(job), job.name());
    }

    /** The page of the job of that name in the SageMaker console of that region (and its partition). */
    public static String consoleLink(String region, String jobName) {
        String host = region.startsWith("cn-") ? region + ".console.amazonaws.cn"
                : region.startsWith("us-gov-") ? "console.amazonaws-us-gov.com"
                : region + ".console.aws.amazon.com";
        return "https://" + host + "/sagemaker/home?region=" + region + "#/optimization-jobs/" + jobName;
    }

    public String defaultRegion() {
        return defaultRegion;
    }
}
