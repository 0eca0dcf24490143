package com.luxedrive.security;

import io.jsonwebtoken.Header;
import io.jsonwebtoken.JwsHeader;
import io.jsonwebtoken.LocatorAdapter;
import io.jsonwebtoken.security.Jwk;
import io.jsonwebtoken.security.JwkSet;
import io.jsonwebtoken.security.Jwks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.Key;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Finds the public key of a token's {@code kid} in auth-service's JWKS. The set is cached and replaced whole on each
 * fetch, so a key auth-service stops publishing stops being trusted. It is fetched again when older than
 * {@link #MAX_AGE}, and in the background on an unknown {@code kid}, at most once per {@code minRefetchInterval}: a
 * rotation publishes the next key before signing with it (ADR 8), so only a forgery or a hurried rotation meets one.
 * A set older than {@link #REFRESH_AHEAD} is fetched again in the background while the caller goes on with the current
 * one: verification runs on event loops (the gateway's, realtime-service's sockets), which must not wait on an HTTP
 * call every five minutes; only a set that background fetches could not renew for a whole minute is fetched inline.
 */
public class JwksKeyLocator extends LocatorAdapter<Key> {

    private static final Logger log = LoggerFactory.getLogger(JwksKeyLocator.class);
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(2);
    static final Duration MAX_AGE = Duration.ofMinutes(5);
    static final Duration RETRY_AFTER_FAILURE = Duration.ofMillis(500);
    static final Duration REFRESH_AHEAD = MAX_AGE.minusMinutes(1);
    /** One daemon thread for every locator's background fetches; one fetch per locator at a time. */
    private static final Executor BACKGROUND = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "jwks-refresh");
        thread.setDaemon(true);
        return thread;
    });

    private final JwtVerificationProperties properties;
    private final Clock clock;
    private final HttpClient http;
    private volatile Map<String, PublicKey> keys = Map.of();
    private volatile Instant lastFetch = Instant.MIN;
    private volatile Instant fetchedAt = Instant.MIN;
    private volatile boolean lastFetchFailed;
    /** Fetches ended so far: a caller that waited for another's fetch takes its outcome instead of fetching again. */
    private volatile long fetchesEnded;
    private final AtomicBoolean refreshing = new AtomicBoolean();

    public JwksKeyLocator(JwtVerificationProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(FETCH_TIMEOUT).build();
    }

    @Override
    protected Key locate(JwsHeader header) {
        if (!LuxeClaims.ALGORITHM.equals(header.getAlgorithm())) {
            throw new InvalidTokenException("algorithm " + header.getAlgorithm() + " is not accepted");
        }
        String kid = header.getKeyId();
        if (kid == null) {
            throw new InvalidTokenException("token has no kid");
        }
        Instant now = clock.instant();
        if (fetchedAt.plus(MAX_AGE).isBefore(now)) {
            refetch();
        } else if (fetchedAt.plus(REFRESH_AHEAD).isBefore(now)) {
            refreshInBackground();
        }
        PublicKey key = keys.get(kid);
        if (key == null) {
            // A kid the set lacks: a forgery, or a rotation whose next key was not published ahead of its use (ADR 8).
            // Anyone can send one, and verification runs on event loops: the set is fetched again in the background
            // (at most once per interval), never on the caller's thread, and the token is refused now.
            refreshInBackground();
            throw new InvalidTokenException("unknown kid");
        }
        return key;
    }

    /** One background fetch at a time; {@link #fetch()} keeps them to its interval. */
    private void refreshInBackground() {
        if (refreshing.compareAndSet(false, true)) {
            BACKGROUND.execute(() -> {
                try {
                    refetch();
                } finally {
                    refreshing.set(false);
                }
            });
        }
    }

    /** The key set as last fetched (replaced whole on each fetch), or null once it is due to be fetched again. */
    Object trustedKeys() {
        Map<String, PublicKey> current = keys;
        return fetchedAt.plus(MAX_AGE).isBefore(clock.instant()) ? null : current;
    }

    /**
     * Loads the key set before the first token needs it, retrying while auth-service is not up yet.
     *
     * @return whether it was loaded within {@code patience}
     */
    public boolean prefetch(Duration patience) {
        Instant giveUp = clock.instant().plus(patience);
        while (!refetch() && clock.instant().isBefore(giveUp)) {
            java.util.concurrent.locks.LockSupport.parkNanos(RETRY_AFTER_FAILURE.toNanos());
        }
        return loaded();
    }

    /** Whether the key set was ever loaded; if not, one attempt to load it first (at most one per half second). */
    public boolean loadedOrTryNow() {
        return loaded() || refetch();
    }

    private boolean loaded() {
        return !fetchedAt.equals(Instant.MIN);
    }

    @Override
    protected Key doLocate(Header header) {
        throw new InvalidTokenException("unsigned or encrypted tokens are not accepted");
    }

    /**
     * One fetch at a time. Callers that queued behind a fetch take its outcome: with auth-service slow to answer
     * (each fetch then takes the whole {@code FETCH_TIMEOUT}), every request of a stale set queued for one fetch
     * after another, the last of N waiting N times the time-out.
     */
    private boolean refetch() {
        long seen = fetchesEnded;
        synchronized (this) {
            if (fetchesEnded != seen) {
                return !lastFetchFailed;
            }
            return fetch();
        }
    }

    private boolean fetch() {
        Instant now = clock.instant();
        // after a success, forged kids may not make us fetch more than once per interval; after a failure (auth-service
        // starting or away) we try again soon, or tokens would be refused for a whole interval once it is back
        Duration wait = fetchedAt.equals(Instant.MIN) || lastFetchFailed ? RETRY_AFTER_FAILURE
                : properties.minRefetchInterval();
        if (lastFetch.plus(wait).isAfter(now)) {
            return false;
        }
        lastFetchFailed = true;
        try {
            return fetchNow(now);
        } finally {
            // the pause before the next attempt counts from this one's end, not its start
            lastFetch = clock.instant();
            fetchesEnded++;
        }
    }

    private boolean fetchNow(Instant now) {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(properties.jwksUri()).timeout(FETCH_TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                log.warn("JWKS fetch answered {}", response.statusCode());
                return false;
            }
            JwkSet set = Jwks.setParser().build().parse(response.body());
            Map<String, PublicKey> fetched = new HashMap<>();
            for (Jwk<?> jwk : set.getKeys()) {
                if (jwk.toKey() instanceof PublicKey publicKey && jwk.getId() != null) {
                    fetched.put(jwk.getId(), publicKey);
                }
            }
            Map<String, PublicKey> current = Map.copyOf(fetched);
            // the same keys keep the same map: tokens remembered under it stay valid (VerifiedTokens), so neither the
            // periodic refetch nor a forged kid's empties every replica's cache of verified tokens
            if (!current.equals(keys)) {
                keys = current;
            }
            fetchedAt = now;
            lastFetchFailed = false;
            return true;
        } catch (IOException | RuntimeException e) {
            log.warn("JWKS fetch from {} failed: {}", properties.jwksUri(), e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
