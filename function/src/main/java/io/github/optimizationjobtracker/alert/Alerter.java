package io.github.optimizationjobtracker.alert;

import io.github.optimizationjobtracker.classification.FailureClassification;
import io.github.optimizationjobtracker.job.OptimizationJob;
import io.github.optimizationjobtracker.store.AlertLedger;
import io.github.optimizationjobtracker.store.AlertLedger.AlertKey;
import io.github.optimizationjobtracker.store.AlertLedger.ClaimResult;
import io.github.optimizationjobtracker.store.FailureStorms;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each alert once: claim in the ledger, publish, mark sent. Duplicates arriving together wait briefly for
 * the holder to finish; if it does not, they fail so Lambda retries them after the holder's lease. The chat copy,
 * when a chat topic is configured, is an alert of its own (claimed apart): a chat outage repeats no e-mail.
 */
public final class Alerter {
    private static final Logger LOG = LoggerFactory.getLogger(Alerter.class);

    public enum Outcome { PUBLISHED, ALREADY_SENT }

    /** The chat channel: a topic for Amazon Q Developer in chat applications, and its message format. */
    public record Chat(AlertPublisher publisher, ChatComposer composer) {
        static final String CHANNEL = "chat";
    }

    private final AlertLedger ledger;
    private final AlertPublisher publisher;
    private final AlertComposer composer;
    private final Optional<Chat> chat;
    private final Clock clock;
    private final Duration waitForHolder;

    public Alerter(AlertLedger ledger, AlertPublisher publisher, AlertComposer composer, Clock clock,
                   Duration waitForHolder) {
        this(ledger, publisher, composer, Optional.empty(), clock, waitForHolder);
    }

    public Alerter(AlertLedger ledger, AlertPublisher publisher, AlertComposer composer, Optional<Chat> chat,
                   Clock clock, Duration waitForHolder) {
        this.ledger = ledger;
        this.publisher = publisher;
        this.composer = composer;
        this.chat = chat;
        this.clock = clock;
        this.waitForHolder = waitForHolder;
    }

    /** Alerts a job incarnation's status once. */
    public Outcome alertOnce(OptimizationJob job, Optional<String> createdBy, String eventId) {
        return alertOnce(job, null, createdBy, eventId);
    }

    /** Alerts a job incarnation's status once; {@code failure} (null if none) says what to do. */
    public Outcome alertOnce(OptimizationJob job, FailureClassification failure, Optional<String> createdBy,
                             String eventId) {
        return alertEverywhere(AlertKey.forStatus(job.name(), job.creationTime(), job.statusValue()),
                () -> composer.compose(job, failure, createdBy, eventId),
                c -> c.compose(job, AlertComposer.AlertType.JOB_STATUS, failure, createdBy, eventId));
    }

    /** Alerts a rejected CreateOptimizationJob once per identical rejection and hour. */
    public Outcome alertRejectedCreate(OptimizationJob attempt, String errorCode, String errorMessage,
                                       FailureClassification failure, String caller, String eventId) {
        return alertEverywhere(AlertKey.forRejectedCreate(String.valueOf(caller), attempt.name(), errorCode,
                        errorMessage, attempt.creationTime()),
                () -> composer.composeRejectedCreate(attempt, errorCode, failure, Optional.ofNullable(caller), eventId),
                c -> c.compose(attempt, AlertComposer.AlertType.CREATE_REJECTED, failure, Optional.ofNullable(caller),
                        eventId));
    }

    /** One summary per storm window: how many jobs failed, by category. */
    public Outcome alertStorm(FailureStorms.Window window, Duration windowLength, String eventId) {
        return alertEverywhere(AlertKey.forStorm(window.start()),
                () -> composer.composeStorm(window, windowLength, eventId),
                c -> c.composeStorm(window, windowLength, eventId));
    }

    /** The alert, then its chat copy (if a chat topic is configured), each claimed and sent once. */
    private Outcome alertEverywhere(AlertKey key, Supplier<AlertMessage> alert, Function<ChatComposer, String> chatMessage) {
        Outcome outcome = alertOnce(key, () -> publisher.publish(alert.get()));
        chat.ifPresent(channel -> alertOnce(key.onChannel(Chat.CHANNEL),
                () -> channel.publisher().publishPlain(chatMessage.apply(channel.composer()))));
        return outcome;
    }

    /** Claims the alert, publishes (only if claimed; {@code publish} returns the message id), marks it sent. */
    public Outcome alertOnce(AlertKey key, Supplier<String> publish) {
        String token = UUID.randomUUID().toString();
        long deadline = System.nanoTime() + waitForHolder.toNanos();
        long pause = 50;
        while (true) {
            ClaimResult claim = ledger.claim(key, token, clock.instant());
            if (claim == ClaimResult.ALREADY_SENT) {
                return Outcome.ALREADY_SENT;
            }
            if (claim == ClaimResult.CLAIMED) {
                return publishClaimed(key, token, publish);
            }
            if (System.nanoTime() > deadline) {
                throw new AlertInProgressException("alert for " + key.about() + " " + key.subject()
                        + " is being published by another invocation; failing so Lambda retries after its claim expires");
            }
            sleep(pause);
            pause = Math.min(pause * 2, 400);
        }
    }

    private Outcome publishClaimed(AlertKey key, String token, Supplier<String> publish) {
        String messageId;
        try {
            messageId = publish.get();
        } catch (RuntimeException e) {
            // Give the claim back so the retry can publish at once; if this fails too, the lease expires.
            try {
                ledger.release(key, token);
            } catch (RuntimeException releaseFailure) {
                e.addSuppressed(releaseFailure);
            }
            throw e;
        }
        try {
            if (!ledger.markSent(key, token, messageId, clock.instant())) {
                LOG.warn("alert claim for {} {} expired before it was marked sent; another invocation may repeat it",
                        key.about(), key.subject());
            }
        } catch (RuntimeException e) {
            // The alert is out. Failing now would make every retry publish again once the claim expires; leave
            // the claim to expire instead: at most one repeat, by a later duplicate of this event.
            LOG.error("alert {} for {} {} was published but could not be marked sent; a later duplicate may repeat it",
                    messageId, key.about(), key.subject(), e);
        }
        return Outcome.PUBLISHED;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AlertInProgressException("interrupted while waiting for another invocation's alert");
        }
    }

    /** Another invocation holds the alert; retrying later will find it sent, or take over an expired claim. */
    public static final class AlertInProgressException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public AlertInProgressException(String message) {
            super(message);
        }
    }
}
