package com.luxedrive.auth.email;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The two forms of an email address: as shown (what the user typed, trimmed, in Unicode's composed form) and as
 * compared. Two addresses are one account when their compared forms are equal: lower case in every script (not
 * only ASCII, whatever the database's collation; Java's root-locale lower case, not full case folding, so {@code ß}
 * and {@code ss} stay two) and compatibility characters unified, so {@code Élise@…},
 * {@code élise@…} and an {@code e} followed by a combining accent are one address.
 */
public final class EmailAddresses {

    private EmailAddresses() {
    }

    /** As shown and sent back: trimmed, NFC. */
    public static String displayed(String email) {
        return Normalizer.normalize(email.strip(), Normalizer.Form.NFC);
    }

    /** As compared, for uniqueness, login and the lockout: NFKC, lower case (root locale), NFKC again. */
    public static String key(String email) {
        String compatible = Normalizer.normalize(email.strip(), Normalizer.Form.NFKC);
        return Normalizer.normalize(compatible.toLowerCase(Locale.ROOT), Normalizer.Form.NFKC);
    }
}
