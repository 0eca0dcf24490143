package com.luxedrive.web;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Coverage-guided fuzzing (Jazzer) of request binding as every service does it: Jackson reading the body into a
 * validated record, path and query parameters converted, and {@link ProblemDetailsAdvice} turning each failure
 * into a problem. Whatever the bytes, the content type, the path and the query, the answer is a success or a 4xx
 * problem+json — never a 500, which would mean a client's mistake reached code that did not expect it.
 */
class RequestBindingFuzzTest {

    private static final List<String> CONTENT_TYPES = List.of("application/json", "application/json;charset=UTF-8",
            "application/problem+json", "text/plain", "application/xml", "multipart/form-data",
            "application/x-www-form-urlencoded", "application/octet-stream", "application/json;charset=latin1",
            "*/*", "application/*+json", "garbage");

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Things())
            .setControllerAdvice(new ProblemDetailsAdvice()).build();

    @FuzzTest(maxDuration = "30s")
    void anyRequestIsASuccessOrAProblemNeverA500(FuzzedDataProvider data) throws Exception {
        String contentType = data.pickValue(CONTENT_TYPES);
        String id = data.consumeString(60);
        String since = data.consumeString(30);
        byte[] body = data.consumeRemainingAsBytes();

        MvcResult result;
        try {
            result = mvc.perform(post("/things/{id}", id).queryParam("since", since).contentType(contentType)
                    .content(body)).andReturn();
        } catch (IllegalArgumentException notAnHttpRequest) {
            // the test's own request builder refused the fuzzed path, query or content type: nothing was sent
            return;
        }

        int status = result.getResponse().getStatus();
        assertThat(status).as(result.getResponse().getContentAsString()).isLessThan(500);
        if (status >= 400) {
            assertThat(result.getResponse().getContentType()).as("status %d", status)
                    .startsWith("application/problem+json");
        }
    }

    @RestController
    @Validated
    static class Things {

        @PostMapping("/things/{id}")
        ResponseEntity<Thing> create(@PathVariable("id") UUID id,
                                     @RequestParam(name = "since", required = false) LocalDate since,
                                     @Valid @RequestBody Thing thing) {
            return ResponseEntity.status(201).body(thing);
        }
    }

    record Thing(@NotBlank @Size(max = 200) String title,
                 @Pattern(regexp = "info|maintenance|alert") String type,
                 @Size(max = 100) List<@NotNull UUID> userIds,
                 @Min(0) @Max(5_000_000) Integer mileage,
                 Instant scheduledAt,
                 @Valid Owner owner) {
    }

    record Owner(@NotNull UUID id, @Size(max = 100) String name) {
    }
}
