package io.github.optimizationjobtracker.cli;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** The job names closest to a mistyped one, by edit distance: what "did you mean" offers. */
final class NameSuggestions {
    static final int MAX_SUGGESTIONS = 5;

    private NameSuggestions() {
    }

    /**
     * Up to five names, closest first (ties in name order), case ignored. A name needing more edits than a third of
     * the typed name's length is no longer a typo of it and is left out: a table of unrelated names suggests nothing
     * rather than five names that merely share a model's prefix.
     */
    static List<String> closest(String typed, Stream<String> names) {
        int farthest = Math.max(2, typed.length() / 3);
        record Scored(String name, int distance) {
        }
        return names.distinct()
                .map(name -> new Scored(name, distance(typed.toLowerCase(Locale.ROOT),
                        name.toLowerCase(Locale.ROOT))))
                .filter(s -> s.distance() <= farthest)
                .sorted(Comparator.comparingInt(Scored::distance).thenComparing(Scored::name))
                .limit(MAX_SUGGESTIONS)
                .map(Scored::name)
                .toList();
    }

    /** Levenshtein distance: insertions, deletions and substitutions, each one edit. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
