package com.luxedrive.testsupport;

import io.jsonwebtoken.Jwts;

import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The classic attacks on a JWT verifier, each as a token for the same user: every one must be refused with 401.
 * Built from the real signing key where the attack needs a valid signature on a bad claim.
 */
public final class TokenForgery {

    private final PrivateKey signingKey;
    private final PublicKey publicKey;
    private final String kid;
    private final String issuer;
    private final String audience;

    public TokenForgery(PrivateKey signingKey, PublicKey publicKey, String kid, String issuer, String audience) {
        this.signingKey = signingKey;
        this.publicKey = publicKey;
        this.kid = kid;
        this.issuer = issuer;
        this.audience = audience;
    }

    /** Attack name → token. */
    public Map<String, String> attacks(UUID userId, String role) {
        Instant now = Instant.now();
        Map<String, String> attacks = new LinkedHashMap<>();
        attacks.put("alg none", unsigned(userId, role, now));
        attacks.put("HS256 signed with the public key", hmacWithPublicKey(userId, role, now));
        attacks.put("expired", signed(userId, role, issuer, audience, kid, now.minus(Duration.ofHours(1)),
                now.minus(Duration.ofMinutes(10)), null));
        attacks.put("not yet valid", signed(userId, role, issuer, audience, kid, now, now.plus(Duration.ofHours(1)),
                now.plus(Duration.ofMinutes(10))));
        attacks.put("wrong iss", signed(userId, role, "https://evil.example", audience, kid, now,
                now.plus(Duration.ofMinutes(5)), null));
        attacks.put("wrong aud", signed(userId, role, issuer, "another-platform", kid, now,
                now.plus(Duration.ofMinutes(5)), null));
        attacks.put("tampered payload", tampered(userId, now));
        attacks.put("unknown kid", signed(userId, role, issuer, audience, "kid-nobody-published", now,
                now.plus(Duration.ofMinutes(5)), null));
        attacks.put("signed by another key", Jwts.builder().header().keyId(kid).and()
                .claims(claims(userId, role, issuer, audience, now, now.plus(Duration.ofMinutes(5)), null))
                .signWith(otherKey(), Jwts.SIG.RS256).compact());
        attacks.put("refresh token used as access token", Base64.getUrlEncoder().withoutPadding()
                .encodeToString(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8)));
        attacks.put("garbage", "not.a.jwt");
        return attacks;
    }

    private String signed(UUID userId, String role, String iss, String aud, String keyId, Instant issuedAt,
                          Instant expiresAt, Instant notBefore) {
        return Jwts.builder().header().keyId(keyId).and()
                .claims(claims(userId, role, iss, aud, issuedAt, expiresAt, notBefore))
                .signWith(signingKey, Jwts.SIG.RS256).compact();
    }

    private String unsigned(UUID userId, String role, Instant now) {
        String header = base64("{\"alg\":\"none\",\"kid\":\"" + kid + "\"}");
        return header + "." + base64(payloadJson(userId, role, now)) + ".";
    }

    private String hmacWithPublicKey(UUID userId, String role, Instant now) {
        return Jwts.builder().header().keyId(kid).and()
                .claims(claims(userId, role, issuer, audience, now, now.plus(Duration.ofMinutes(5)), null))
                .signWith(new SecretKeySpec(publicKey.getEncoded(), "HmacSHA256"), Jwts.SIG.HS256).compact();
    }

    /** A genuinely signed client token whose payload is swapped for an admin one afterwards. */
    private String tampered(UUID userId, Instant now) {
        String genuine = signed(userId, "client", issuer, audience, kid, now, now.plus(Duration.ofMinutes(5)), null);
        String[] parts = genuine.split("\\.");
        return parts[0] + "." + base64(payloadJson(userId, "admin", now)) + "." + parts[2];
    }

    private String payloadJson(UUID userId, String role, Instant now) {
        String userType = "client".equals(role) ? "client" : "admin";
        return "{\"iss\":\"" + issuer + "\",\"aud\":\"" + audience + "\",\"sub\":\"" + userId + "\",\"id\":\"" + userId
                + "\",\"email\":\"x@example.test\",\"fullName\":\"X\",\"role\":\"" + role + "\",\"userType\":\""
                + userType + "\",\"iat\":" + now.getEpochSecond() + ",\"exp\":" + now.plusSeconds(300).getEpochSecond()
                + ",\"jti\":\"" + UUID.randomUUID() + "\"}";
    }

    private static Map<String, Object> claims(UUID userId, String role, String iss, String aud, Instant issuedAt,
                                              Instant expiresAt, Instant notBefore) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", iss);
        claims.put("aud", aud);
        claims.put("sub", userId.toString());
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("iat", Date.from(issuedAt));
        claims.put("exp", Date.from(expiresAt));
        if (notBefore != null) {
            claims.put("nbf", Date.from(notBefore));
        }
        claims.put("id", userId.toString());
        claims.put("email", "x@example.test");
        claims.put("fullName", "X");
        claims.put("role", role);
        claims.put("userType", "client".equals(role) ? "client" : "admin");
        return claims;
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static PrivateKey otherKey() {
        return TestTokens.rsaKeyPair().getPrivate();
    }
}
