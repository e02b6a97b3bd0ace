package io.github.optimizationjobtracker.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.optimizationjobtracker.store.FailureStorms;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The storm window on dynalite: joined while open, reopened once it has passed, never grown past its limit. */
class FailureStormWindowTest {
    private static final Duration WINDOW = Duration.ofMinutes(10);
    private static final Instant START = Instant.parse("2026-11-30T12:00:00Z");
    private final Tracker tracker = new Tracker();
    private final FailureStorms storms = new FailureStorms(tracker.dynamoDb, tracker.table, WINDOW);

    @AfterEach
    void tearDown() {
        tracker.close();
    }

    private static FailureStorms.Member failure(String job) {
        return new FailureStorms.Member(job, Instant.parse("2026-11-30T11:00:00Z"), "GPU_MEMORY");
    }

    @Test
    void failuresWithinTheWindowJoinItAndTheFirstAfterItOpensTheNext() {
        assertThat(storms.add(failure("a"), START).size()).isEqualTo(1);
        FailureStorms.Window lastMoment = storms.add(failure("b"), START.plus(WINDOW).minusMillis(1));
        FailureStorms.Window next = storms.add(failure("c"), START.plus(WINDOW));

        assertThat(lastMoment.start()).isEqualTo(START);
        assertThat(lastMoment.members()).extracting(FailureStorms.Member::jobName).containsExactlyInAnyOrder("a", "b");
        assertThat(next.start()).isEqualTo(START.plus(WINDOW));
        assertThat(next.members()).extracting(FailureStorms.Member::jobName).containsExactly("c");
    }

    @Test
    void theSameFailureCountsOnce() {
        storms.add(failure("a"), START);

        assertThat(storms.add(failure("a"), START.plusSeconds(5)).size()).isEqualTo(1);
    }

    @Test
    void aFullWindowIsAnsweredWithoutATripToTheTableUntilItCloses() {
        for (int i = 0; i < FailureStorms.MAX_MEMBERS; i++) {
            storms.add(failure("job-" + i), START);
        }
        FailureStorms counted = new FailureStorms(new io.github.optimizationjobtracker.clients.AwsClients(
                tracker.config.region(), LocalEnvironment.CREDENTIALS, tracker.config.endpoints(),
                builder -> builder.addExecutionInterceptor(tracker.faults)).dynamoDb(), tracker.table, WINDOW);
        FailureStorms.Window found = counted.add(failure("finds-it-full"), START.plusSeconds(1));
        assertThat(found.size()).as("another container's full window, read from the table").isEqualTo(FailureStorms.MAX_MEMBERS);
        assertThat(found.members()).extracting(FailureStorms.Member::jobName).doesNotContain("finds-it-full");
        int calls = dynamoDbCalls();

        FailureStorms.Window full = counted.add(failure("one-more"), START.plusSeconds(2));

        assertThat(dynamoDbCalls()).as("known full: nothing to read or write").isEqualTo(calls);
        assertThat(full.start()).isEqualTo(START);
        assertThat(full.size()).isEqualTo(FailureStorms.MAX_MEMBERS);

        FailureStorms.Window next = counted.add(failure("after-it"), START.plus(WINDOW));
        assertThat(dynamoDbCalls()).as("a closed window is the table's business again").isGreaterThan(calls);
        assertThat(next.start()).isEqualTo(START.plus(WINDOW));
        assertThat(next.members()).extracting(FailureStorms.Member::jobName).containsExactly("after-it");
    }

    private int dynamoDbCalls() {
        return tracker.faults.calls("DynamoDb", "UpdateItem") + tracker.faults.calls("DynamoDb", "GetItem")
                + tracker.faults.calls("DynamoDb", "PutItem");
    }

    @Test
    void aFullWindowStaysFullAndIsStillReported() {
        for (int i = 0; i < FailureStorms.MAX_MEMBERS; i++) {
            storms.add(failure("job-" + i), START);
        }

        FailureStorms.Window full = storms.add(failure("one-too-many"), START.plusSeconds(1));

        assertThat(full.start()).isEqualTo(START);
        assertThat(full.size()).isEqualTo(FailureStorms.MAX_MEMBERS);
        assertThat(full.members()).extracting(FailureStorms.Member::jobName).doesNotContain("one-too-many");
    }
}
