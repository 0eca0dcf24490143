package com.luxedrive.web;

import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class RequestIdFilterTest {

    private final RequestIdFilter filter = new RequestIdFilter();

    @Test
    void theGatewaysIdIsInTheLogsWhileTheRequestRunsAndInTheAnswer() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/vehicles");
        request.addHeader("X-Request-Id", "gw-1234");
        MockHttpServletResponse response = new MockHttpServletResponse();
        AtomicReference<String> logged = new AtomicReference<>();

        filter.doFilter(request, response, (req, res) -> logged.set(MDC.get("request_id")));

        assertThat(logged).hasValue("gw-1234");
        assertThat(response.getHeader("X-Request-Id")).isEqualTo("gw-1234");
        assertThat(MDC.get("request_id")).as("cleared after the request").isNull();
    }

    @Test
    void aRequestWithoutASaneIdGetsAFreshOne() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/vehicles");
        request.addHeader("X-Request-Id", "bad id\nwith a forged log line");
        MockHttpServletResponse response = new MockHttpServletResponse();
        AtomicReference<String> logged = new AtomicReference<>();

        filter.doFilter(request, response, (req, res) -> logged.set(MDC.get("request_id")));

        assertThat(logged.get()).matches("[0-9a-f-]{36}");
        assertThat(response.getHeader("X-Request-Id")).isEqualTo(logged.get());
    }
}
