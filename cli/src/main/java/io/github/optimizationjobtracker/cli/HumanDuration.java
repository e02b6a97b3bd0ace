package io.github.optimizationjobtracker.cli;

import java.time.Duration;

/** A duration as a person reads it at a glance: the two largest units ("45s", "4m 59s", "1h 25m", "2d 3h"). */
final class HumanDuration {
    private HumanDuration() {
    }

    static String format(Duration duration) {
        if (duration.isNegative()) {
            return "-" + format(duration.negated());
        }
        long seconds = duration.toSeconds();
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return seconds / 60 + "m " + seconds % 60 + "s";
        }
        if (seconds < 86_400) {
            return seconds / 3600 + "h " + seconds % 3600 / 60 + "m";
        }
        return seconds / 86_400 + "d " + seconds % 86_400 / 3600 + "h";
    }
}
