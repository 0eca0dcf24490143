package com.luxedrive.vehicle.vehicles;

import com.luxedrive.security.LuxePrincipal;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.UUID;

@RestController
@RequestMapping("/api/vehicles")
class VehicleController {

    private final VehicleQueries queries;

    VehicleController(VehicleQueries queries) {
        this.queries = queries;
    }

    @GetMapping
    VehiclePage list(@AuthenticationPrincipal LuxePrincipal user,
                     @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                     @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        var found = queries.visibleTo(user, page, size);
        return new VehiclePage(found.getContent(), found.getNumber(), found.getSize(), found.getTotalElements());
    }

    @GetMapping("/{id}")
    Vehicle.VehicleView one(@AuthenticationPrincipal LuxePrincipal user, @PathVariable UUID id) {
        return queries.one(user, id);
    }

    record VehiclePage(List<Vehicle.VehicleView> content, int page, int size, long totalElements) {
    }
}
