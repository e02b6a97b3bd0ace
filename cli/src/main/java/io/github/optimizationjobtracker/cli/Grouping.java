package io.github.optimizationjobtracker.cli;

import java.util.List;

/** How {@code tracker stats --by} groups jobs. A job of several optimization types counts in each type's group. */
public enum Grouping {
    TYPE("optimization type"), INSTANCE("instance type"), CATEGORY("failure category"), STATUS("status");

    /** The group of jobs a fact is missing from: no category, no instance type. */
    public static final String NONE = "(none)";
    /** The row of every job in the window, whatever its group. */
    public static final String ALL = "(all)";

    private final String label;

    Grouping(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The groups a job belongs to. */
    public List<String> groupsOf(JobRecord job) {
        return switch (this) {
            case TYPE -> job.optimizationTypes().isEmpty() ? List.of(NONE) : job.optimizationTypes();
            case INSTANCE -> List.of(orNone(job.instanceType()));
            case CATEGORY -> List.of(orNone(job.category()));
            case STATUS -> List.of(orNone(job.status()));
        };
    }

    private static String orNone(String value) {
        return value == null ? NONE : value;
    }
}
