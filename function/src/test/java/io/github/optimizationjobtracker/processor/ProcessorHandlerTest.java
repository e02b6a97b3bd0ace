package io.github.optimizationjobtracker.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

import io.github.optimizationjobtracker.SampleEvents;
import io.github.optimizationjobtracker.alert.Alerter;
import io.github.optimizationjobtracker.event.EventParser;
import io.github.optimizationjobtracker.event.RejectedEventException;
import io.github.optimizationjobtracker.job.JobStatus;
import io.github.optimizationjobtracker.metrics.RecordingMetrics;
import io.github.optimizationjobtracker.metrics.TrackerMetrics;
import io.github.optimizationjobtracker.sagemaker.OptimizationJobDescriber;
import io.github.optimizationjobtracker.store.EmittedChanges;
import io.github.optimizationjobtracker.store.JobStore;
import io.github.optimizationjobtracker.store.RejectedCreates;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProcessorHandlerTest {
    private final OptimizationJobDescriber describer = mock(OptimizationJobDescriber.class);
    private final JobStore store = mock(JobStore.class);
    private final Alerter alerter = mock(Alerter.class);
    private final RecordingMetrics metrics = new RecordingMetrics();
    private final RejectedCreates rejectedCreates = mock(RejectedCreates.class);
    private final ProcessorHandler handler = new ProcessorHandler(new EventProcessor(new EventParser(Clock.systemUTC()),
            describer, new ProcessorStores(store, rejectedCreates, mock(EmittedChanges.class),
                    mock(io.github.optimizationjobtracker.store.FailureStorms.class)), alerter,
            new AlertPolicy(Set.of(JobStatus.FAILED), Set.of(),
                    io.github.optimizationjobtracker.classification.FailureRules.load(), 0), metrics,
            Clock.systemUTC()), metrics);

    @Test
    void malformedJsonIsRejectedWithTheParsersReasonAndTouchesNothing() {
        byte[] malformed = SampleEvents.bytes("invalid/malformed.json");

        assertThatThrownBy(() -> handler.handleRequest(new ByteArrayInputStream(malformed),
                new ByteArrayOutputStream(), null))
                .isInstanceOf(RejectedEventException.class)
                .hasMessageStartingWith("Rejected event (no id): input is not a valid EventBridge event JSON ("
                        + malformed.length + " bytes): ");
        verifyNoInteractions(describer, store, rejectedCreates, alerter);
        assertThat(metrics.total(TrackerMetrics.EVENTS_REJECTED)).isEqualTo(1);
    }

    @Test
    void anInvalidEventIsCountedAsARejection() {
        byte[] event = SampleEvents.bytes("invalid/wrong-source.json");

        assertThatThrownBy(() -> handler.handleRequest(new ByteArrayInputStream(event), new ByteArrayOutputStream(), null))
                .isInstanceOf(RejectedEventException.class);
        assertThat(metrics.total(TrackerMetrics.EVENTS_REJECTED)).isEqualTo(1);
        verifyNoInteractions(describer, store, rejectedCreates, alerter);
    }

    @Test
    void emptyInputIsRejected() {
        assertThatThrownBy(() -> handler.handleRequest(new ByteArrayInputStream(new byte[0]),
                new ByteArrayOutputStream(), null))
                .isInstanceOf(RejectedEventException.class)
                .hasMessageContaining("(0 bytes)");
    }

    @Test
    void nonJsonTextIsRejected() {
        byte[] text = "hello".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> handler.handleRequest(new ByteArrayInputStream(text), new ByteArrayOutputStream(), null))
                .isInstanceOf(RejectedEventException.class);
    }

    @Test
    void everyInvocationFlushesItsMetricsEvenARejectedOne() throws Exception {
        TrackerMetrics flushed = org.mockito.Mockito.mock(TrackerMetrics.class);
        ProcessorHandler counted = new ProcessorHandler(new EventProcessor(new EventParser(Clock.systemUTC()),
                describer, new ProcessorStores(store, rejectedCreates, mock(EmittedChanges.class),
                        mock(io.github.optimizationjobtracker.store.FailureStorms.class)), alerter,
                new AlertPolicy(Set.of(JobStatus.FAILED), Set.of(),
                        io.github.optimizationjobtracker.classification.FailureRules.load(), 0), flushed,
                Clock.systemUTC()), flushed);

        assertThatThrownBy(() -> counted.handleRequest(new ByteArrayInputStream(SampleEvents.bytes(
                "invalid/wrong-source.json")), new ByteArrayOutputStream(), null))
                .isInstanceOf(RejectedEventException.class);
        org.mockito.Mockito.verify(flushed, org.mockito.Mockito.times(1)).flush();
    }
}
