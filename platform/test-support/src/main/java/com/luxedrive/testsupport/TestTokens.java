package com.luxedrive.testsupport;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.jsonwebtoken.Jwts;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * Access tokens as auth-service would sign them, with a key generated for this JVM. Its public half is served as a
 * JWKS by WireMock, standing in for auth-service, so every service's real verification accepts these tokens.
 */
public final class TestTokens {

    public static final String ISSUER = "luxe-auth";
    public static final String AUDIENCE = "luxe-drive-hub";
    private static final String KID = "test-" + UUID.randomUUID();
    private static final KeyPair KEYS = rsaKeyPair();
    private static volatile WireMockServer jwksServer;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TestTokens() {
    }

    /** The issue time ({@code iat}, whole seconds) a token says it has, read without checking it. */
    public static Instant issuedAt(String token) {
        String[] parts = token.split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        return Instant.ofEpochSecond(JSON.readTree(claims).path("iat").asLong());
    }

    public static String client(UUID userId) {
        return token(userId, "client", "client", Duration.ofMinutes(15));
    }

    /** A client's token issued at {@code issuedAt}, valid 15 minutes from then. */
    public static String client(UUID userId, Instant issuedAt) {
        return sign(userId, "client", "client", issuedAt, issuedAt.plus(Duration.ofMinutes(15)), KEYS.getPrivate());
    }

    public static String admin(UUID userId) {
        return token(userId, "admin", "admin", Duration.ofMinutes(15));
    }

    public static String support(UUID userId) {
        return token(userId, "support", "admin", Duration.ofMinutes(15));
    }

    /** A token that expired {@code ago} ago. */
    public static String expired(UUID userId, Duration ago) {
        return token(userId, "client", "client", ago.negated());
    }

    /** A well-formed token signed by a key nobody published. */
    public static String forged(UUID userId) {
        return sign(userId, "admin", "admin", Duration.ofMinutes(15), rsaKeyPair().getPrivate());
    }

    /** Attacks on tokens for this JVM's key: see {@link TokenForgery}. */
    public static java.util.Map<String, String> attacks(UUID userId, String role) {
        return new TokenForgery(KEYS.getPrivate(), KEYS.getPublic(), KID, ISSUER, AUDIENCE).attacks(userId, role);
    }

    public static String token(UUID userId, String role, String userType, Duration validFor) {
        return sign(userId, role, userType, validFor, KEYS.getPrivate());
    }

    private static String sign(UUID userId, String role, String userType, Duration validFor, PrivateKey key) {
        Instant now = Instant.now();
        return sign(userId, role, userType, now.minus(validFor.isNegative() ? Duration.ofHours(1) : Duration.ZERO),
                now.plus(validFor), key);
    }

    private static String sign(UUID userId, String role, String userType, Instant issuedAt, Instant expiresAt,
                               PrivateKey key) {
        return Jwts.builder()
                .header().keyId(KID).and()
                .subject(userId.toString())
                .issuer(ISSUER)
                .audience().add(AUDIENCE).and()
                .id(UUID.randomUUID().toString())
                .issuedAt(Date.from(issuedAt))
                .expiration(Date.from(expiresAt))
                .claim("id", userId.toString())
                .claim("email", "user-" + userId + "@example.test")
                .claim("fullName", "Test " + role)
                .claim("role", role)
                .claim("userType", userType)
                .signWith(key, Jwts.SIG.RS256)
                .compact();
    }

    /** The JWKS address, starting the stand-in on first use. */
    public static synchronized String jwksUri() {
        if (jwksServer == null) {
            WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
            server.start();
            server.stubFor(get("/api/auth/.well-known/jwks.json").willReturn(okJson(jwks())));
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "test-jwks-stop"));
            jwksServer = server;
        }
        return "http://127.0.0.1:" + jwksServer.port() + "/api/auth/.well-known/jwks.json";
    }

    private static String jwks() {
        return "{\"keys\":[" + jwk(KID, KEYS.getPublic()) + "]}";
    }

    /** An RSA public key as a JWKS entry under {@code kid}, as auth-service publishes its keys. */
    public static String jwk(String kid, PublicKey publicKey) {
        RSAPublicKey key = (RSAPublicKey) publicKey;
        return "{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"" + kid + "\",\"n\":\""
                + base64Url(key.getModulus()) + "\",\"e\":\"" + base64Url(key.getPublicExponent()) + "\"}";
    }

    private static String base64Url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A fresh 2048-bit RSA key pair, for tests that need a key of their own. */
    public static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
