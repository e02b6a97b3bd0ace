package io.github.optimizationjobtracker.classification;

/**
 * What a failure is and what to do about it: the category, a one-line hint filled in for this job, the AWS
 * documentation page that helps, and the rule that decided (so a wrong guess can be traced to its line).
 */
public record FailureClassification(FailureCategory category, String hint, String docsUrl, String rule) {
}
