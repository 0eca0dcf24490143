package com.luxedrive.auth.token;

import io.jsonwebtoken.security.Jwks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

/**
 * An RSA key of the JWKS and its {@code kid} (the RFC 7638 thumbprint of the public key). The signing key has its
 * private half; a key only published (next or previous) may not.
 */
public record SigningKey(String kid, RSAPrivateCrtKey privateKey, RSAPublicKey publicKey) {

    private static final Logger log = LoggerFactory.getLogger(SigningKey.class);
    private static final String PRIVATE_LABEL = "PRIVATE KEY";
    private static final String PUBLIC_LABEL = "PUBLIC KEY";

    /** The signing key; created when absent only if the configuration allows it (development). */
    static SigningKey loadSigning(SigningProperties properties) {
        Path file = properties.keyFile();
        if (file == null || file.toString().isBlank()) {
            throw new IllegalStateException("no signing key configured: set luxe.auth.jwt.key-file "
                    + "(LUXE_AUTH_JWT_KEY_FILE), or generate-missing-key=true for development");
        }
        if (!Files.exists(file)) {
            if (!properties.generateMissingKey()) {
                throw new IllegalStateException("no signing key at " + file
                        + " (set luxe.auth.jwt.key-file, or generate-missing-key=true for development)");
            }
            generate(file);
        }
        SigningKey key = load(file);
        if (key.privateKey() == null) {
            throw new IllegalStateException("the signing key at " + file + " has no private half");
        }
        return key;
    }

    static SigningKey load(Path file) {
        try {
            return fromPem(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the key at " + file, e);
        }
    }

    static SigningKey fromPem(String pem) {
        boolean isPublic = pem.contains("BEGIN " + PUBLIC_LABEL);
        String label = isPublic ? PUBLIC_LABEL : PRIVATE_LABEL;
        String base64 = pem.replace("-----BEGIN " + label + "-----", "")
                .replace("-----END " + label + "-----", "")
                .replaceAll("\\s", "");
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            byte[] der = Base64.getDecoder().decode(base64);
            RSAPrivateCrtKey privateKey = null;
            RSAPublicKey publicKey;
            if (isPublic) {
                publicKey = (RSAPublicKey) rsa.generatePublic(new X509EncodedKeySpec(der));
            } else {
                privateKey = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(der));
                publicKey = (RSAPublicKey) rsa.generatePublic(
                        new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
            }
            if (publicKey.getModulus().bitLength() < 2048) {
                throw new IllegalStateException("RSA keys must have at least 2048 bits");
            }
            String kid = Jwks.builder().key(publicKey).idFromThumbprint().build().getId();
            return new SigningKey(kid, privateKey, publicKey);
        } catch (GeneralSecurityException | ClassCastException | IllegalArgumentException e) {
            throw new IllegalStateException("not a PEM RSA key (PKCS#8 private or X.509 public)", e);
        }
    }

    private static void generate(Path file) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            String pem = "-----BEGIN " + PRIVATE_LABEL + "-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPrivate().getEncoded())
                    + "\n-----END " + PRIVATE_LABEL + "-----\n";
            Path directory = file.toAbsolutePath().getParent();
            Files.createDirectories(directory);
            // created readable by its owner only, then put in place whole: the key is never readable by others, nor
            // half-written to a replica reading it meanwhile; a key another replica put there first is kept (a link
            // fails where the file exists), so no replica signs with a key that is no longer on disk
            Path written;
            try {
                written = Files.createTempFile(directory, ".signing-key-", ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                log.debug("cannot restrict permissions in {}", directory);
                written = Files.createTempFile(directory, ".signing-key-", ".tmp");
            }
            try {
                Files.writeString(written, pem);
                Files.createLink(file, written);
                log.info("generated a development signing key at {}", file);
            } catch (FileAlreadyExistsException another) {
                log.info("another instance generated the development signing key at {} first", file);
            } finally {
                Files.deleteIfExists(written);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The public key as a JWK, for the JWKS endpoint. */
    Map<String, String> publicJwk() {
        return Map.of("kty", "RSA", "use", "sig", "alg", "RS256", "kid", kid,
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
