package com.luxedrive.vehicle.vehicles;

import com.luxedrive.security.LuxePrincipal;
import com.luxedrive.web.ApiException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.util.Optional;
import java.util.UUID;

/** How documents and update requests find their vehicle, and whether the caller may see it. */
@Service
public class VehicleAccess {

    private final VehicleRepository vehicles;

    VehicleAccess(VehicleRepository vehicles) {
        this.vehicles = vehicles;
    }

    /** The vehicle when {@code user} owns it or is staff; "not found" otherwise, whether it exists or not. */
    @Transactional(propagation = Propagation.MANDATORY)
    public VehicleRef visibleTo(LuxePrincipal user, UUID vehicleId) {
        return find(user, vehicleId).orElseThrow(() -> new ApiException.NotFound("vehicle"));
    }

    /**
     * As {@link #visibleTo}, and the vehicle kept until the caller's transaction ends: what the caller then adds to it
     * cannot lose its vehicle to a removal committing meanwhile (that removal waits, or went first and the vehicle is
     * not found).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public VehicleRef keptVisibleTo(LuxePrincipal user, UUID vehicleId) {
        vehicles.keep(vehicleId);
        return visibleTo(user, vehicleId);
    }

    /** Whether {@code user} may see the vehicle (and so what belongs to it): its owner, or staff. */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean canSee(LuxePrincipal user, UUID vehicleId) {
        return find(user, vehicleId).isPresent();
    }

    private Optional<VehicleRef> find(LuxePrincipal user, UUID vehicleId) {
        return (user.isStaff() ? vehicles.findById(vehicleId) : vehicles.findByIdAndOwnerId(vehicleId, user.id()))
                .map(VehicleAccess::ref);
    }

    /** The vehicle, locked until the caller's transaction ends, so its owner cannot change meanwhile. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<VehicleRef> locked(UUID vehicleId) {
        return vehicles.findForUpdate(vehicleId).map(VehicleAccess::ref);
    }

    private static VehicleRef ref(Vehicle vehicle) {
        return new VehicleRef(vehicle.id(), vehicle.ownerId());
    }

    /** A vehicle as the other parts of this service need it. */
    public record VehicleRef(UUID id, UUID ownerId) {

        public boolean isOwnedBy(UUID userId) {
            return ownerId.equals(userId);
        }
    }
}
