package com.luxedrive.web;

/**
 * Patterns for {@code @Pattern} on text the services keep stripped ({@link String#strip()}).
 */
public final class TextPatterns {

    /**
     * Some text other than white space, Unicode's included (an em space, a no-break space), and other than the four
     * separators ({@code U+001C}–{@code U+001F}) that {@link String#strip()} removes too: what is left once stripped
     * is not empty. {@code @NotBlank} alone trims only what {@link String#trim()} does, so a name of em spaces passed
     * it and was stored empty. A {@code null} passes, as with every {@code @Pattern}: for the members of a patch that
     * may be left out.
     */
    public static final String HAS_TEXT = "(?sU).*[^\\s\\x1C-\\x1F].*";

    private TextPatterns() {
    }
}
