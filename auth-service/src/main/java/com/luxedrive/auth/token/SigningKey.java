package com.luxedrive.auth.token;

import io.jsonwebtoken.security.Jwks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;

/** The RSA key pair auth-service signs with, and its {@code kid} (the RFC 7638 thumbprint of the public key). */
public record SigningKey(String kid, RSAPrivateCrtKey privateKey, RSAPublicKey publicKey) {

    private static final Logger log = LoggerFactory.getLogger(SigningKey.class);
    private static final String PEM_LABEL = "PRIVATE KEY";

    static SigningKey load(SigningProperties properties) {
        Path file = properties.keyFile();
        try {
            if (!Files.exists(file)) {
                if (!properties.generateMissingKey()) {
                    throw new IllegalStateException("no signing key at " + file
                            + " (set luxe.auth.jwt.key-file, or generate-missing-key=true for development)");
                }
                generate(file);
            }
            return fromPem(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the signing key at " + file, e);
        }
    }

    static SigningKey fromPem(String pem) {
        String base64 = pem.replace("-----BEGIN " + PEM_LABEL + "-----", "")
                .replace("-----END " + PEM_LABEL + "-----", "")
                .replaceAll("\\s", "");
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) rsa.generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
            RSAPublicKey publicKey = (RSAPublicKey) rsa.generatePublic(
                    new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
            String kid = Jwks.builder().key(publicKey).idFromThumbprint().build().getId();
            return new SigningKey(kid, privateKey, publicKey);
        } catch (GeneralSecurityException | ClassCastException | IllegalArgumentException e) {
            throw new IllegalStateException("the signing key is not a PKCS#8 RSA private key", e);
        }
    }

    private static void generate(Path file) throws IOException {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            String pem = "-----BEGIN " + PEM_LABEL + "-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPrivate().getEncoded())
                    + "\n-----END " + PEM_LABEL + "-----\n";
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, pem);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                log.debug("cannot restrict permissions of {}", file);
            }
            log.info("generated a development signing key at {}", file);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public key as a JWK, for the JWKS endpoint. */
    java.util.Map<String, String> publicJwk() {
        return java.util.Map.of("kty", "RSA", "use", "sig", "alg", "RS256", "kid", kid,
                "n", base64Url(publicKey.getModulus()), "e", base64Url(publicKey.getPublicExponent()));
    }

    private static String base64Url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
