package com.luxedrive.security;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;
import org.springframework.core.log.LogMessage;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Spring's lazy log messages stay unrendered when their level is off (see {@code commons-logging.properties}). */
class LazyLoggingTest {

    @Test
    void aDisabledDebugMessageIsNeverRendered() {
        Log log = LogFactory.getLog("com.luxedrive.security.lazy-logging-test");
        AtomicInteger rendered = new AtomicInteger();
        assertThat(log.isDebugEnabled()).isFalse();

        log.debug(LogMessage.of(() -> "debug " + rendered.incrementAndGet()));
        log.trace(LogMessage.format("trace %s", new Object() {
            @Override
            public String toString() {
                return "rendered " + rendered.incrementAndGet();
            }
        }));
        log.info(LogMessage.of(() -> "info " + rendered.incrementAndGet()));

        assertThat(rendered).as("only the enabled (INFO) message is rendered").hasValue(1);
    }
}
