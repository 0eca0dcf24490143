package com.luxedrive.vehicle.vehicles;

import com.luxedrive.security.LuxePrincipal;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.UUID;

@RestController
@RequestMapping("/api/vehicles")
class VehicleController {

    private final VehicleQueries queries;
    private final VehicleCommands commands;

    VehicleController(VehicleQueries queries, VehicleCommands commands) {
        this.queries = queries;
        this.commands = commands;
    }

    /** A client's own vehicles; staff see all, optionally narrowed by owner, make, status or a VIN/plate search. */
    @GetMapping
    VehiclePage list(@AuthenticationPrincipal LuxePrincipal user,
                     @RequestParam(required = false) UUID userId,
                     @RequestParam(required = false) @Size(max = 60) String make,
                     @RequestParam(required = false) @Pattern(regexp = VehicleRequests.STATUSES) String status,
                     @RequestParam(required = false) @Size(max = 40) String q,
                     @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                     @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        var found = queries.visibleTo(user, new VehicleQueries.VehicleFilter(userId, make, status, q), page, size);
        return new VehiclePage(found.getContent(), found.getNumber(), found.getSize(), found.getTotalElements());
    }

    @GetMapping("/{id}")
    Vehicle.VehicleView one(@AuthenticationPrincipal LuxePrincipal user, @PathVariable UUID id) {
        return queries.one(user, id);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Vehicle.VehicleView register(@Valid @RequestBody VehicleRequests.NewVehicle request) {
        return commands.register(request);
    }

    @PatchMapping("/{id}")
    Vehicle.VehicleView change(@PathVariable UUID id, @Valid @RequestBody VehicleRequests.VehicleChanges changes) {
        return commands.change(id, changes);
    }

    @PostMapping("/{id}/transfer")
    Vehicle.VehicleView transfer(@PathVariable UUID id, @Valid @RequestBody VehicleRequests.Transfer transfer) {
        return commands.transfer(id, transfer.newOwnerId());
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@PathVariable UUID id) {
        commands.remove(id);
    }

    record VehiclePage(List<Vehicle.VehicleView> content, int page, int size, long totalElements) {
    }
}
