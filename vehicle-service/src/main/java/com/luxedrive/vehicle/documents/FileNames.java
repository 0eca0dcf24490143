package com.luxedrive.vehicle.documents;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Optional;

/**
 * The name a document is stored and downloaded under. A name that tries to leave its folder (a path, {@code ..}) or
 * hides characters (controls) is refused; characters some systems treat specially, and bidirectional overrides that
 * disguise an extension ({@code invoice\u202Efdp.exe}), become {@code _}.
 */
final class FileNames {

    static final int MAX_LENGTH = 200;
    private static final String ATTR_CHARS = "!#$&+-.^_`|~";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private FileNames() {
    }

    /** The name to keep, or empty when the name must be refused. */
    static Optional<String> sanitised(String submitted) {
        if (submitted == null) {
            return Optional.empty();
        }
        String name = Normalizer.normalize(submitted.strip(), Normalizer.Form.NFC);
        if (name.isEmpty() || name.length() > MAX_LENGTH || name.contains("/") || name.contains("\\")
                || name.contains("..") || name.chars().anyMatch(Character::isISOControl)) {
            return Optional.empty();
        }
        return Optional.of(name.replaceAll("[:*?\"<>|\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069]", "_"));
    }

    /**
     * {@code attachment} with an ASCII-only {@code filename} for old clients and the exact name in {@code filename*}
     * (RFC 6266 / RFC 8187): a header never carries raw non-ASCII bytes that a proxy or a browser could misread.
     */
    static String attachment(String name) {
        String fallback = name.replaceAll("[^\\x20-\\x7E]", "_").replace('"', '_').replace('\\', '_');
        StringBuilder encoded = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || ATTR_CHARS.indexOf(c) >= 0)) {
                encoded.append(c);
            } else {
                encoded.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
            }
        }
        return "attachment; filename=\"" + fallback + "\"; filename*=UTF-8''" + encoded;
    }
}
