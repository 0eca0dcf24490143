package com.luxedrive.notification.inbox;

import com.luxedrive.security.LuxePrincipal;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

/** A user's own inbox; every route is scoped to the caller. */
@RestController
@RequestMapping("/api/notifications")
class InboxController {

    private final Inbox inbox;

    InboxController(Inbox inbox) {
        this.inbox = inbox;
    }

    /** Newest first; {@code cursor} from the previous page's {@code nextCursor}, or {@code page} numbers. */
    @GetMapping("/my-notifications")
    InboxApi.InboxPage mine(@AuthenticationPrincipal LuxePrincipal user,
                            @RequestParam(required = false) @Pattern(regexp = "unread|read") String status,
                            @RequestParam(defaultValue = "false") boolean archived,
                            @RequestParam(required = false) @Size(max = 200) String cursor,
                            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return inbox.page(user.id(), InboxApi.Filter.of(status, archived), cursor, page, size);
    }

    @GetMapping("/my-notifications/counts")
    InboxApi.Counts counts(@AuthenticationPrincipal LuxePrincipal user) {
        return inbox.counts(user.id());
    }

    /** Not yet acknowledged by any of the caller's devices, oldest first: what a socket replays on (re)connect. */
    @GetMapping("/undelivered")
    InboxApi.UndeliveredPage undelivered(@AuthenticationPrincipal LuxePrincipal user,
                                         @RequestParam(defaultValue = "100") @Min(1) @Max(500) int limit) {
        return inbox.undelivered(user.id(), limit);
    }

    @GetMapping("/unread-count")
    InboxApi.UnreadCount unreadCount(@AuthenticationPrincipal LuxePrincipal user) {
        return inbox.unreadCount(user.id());
    }

    @PatchMapping("/{notificationId}/read")
    InboxApi.ReadState read(@AuthenticationPrincipal LuxePrincipal user, @PathVariable UUID notificationId) {
        return inbox.markRead(user.id(), notificationId);
    }

    @PatchMapping("/{notificationId}/unread")
    InboxApi.ReadState unread(@AuthenticationPrincipal LuxePrincipal user, @PathVariable UUID notificationId) {
        return inbox.markUnread(user.id(), notificationId);
    }

    @PatchMapping("/read-all")
    InboxApi.Updated readAll(@AuthenticationPrincipal LuxePrincipal user) {
        return inbox.markAllRead(user.id());
    }

    @PatchMapping("/{notificationId}/archive")
    InboxApi.Updated archive(@AuthenticationPrincipal LuxePrincipal user, @PathVariable UUID notificationId) {
        return inbox.archive(user.id(), notificationId, true);
    }

    @PatchMapping("/{notificationId}/unarchive")
    InboxApi.Updated unarchive(@AuthenticationPrincipal LuxePrincipal user, @PathVariable UUID notificationId) {
        return inbox.archive(user.id(), notificationId, false);
    }

    @PatchMapping("/archive-read")
    InboxApi.Updated archiveAllRead(@AuthenticationPrincipal LuxePrincipal user) {
        return inbox.archiveAllRead(user.id());
    }
}
