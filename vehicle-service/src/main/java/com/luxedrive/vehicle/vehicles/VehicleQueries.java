package com.luxedrive.vehicle.vehicles;

import com.luxedrive.security.LuxePrincipal;
import com.luxedrive.web.ApiException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Reads scoped to the caller: a client only ever finds their own vehicles; anyone else's is "not found". */
@Service
class VehicleQueries {

    private final VehicleRepository vehicles;

    VehicleQueries(VehicleRepository vehicles) {
        this.vehicles = vehicles;
    }

    /** A client's own vehicles, or for staff all of them; narrowed by the filter's members that are set. */
    @Transactional(readOnly = true)
    Page<Vehicle.VehicleView> visibleTo(LuxePrincipal user, VehicleFilter filter, int page, int size) {
        PageRequest request = PageRequest.of(page, size, Sort.by("createdAt").descending().and(Sort.by("id")));
        UUID owner = user.isStaff() ? filter.userId() : user.id();
        List<Specification<Vehicle>> where = new ArrayList<>();
        if (owner != null) {
            where.add((root, query, cb) -> cb.equal(root.get("ownerId"), owner));
        }
        if (filter.make() != null) {
            String make = filter.make().strip().toUpperCase(Locale.ROOT);
            where.add((root, query, cb) -> cb.equal(cb.upper(root.get("make")), make));
        }
        if (filter.status() != null) {
            where.add((root, query, cb) -> cb.equal(root.get("status"), filter.status()));
        }
        if (filter.q() != null && !filter.q().isBlank()) {
            String pattern = "%" + escapeLike(filter.q().strip().toUpperCase(Locale.ROOT)) + "%";
            where.add((root, query, cb) -> cb.or(cb.like(cb.upper(root.get("vin")), pattern, '\\'),
                    cb.like(cb.upper(root.get("licensePlate")), pattern, '\\')));
        }
        return vehicles.findAll(Specification.allOf(where), request).map(Vehicle::view);
    }

    @Transactional(readOnly = true)
    Vehicle.VehicleView one(LuxePrincipal user, UUID id) {
        return (user.isStaff() ? vehicles.findById(id) : vehicles.findByIdAndOwnerId(id, user.id()))
                .map(Vehicle::view)
                .orElseThrow(() -> new ApiException.NotFound("vehicle"));
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** Optional narrowing of {@code GET /api/vehicles}; {@code userId} counts for staff only. */
    record VehicleFilter(UUID userId, String make, String status, String q) {
    }
}
