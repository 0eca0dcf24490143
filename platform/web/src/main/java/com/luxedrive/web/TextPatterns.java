package com.luxedrive.web;

/**
 * Patterns for {@code @Pattern} on text the services keep stripped ({@link String#strip()}).
 */
public final class TextPatterns {

    /**
     * Some text other than white space, Unicode's included (an em space, a no-break space), and other than the four
     * separators ({@code U+001C}–{@code U+001F}) that {@link String#strip()} removes too: what is left once stripped
     * is not empty. A patch's members, which may be left out, have no {@code @NotBlank}: a name of em spaces passed
     * and was stored empty. Beside {@code @NotBlank} (Hibernate Validator's: {@link String#isBlank()}, Java's white
     * space) it also refuses no-break spaces, which Java counts as neither white space nor something to strip. A
     * {@code null} passes, as with every {@code @Pattern}.
     */
    public static final String HAS_TEXT = "(?sU).*[^\\s\\x1C-\\x1F].*";

    private TextPatterns() {
    }
}
