package com.luxedrive.vehicle.updates;

import com.luxedrive.security.LuxePrincipal;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.UUID;

@RestController
class UpdateController {

    private final UpdateService updates;

    UpdateController(UpdateService updates) {
        this.updates = updates;
    }

    @PostMapping("/api/vehicles/{vehicleId}/updates")
    @ResponseStatus(HttpStatus.CREATED)
    VehicleUpdate.UpdateView request(@AuthenticationPrincipal LuxePrincipal staff, @PathVariable UUID vehicleId,
                                     @Valid @RequestBody UpdateRequests.NewUpdate request) {
        return updates.request(staff, vehicleId, request);
    }

    @GetMapping("/api/vehicles/{vehicleId}/updates")
    List<VehicleUpdate.UpdateView> ofVehicle(@AuthenticationPrincipal LuxePrincipal user,
                                             @PathVariable UUID vehicleId) {
        return updates.ofVehicle(user, vehicleId);
    }

    @GetMapping("/api/vehicle-updates/{id}")
    VehicleUpdate.UpdateView one(@AuthenticationPrincipal LuxePrincipal user, @PathVariable UUID id) {
        return updates.one(user, id);
    }

    @PostMapping("/api/vehicle-updates/{id}/response")
    VehicleUpdate.UpdateView answer(@AuthenticationPrincipal LuxePrincipal owner, @PathVariable UUID id,
                                    @Valid @RequestBody UpdateRequests.Answer answer) {
        return updates.answer(owner.id(), id, answer.approved(), answer.reason());
    }

    @PatchMapping("/api/vehicle-updates/{id}")
    VehicleUpdate.UpdateView close(@PathVariable UUID id, @Valid @RequestBody UpdateRequests.Closing closing) {
        return updates.close(id, closing.status());
    }
}
