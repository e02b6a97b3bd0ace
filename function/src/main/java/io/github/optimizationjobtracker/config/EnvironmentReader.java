package io.github.optimizationjobtracker.config;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import software.amazon.awssdk.regions.Region;

/**
 * Reads and validates environment variables, collecting every problem instead of stopping at the first, so an
 * operator fixes a broken deployment in one go.
 */
public final class EnvironmentReader {
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");

    private final Map<String, String> env;
    private final List<String> problems = new ArrayList<>();

    public EnvironmentReader(Map<String, String> env) {
        this.env = env;
    }

    public String required(String name) {
        String value = optional(name).orElse(null);
        if (value == null) {
            problems.add(name + " is not set");
        }
        return value;
    }

    public Optional<String> optional(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    public Region region() {
        String value = required(EnvironmentVariables.AWS_REGION);
        if (value != null && !REGION.matcher(value).matches()) {
            problems.add(EnvironmentVariables.AWS_REGION + " '" + value + "' is not an AWS region name");
        }
        return value == null ? null : Region.of(value);
    }

    public String matching(String name, Pattern pattern, String expected) {
        String value = required(name);
        if (value != null && !pattern.matcher(value).matches()) {
            problems.add(name + " '" + value + "' is not " + expected);
        }
        return value;
    }

    public int integer(String name, int defaultValue, int min, int max) {
        Optional<String> value = optional(name);
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.get());
            if (parsed < min || parsed > max) {
                problems.add(name + " '" + value.get() + "' is outside " + min + ".." + max);
                return defaultValue;
            }
            return parsed;
        } catch (NumberFormatException e) {
            problems.add(name + " '" + value.get() + "' is not a whole number");
            return defaultValue;
        }
    }

    public Optional<URI> endpoint(String name) {
        return optional(name).map(value -> {
            try {
                URI uri = URI.create(value);
                if (uri.getScheme() == null || uri.getHost() == null) {
                    problems.add(name + " '" + value + "' is not an absolute http(s) URL");
                    return null;
                }
                return uri;
            } catch (IllegalArgumentException e) {
                problems.add(name + " '" + value + "' is not a URL: " + e.getMessage());
                return null;
            }
        });
    }

    /** Parses a value and records a problem if the parser rejects it. */
    public <T> T parsed(String name, String raw, Function<String, T> parser) {
        try {
            return parser.apply(raw);
        } catch (NumberFormatException e) {
            problems.add(name + " '" + raw + "' is not a number");
            return null;
        } catch (IllegalArgumentException e) {
            problems.add(name + " '" + raw + "': " + e.getMessage());
            return null;
        }
    }

    public void problem(String message) {
        problems.add(message);
    }

    /** Throws one exception naming every problem found so far. */
    public void validate() {
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
    }
}
