package io.github.optimizationjobtracker.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The alarms and dashboard read the metrics the function code actually emits, with the same names. */
class MetricNamesTest {
    private static final String CODE_CONSTANTS = "io.github.optimizationjobtracker.metrics.TrackerMetrics";

    @Test
    void everyMetricTheStackReadsIsOneTheCodeNames() throws Exception {
        Class<?> constants = Class.forName(CODE_CONSTANTS);
        Set<String> names = new TreeSet<>();
        for (Field field : constants.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                names.add((String) field.get(null));
            }
        }
        assertThat(names).as("metric names in " + CODE_CONSTANTS).containsAll(MetricNames.ALL)
                .contains(MetricNames.SERVICE_DIMENSION);
    }
}
