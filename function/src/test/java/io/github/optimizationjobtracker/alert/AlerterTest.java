package io.github.optimizationjobtracker.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.github.optimizationjobtracker.SampleEvents;
import io.github.optimizationjobtracker.job.OptimizationJob;
import io.github.optimizationjobtracker.store.AlertLedger;
import io.github.optimizationjobtracker.store.AlertLedger.ClaimResult;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Fault injection around the claim-publish-mark protocol; the protocol itself runs against dynalite elsewhere. */
class AlerterTest {
    private final AlertLedger ledger = mock(AlertLedger.class);
    private final AlertPublisher publisher = mock(AlertPublisher.class);
    private final Alerter alerter = new Alerter(ledger, publisher, new AlertComposer("us-east-1"), Clock.systemUTC(),
            Duration.ofMillis(300));
    private final OptimizationJob job =
            OptimizationJob.fromDescribeResponse(SampleEvents.describeFixture("llama3-8b-spec-decoding"));

    @Test
    void aFailedPublishReleasesTheClaimAndFailsTheInvocation() {
        when(ledger.claim(any(), anyString(), any())).thenReturn(ClaimResult.CLAIMED);
        when(publisher.publish(any())).thenThrow(new IllegalStateException("SNS is down"));

        assertThatThrownBy(() -> alerter.alertOnce(job, Optional.empty(), "e-1")).hasMessage("SNS is down");
        verify(ledger).release(any(), anyString());
        verify(ledger, never()).markSent(any(), anyString(), anyString(), any());
    }

    @Test
    void aFailedReleaseIsAttachedToThePublishFailure() {
        when(ledger.claim(any(), anyString(), any())).thenReturn(ClaimResult.CLAIMED);
        when(publisher.publish(any())).thenThrow(new IllegalStateException("SNS is down"));
        org.mockito.Mockito.doThrow(new IllegalStateException("DynamoDB is down too")).when(ledger).release(any(), anyString());

        assertThatThrownBy(() -> alerter.alertOnce(job, Optional.empty(), "e-1"))
                .hasMessage("SNS is down")
                .satisfies(e -> assertThat(e.getSuppressed()[0]).hasMessage("DynamoDB is down too"));
    }

    @Test
    void anAlertHeldByALiveInvocationFailsThisOneForALaterRetry() {
        when(ledger.claim(any(), anyString(), any())).thenReturn(ClaimResult.HELD_BY_ANOTHER);

        assertThatThrownBy(() -> alerter.alertOnce(job, Optional.empty(), "e-1"))
                .isInstanceOf(Alerter.AlertInProgressException.class)
                .hasMessageContaining("llama3-8b-spec-decoding FAILED");
        verify(publisher, never()).publish(any());
        // it waited, backing off (50, 100, 200 ms ... within 300 ms), rather than hammering the table
        verify(ledger, org.mockito.Mockito.atLeast(3)).claim(any(), anyString(), any());
        verify(ledger, org.mockito.Mockito.atMost(5)).claim(any(), anyString(), any());
    }

    @Test
    void theChatCopyIsClaimedAndMarkedApartWithItsOwnMessageId() {
        AlertPublisher chatPublisher = mock(AlertPublisher.class);
        Alerter withChat = new Alerter(ledger, publisher, new AlertComposer("us-east-1"),
                Optional.of(new Alerter.Chat(chatPublisher, new ChatComposer(new JobLinks("us-east-1")))),
                Clock.systemUTC(), Duration.ofMillis(300));
        when(ledger.claim(any(), anyString(), any())).thenReturn(ClaimResult.CLAIMED);
        when(ledger.markSent(any(), anyString(), anyString(), any())).thenReturn(true);
        when(publisher.publish(any())).thenReturn("mail-id");
        when(chatPublisher.publishPlain(anyString())).thenReturn("chat-id");
        var window = new io.github.optimizationjobtracker.store.FailureStorms.Window(
                java.time.Instant.parse("2026-11-30T14:00:00Z"), java.util.List.of());

        assertThat(withChat.alertStorm(window, Duration.ofMinutes(10), "e-1")).isEqualTo(Alerter.Outcome.PUBLISHED);

        var keys = org.mockito.ArgumentCaptor.forClass(io.github.optimizationjobtracker.store.AlertLedger.AlertKey.class);
        var ids = org.mockito.ArgumentCaptor.forClass(String.class);
        verify(ledger, org.mockito.Mockito.times(2)).markSent(keys.capture(), anyString(), ids.capture(), any());
        assertThat(ids.getAllValues()).containsExactly("mail-id", "chat-id");
        assertThat(keys.getAllValues().get(0)).isNotEqualTo(keys.getAllValues().get(1));
    }

    @Test
    void waitsForTheHolderAndSkipsWhenItFinishes() {
        when(ledger.claim(any(), anyString(), any()))
                .thenReturn(ClaimResult.HELD_BY_ANOTHER, ClaimResult.HELD_BY_ANOTHER, ClaimResult.ALREADY_SENT);

        assertThat(alerter.alertOnce(job, Optional.empty(), "e-1")).isEqualTo(Alerter.Outcome.ALREADY_SENT);
        verify(publisher, never()).publish(any());
    }

    @Test
    void publishesAndMarksWithTheSameToken() {
        when(ledger.claim(any(), anyString(), any())).thenReturn(ClaimResult.CLAIMED);
        when(publisher.publish(any())).thenReturn("message-1");
        when(ledger.markSent(any(), anyString(), eq("message-1"), any())).thenReturn(true);

        assertThat(alerter.alertOnce(job, Optional.empty(), "e-1")).isEqualTo(Alerter.Outcome.PUBLISHED);
        verify(ledger).markSent(any(), anyString(), eq("message-1"), any());
    }
}
