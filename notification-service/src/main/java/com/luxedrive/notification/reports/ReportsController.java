package com.luxedrive.notification.reports;

import com.luxedrive.notification.support.Versions;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.UUID;

/** Staff: what was sent, and what became of it. */
@RestController
@RequestMapping("/api/notifications")
class ReportsController {

    private final Reports reports;

    ReportsController(Reports reports) {
        this.reports = reports;
    }

    @GetMapping
    ReportsApi.NotificationPage list(
            @RequestParam(required = false) @Pattern(regexp = "draft|scheduled|sent|cancelled") String status,
            @RequestParam(required = false) @Pattern(regexp = "info|maintenance|document|promotion|alert") String type,
            @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to,
            @RequestParam(required = false) @Size(max = 100) String q,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return reports.list(new Reports.Filter(status, type, from, to, q), page, size);
    }

    /**
     * A draft or a scheduled notification with the {@code ETag} that an {@code If-Match} on editing, sending or
     * deleting it names. A sent one has none: its delivery figures change without its own state changing, and a tag
     * would let a revalidating client keep stale figures (304).
     */
    @GetMapping("/{id}")
    ResponseEntity<ReportsApi.NotificationSummary> one(@PathVariable UUID id) {
        ReportsApi.NotificationSummary summary = reports.one(id);
        boolean changeable = "draft".equals(summary.status()) || "scheduled".equals(summary.status());
        return changeable ? ResponseEntity.ok().eTag(Versions.etag(summary.updatedAt())).body(summary)
                : ResponseEntity.ok(summary);
    }

    @GetMapping("/{id}/recipients")
    ReportsApi.RecipientPage recipients(@PathVariable UUID id,
                                        @RequestParam(required = false) @Pattern(regexp = "sent|delivered|read")
                                        String status,
                                        @RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
                                        @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return reports.recipients(id, status, page, size);
    }

    /** Defaults to the 30 days before {@code to}, itself defaulting to now. */
    @GetMapping("/analytics")
    ReportsApi.Analytics analytics(@RequestParam(required = false) Instant from,
                                   @RequestParam(required = false) Instant to) {
        return reports.analytics(from, to);
    }
}
