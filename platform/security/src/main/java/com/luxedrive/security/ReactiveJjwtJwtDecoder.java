package com.luxedrive.security;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The reactive face of {@link JjwtJwtDecoder}, for the gateway. Verification may fetch the JWKS (rarely, and
 * rate-limited), so it runs off the event loop; a token verified lately is answered in place.
 */
class ReactiveJjwtJwtDecoder implements ReactiveJwtDecoder {

    private final JjwtJwtDecoder decoder;

    ReactiveJjwtJwtDecoder(LuxeTokenVerifier verifier, int verifiedTokens) {
        this.decoder = new JjwtJwtDecoder(verifier, verifiedTokens);
    }

    @Override
    public Mono<Jwt> decode(String token) {
        Jwt known = decoder.recentlyVerified(token);
        if (known != null) {
            return Mono.just(known);
        }
        return Mono.fromCallable(() -> decoder.verifyAndRemember(token)).subscribeOn(Schedulers.boundedElastic());
    }
}
