package com.luxedrive.notification.sending;

import com.luxedrive.security.LuxePrincipal;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/notifications")
class SendingController {

    private final SendingService sending;

    SendingController(SendingService sending) {
        this.sending = sending;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    SendingApi.SendResponse send(@Valid @RequestBody SendingApi.SendRequest request,
                                 @AuthenticationPrincipal LuxePrincipal staff) {
        return sending.send(request, staff.id());
    }
}
