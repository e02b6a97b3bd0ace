package io.github.optimizationjobtracker.poller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.github.optimizationjobtracker.metrics.TrackerMetrics;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The poller's Lambda adapter: the poll's result is the invocation's output, and metrics go out whatever happens. */
class PollerHandlerTest {
    private final JobPoller poller = mock(JobPoller.class);
    private final TrackerMetrics metrics = mock(TrackerMetrics.class);
    private final PollerHandler handler = new PollerHandler(poller, metrics);

    @Test
    void thePollsResultIsTheOutputAndTheMetricsAreFlushed() throws Exception {
        PollResult result = new PollResult(Instant.parse("2026-11-30T11:55:00Z"), Instant.parse("2026-11-30T12:00:00Z"),
                true, 2, 7, 3, 2, 1, 42.5);
        when(poller.poll(any())).thenReturn(result);
        ByteArrayOutputStream output = new ByteArrayOutputStream();

        handler.handleRequest(new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)), output, null);

        assertThat(output.toString(StandardCharsets.UTF_8)).isEqualTo(result.toJson()).contains("\"eventsEmitted\":3");
        verify(metrics, times(1)).flush();
    }

    @Test
    void aFailedPollStillFlushesWhatItCounted() {
        when(poller.poll(any())).thenThrow(new IllegalStateException("SageMaker is down"));

        assertThatThrownBy(() -> handler.handleRequest(new ByteArrayInputStream(new byte[0]),
                new ByteArrayOutputStream(), null)).hasMessage("SageMaker is down");
        verify(metrics, times(1)).flush();
    }
}
