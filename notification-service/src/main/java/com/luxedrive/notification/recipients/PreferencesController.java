package com.luxedrive.notification.recipients;

import com.luxedrive.security.LuxePrincipal;
import jakarta.validation.Valid;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A user's own notification preferences. */
@RestController
@RequestMapping("/api/notifications/preferences")
class PreferencesController {

    private final Preferences preferences;

    PreferencesController(Preferences preferences) {
        this.preferences = preferences;
    }

    @GetMapping
    PreferencesApi.View mine(@AuthenticationPrincipal LuxePrincipal user) {
        return preferences.of(user.id());
    }

    @PutMapping
    PreferencesApi.View change(@AuthenticationPrincipal LuxePrincipal user,
                               @Valid @RequestBody PreferencesApi.Change change) {
        return preferences.mute(user.id(), change.mutedTypes());
    }
}
