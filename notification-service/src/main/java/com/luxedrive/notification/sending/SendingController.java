package com.luxedrive.notification.sending;

import com.luxedrive.security.LuxePrincipal;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import com.luxedrive.notification.support.Versions;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

@RestController
@RequestMapping("/api/notifications")
class SendingController {

    private final SendingService sending;

    SendingController(SendingService sending) {
        this.sending = sending;
    }

    /**
     * Sends now, schedules ({@code scheduledAt}) or keeps a draft ({@code draft: true}); the {@code ETag} names the
     * state a later {@code If-Match} on the draft or scheduled notification refers to.
     */
    @PostMapping
    ResponseEntity<SendingApi.SendResponse> send(@Valid @RequestBody SendingApi.SendRequest request,
                                 @AuthenticationPrincipal LuxePrincipal staff,
                                 @RequestHeader(name = "Idempotency-Key", required = false)
                                 @Pattern(regexp = "[\\x21-\\x7E]{1,255}",
                                         message = "must be 1-255 visible ASCII characters") String idempotencyKey) {
        SendingApi.SendResponse created = sending.create(request, staff.id(), idempotencyKey);
        return ResponseEntity.status(HttpStatus.CREATED).eTag(Versions.etag(created.notification().updatedAt()))
                .body(created);
    }

    /** {@code If-Match} (optional): refused with 412 when another change came first. */
    @PatchMapping("/{id}")
    ResponseEntity<SendingApi.NotificationView> edit(@PathVariable UUID id,
                                                     @Valid @RequestBody SendingApi.DraftChanges changes,
                                                     @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        SendingApi.NotificationView edited = sending.edit(id, changes, ifMatch);
        return ResponseEntity.ok().eTag(Versions.etag(edited.updatedAt())).body(edited);
    }

    @PostMapping("/{id}/send")
    SendingApi.SendResponse sendNow(@PathVariable UUID id,
                                    @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        return sending.sendNow(id, ifMatch);
    }

    /** Deletes a draft, or cancels a scheduled notification before it fires. */
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable UUID id, @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        sending.delete(id, ifMatch);
    }
}
