package com.luxedrive.gateway.edge;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Limits that would refuse requests for ever do not start. */
class RequestBodyPropertiesTest {

    @Test
    void aCallersShareMustFitTheBudgetAndTheDefaultLimitTheShare() {
        assertThatCode(() -> properties("1MB", "96MB", "25MB")).doesNotThrowAnyException();
        assertThatCode(() -> properties("25MB", "25MB", "25MB")).doesNotThrowAnyException();
        assertThatIllegalArgumentException().isThrownBy(() -> properties("1MB", "20MB", "25MB"))
                .withMessageContaining("luxe.gateway.body-buffer-per-caller");
        assertThatIllegalArgumentException().isThrownBy(() -> properties("30MB", "96MB", "25MB"))
                .withMessageContaining("luxe.gateway.max-body-size");
    }

    private static RequestBodyProperties properties(String maxBody, String budget, String perCaller) {
        return new RequestBodyProperties(DataSize.parse(maxBody), DataSize.parse(budget), DataSize.parse(perCaller),
                Duration.ofSeconds(30), Duration.ofMinutes(10));
    }
}
