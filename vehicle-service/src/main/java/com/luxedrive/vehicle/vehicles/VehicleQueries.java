package com.luxedrive.vehicle.vehicles;

import com.luxedrive.security.LuxePrincipal;
import com.luxedrive.web.ApiException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.UUID;

/** Reads scoped to the caller: a client only ever finds their own vehicles; anyone else's is "not found". */
@Service
class VehicleQueries {

    private final VehicleRepository vehicles;

    VehicleQueries(VehicleRepository vehicles) {
        this.vehicles = vehicles;
    }

    @Transactional(readOnly = true)
    Page<Vehicle.VehicleView> visibleTo(LuxePrincipal user, int page, int size) {
        PageRequest request = PageRequest.of(page, size, Sort.by("createdAt").descending().and(Sort.by("id")));
        Page<Vehicle> found = user.isStaff() ? vehicles.findAll(request) : vehicles.findByOwnerId(user.id(), request);
        return found.map(Vehicle::view);
    }

    @Transactional(readOnly = true)
    Vehicle.VehicleView one(LuxePrincipal user, UUID id) {
        return (user.isStaff() ? vehicles.findById(id) : vehicles.findByIdAndOwnerId(id, user.id()))
                .map(Vehicle::view)
                .orElseThrow(() -> new ApiException.NotFound("vehicle"));
    }
}
