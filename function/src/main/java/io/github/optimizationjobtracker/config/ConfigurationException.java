package io.github.optimizationjobtracker.config;

import java.util.List;

/** Thrown at start-up when the environment is incomplete or wrong; the message names every problem at once. */
public final class ConfigurationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigurationException(List<String> problems) {
        super("Invalid configuration (" + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + "): "
                + String.join("; ", problems));
    }
}
