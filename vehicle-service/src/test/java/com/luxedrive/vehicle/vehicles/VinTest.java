package com.luxedrive.vehicle.vehicles;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The VIN rule through Bean Validation, as the controller applies it. */
class VinTest {

    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

    @ParameterizedTest
    @ValueSource(strings = {
            "1M8GDM9AXKP042788",  // North-American, check digit X
            "11111111111111111",  // North-American, check digit 1
            "1HGCM82633A004352",  // North-American, check digit 3
            "1hgcm82633a004352",  // case does not matter
            "WVWZZZ1JZXW000001",  // European: no check digit
            "SCBCP73W38C056078"}) // British
    void acceptsValidVins(String vin) {
        assertThat(violationsOf(vin)).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "1M8GDM9A1KP042788",   // North-American with a wrong check digit
            "1HGCM82643A004352",   // one character changed, check digit no longer matches
            "WVWZZZ1JZXW00000",    // 16 characters
            "WVWZZZ1JZXW0000011",  // 18 characters
            "WVWZZZIJZXW000001",   // I
            "WVWZZZ1OZXW000001",   // O
            "WVWZZZ1QZXW000001",   // Q
            "WVWZZZ1JZXW00000-",   // punctuation
            "WVWZZZ1JZXW00000é"})  // non-ASCII letter
    void refusesInvalidVins(String vin) {
        assertThat(violationsOf(vin)).isEqualTo(1);
    }

    private static int violationsOf(String vin) {
        return VALIDATOR.validateValue(VehicleRequests.NewVehicle.class, "vin", vin).size();
    }
}
