package com.luxedrive.auth.token;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The key that signs, and every key the JWKS publishes (it, then the next and previous ones). */
public record SigningKeys(SigningKey signing, List<SigningKey> published) {

    static SigningKeys load(SigningProperties properties) {
        SigningKey signing = SigningKey.loadSigning(properties);
        Map<String, SigningKey> byKid = new LinkedHashMap<>();
        byKid.put(signing.kid(), signing);
        properties.publishedKeyFiles().stream().map(SigningKey::load).forEach(key -> byKid.putIfAbsent(key.kid(), key));
        return new SigningKeys(signing, List.copyOf(new ArrayList<>(byKid.values())));
    }

    Optional<PublicKey> publicKey(String kid) {
        return published.stream().filter(key -> key.kid().equals(kid)).findFirst().map(SigningKey::publicKey);
    }
}
