package com.luxedrive.security;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The reactive face of {@link JjwtJwtDecoder}, for the gateway. With the keys in memory — nearly always — the token is
 * verified where the request is (RSA verification is CPU only): hopping to another thread for it made the rest of
 * each request's filter chain and its proxied call run there, a fifth of the gateway's samples in a profile
 * (docs/performance.md). Only when the key set must be fetched (unknown kid, due for refresh) does verification move
 * to a thread that may block.
 */
class ReactiveJjwtJwtDecoder implements ReactiveJwtDecoder {

    private final JjwtJwtDecoder decoder;
    private final JwksKeyLocator keys;

    /** @param keys the key set, when it is fetched ({@code null}: keys are local, nothing ever blocks) */
    ReactiveJjwtJwtDecoder(LuxeTokenVerifier verifier, JwksKeyLocator keys) {
        this.decoder = new JjwtJwtDecoder(verifier);
        this.keys = keys;
    }

    @Override
    public Mono<Jwt> decode(String token) {
        if (keys == null) {
            return Mono.fromCallable(() -> decoder.decode(token));
        }
        return Mono.defer(() -> {
            try {
                return Mono.just(keys.withoutFetching(() -> decoder.decode(token)));
            } catch (JwksKeyLocator.KeyNotAtHand notAtHand) {
                return Mono.fromCallable(() -> decoder.decode(token)).subscribeOn(Schedulers.boundedElastic());
            }
        });
    }
}
