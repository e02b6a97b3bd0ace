package io.github.optimizationjobtracker.benchmark;

import java.util.List;
import java.util.Locale;

/** Medians and spreads of a benchmark's runs. */
final class Statistics {
    private Statistics() {
    }

    static <T> double median(List<T> runs, java.util.function.ToDoubleFunction<T> value) {
        double[] values = runs.stream().mapToDouble(value).sorted().toArray();
        if (values.length == 0) {
            return Double.NaN;
        }
        int mid = values.length / 2;
        return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }

    static <T> String spread(List<T> runs, java.util.function.ToDoubleFunction<T> value, int decimals) {
        double[] values = runs.stream().mapToDouble(value).sorted().toArray();
        if (values.length == 0) {
            return "-";
        }
        String f = "%." + decimals + "f";
        return String.format(Locale.ROOT, f + " / " + f + " / " + f, values[0], median(runs, value),
                values[values.length - 1]);
    }
}
