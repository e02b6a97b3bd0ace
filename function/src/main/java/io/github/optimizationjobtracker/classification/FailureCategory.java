package io.github.optimizationjobtracker.classification;

/** Why an optimization job failed, in the terms of what to do about it. */
public enum FailureCategory {
    GPU_MEMORY("out of GPU or accelerator memory"),
    CAPACITY("capacity or instance type not available"),
    PERMISSIONS("permissions (IAM role, S3, KMS, PassRole)"),
    QUOTA("quota or resource limit"),
    MODEL_NOT_FOUND("model or artifact not found or unreadable"),
    UNSUPPORTED("unsupported model, instance or option combination"),
    INVALID_CONFIGURATION("invalid configuration or request"),
    CONTAINER_ERROR("container or algorithm error"),
    SERVICE_ERROR("service or internal error"),
    UNKNOWN("not recognised");

    private final String description;

    FailureCategory(String description) {
        this.description = description;
    }

    /** How a person reads the category: "out of GPU or accelerator memory". */
    public String description() {
        return description;
    }
}
