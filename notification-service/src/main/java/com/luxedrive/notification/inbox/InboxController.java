package com.luxedrive.notification.inbox;

import com.luxedrive.security.LuxePrincipal;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

@RestController
@RequestMapping("/api/notifications")
class InboxController {

    private final Inbox inbox;

    InboxController(Inbox inbox) {
        this.inbox = inbox;
    }

    @GetMapping("/my-notifications")
    InboxApi.InboxPage mine(@AuthenticationPrincipal LuxePrincipal user,
                            @RequestParam(required = false) @Pattern(regexp = "unread") String status,
                            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return inbox.page(user.id(), "unread".equals(status), page, size);
    }

    @GetMapping("/unread-count")
    InboxApi.UnreadCount unreadCount(@AuthenticationPrincipal LuxePrincipal user) {
        return inbox.unreadCount(user.id());
    }

    @PatchMapping("/{notificationId}/read")
    InboxApi.ReadState read(@AuthenticationPrincipal LuxePrincipal user, @PathVariable UUID notificationId) {
        return inbox.markRead(user.id(), notificationId);
    }

    @PatchMapping("/read-all")
    InboxApi.ReadAll readAll(@AuthenticationPrincipal LuxePrincipal user) {
        return inbox.markAllRead(user.id());
    }
}
