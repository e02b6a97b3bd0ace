package io.github.optimizationjobtracker.poller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.github.optimizationjobtracker.retry.Backoff;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequest;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/** PutEvents' rejected entries: only those are put again, a bounded number of times. */
class PutEventsBatcherTest {

    @SuppressWarnings("unchecked")
    private static Consumer<PutEventsRequest.Builder> anyPut() {
        return any(Consumer.class);
    }

    private static List<PutEventsRequestEntry> entries(int count) {
        List<PutEventsRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            entries.add(PutEventsRequestEntry.builder().detail("{\"n\":" + i + "}").build());
        }
        return entries;
    }

    private static PutEventsResultEntry ok() {
        return PutEventsResultEntry.builder().eventId("id").build();
    }

    private static PutEventsResultEntry throttled() {
        return PutEventsResultEntry.builder().errorCode("ThrottlingException").errorMessage("slow down").build();
    }

    @Test
    void onlyTheRejectedEntriesArePutAgain() {
        EventBridgeClient eventBridge = mock(EventBridgeClient.class);
        List<Integer> sizes = new ArrayList<>();
        when(eventBridge.putEvents(anyPut())).thenAnswer(invocation -> {
            Consumer<PutEventsRequest.Builder> request = invocation.getArgument(0);
            PutEventsRequest.Builder builder = PutEventsRequest.builder();
            request.accept(builder);
            int size = builder.build().entries().size();
            sizes.add(size);
            return size == 3
                    ? PutEventsResponse.builder().failedEntryCount(2).entries(ok(), throttled(), throttled()).build()
                    : PutEventsResponse.builder().failedEntryCount(0).entries(ok(), ok()).build();
        });

        int calls = new PutEventsBatcher(eventBridge, 5, Backoff.none()).putAll(entries(3));

        assertThat(calls).isEqualTo(2);
        assertThat(sizes).containsExactly(3, 2);
    }

    @Test
    void entriesRejectedEveryTimeFailTheRunNamingTheLastError() {
        EventBridgeClient eventBridge = mock(EventBridgeClient.class);
        when(eventBridge.putEvents(anyPut())).thenReturn(PutEventsResponse.builder().failedEntryCount(1)
                .entries(throttled()).build());

        assertThatThrownBy(() -> new PutEventsBatcher(eventBridge, 4, Backoff.none()).putAll(entries(1)))
                .hasMessage("PutEvents rejected 1 of 1 entries 4 times; last error ThrottlingException: slow down");
        verify(eventBridge, times(4)).putEvents(anyPut());
    }

    @Test
    void aResponseWithFewerResultsThanEntriesCountsTheMissingOnesAsRejected() {
        EventBridgeClient eventBridge = mock(EventBridgeClient.class);
        when(eventBridge.putEvents(anyPut())).thenReturn(
                PutEventsResponse.builder().failedEntryCount(1).entries(ok()).build(),
                PutEventsResponse.builder().failedEntryCount(1).build());

        assertThatThrownBy(() -> new PutEventsBatcher(eventBridge, 2, Backoff.none()).putAll(entries(2)))
                .hasMessage("PutEvents rejected 1 of 1 entries 2 times; last error no result entry");
    }

    @Test
    void aFailureCountWithoutAFailedEntryHasNothingToRetry() {
        EventBridgeClient eventBridge = mock(EventBridgeClient.class);
        when(eventBridge.putEvents(anyPut())).thenReturn(PutEventsResponse.builder().failedEntryCount(1)
                .entries(ok(), ok()).build());

        assertThat(new PutEventsBatcher(eventBridge, 3, Backoff.none()).putAll(entries(2))).isEqualTo(1);
    }

    @Test
    void entriesArePutInBatchesOfTen() {
        EventBridgeClient eventBridge = mock(EventBridgeClient.class);
        when(eventBridge.putEvents(anyPut())).thenReturn(PutEventsResponse.builder().failedEntryCount(0).build());

        assertThat(new PutEventsBatcher(eventBridge, 3, Backoff.none()).putAll(entries(25))).isEqualTo(3);
    }

    @Test
    void theBackoffGrowsWithinItsBoundsAndIsJittered() {
        Backoff backoff = Backoff.exponential(java.time.Duration.ofMillis(100), java.time.Duration.ofMillis(800));
        for (int attempt = 1; attempt <= 10; attempt++) {
            long ceiling = Math.min(800, 100L << (attempt - 1));
            assertThat(backoff.delay(attempt).toMillis()).as("attempt %d", attempt).isBetween(0L, ceiling);
        }
        assertThat(Backoff.none().delay(3)).isZero();
    }
}
