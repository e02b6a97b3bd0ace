package io.github.optimizationjobtracker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class NameSuggestionsTest {
    @Test
    void editDistanceCountsInsertionsDeletionsAndSubstitutions() {
        assertThat(NameSuggestions.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(NameSuggestions.distance("job", "job")).isZero();
        assertThat(NameSuggestions.distance("", "abc")).isEqualTo(3);
        assertThat(NameSuggestions.distance("spec-decodng", "spec-decoding")).isEqualTo(1);
    }

    @Test
    void theClosestFiveComeFirstTiesInNameOrderAndDuplicatesOnce() {
        // One edit from "job-23": job-123, job-13, job-2 (listed twice), job-21, job-233, job-23x, job-24 (the five
        // first by name are kept); two edits: job-1.
        Stream<String> names = Stream.of("job-24", "job-1", "job-13", "job-2", "job-21", "job-2", "job-123",
                "job-233", "job-23x", "unrelated-name");

        assertThat(NameSuggestions.closest("job-23", names))
                .containsExactly("job-123", "job-13", "job-2", "job-21", "job-233");
    }

    @Test
    void namesTooFarFromTheTypedOneAreNotSuggested() {
        assertThat(NameSuggestions.closest("llama", Stream.of("mistral-7b-awq-001", "llam", "lama3-8")))
                .containsExactly("llam");
        assertThat(NameSuggestions.closest("LLAMA3", Stream.of("llama3"))).containsExactly("llama3");
    }
}
