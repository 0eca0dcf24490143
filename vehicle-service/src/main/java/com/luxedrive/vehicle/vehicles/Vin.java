package com.luxedrive.vehicle.vehicles;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Locale;

/**
 * A vehicle identification number (ISO 3779): 17 characters from A–Z and 0–9 without I, O and Q. Where the VIN is
 * North-American (first character 1–5), position 9 must be the check digit of the other sixteen (49 CFR 565).
 * Case is ignored; {@code null} is left to {@code @NotBlank}.
 */
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = Vin.Validator.class)
@interface Vin {

    String message() default "must be a 17-character VIN (no I, O or Q) with a valid check digit";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Validator implements ConstraintValidator<Vin, String> {

        private static final String TRANSLITERATION = "0123456789.ABCDEFGH..JKLMN.P.R..STUVWXYZ";
        private static final int[] WEIGHTS = {8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2};

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || isValid(value);
        }

        static boolean isValid(String value) {
            String vin = value.toUpperCase(Locale.ROOT);
            if (!vin.matches("[A-HJ-NPR-Z0-9]{17}")) {
                return false;
            }
            return !isNorthAmerican(vin) || vin.charAt(8) == checkDigit(vin);
        }

        private static boolean isNorthAmerican(String vin) {
            return vin.charAt(0) >= '1' && vin.charAt(0) <= '5';
        }

        static char checkDigit(String vin) {
            int sum = 0;
            for (int i = 0; i < 17; i++) {
                sum += value(vin.charAt(i)) * WEIGHTS[i];
            }
            int remainder = sum % 11;
            return remainder == 10 ? 'X' : (char) ('0' + remainder);
        }

        /** Digits count as themselves; letters as in the standard table (A=1 … H=8, J=1 … R=9, S=2 … Z=9). */
        private static int value(char c) {
            if (Character.isDigit(c)) {
                return c - '0';
            }
            return TRANSLITERATION.indexOf(c) % 10;
        }
    }
}
