package com.luxedrive.vehicle.vehicles;

import com.luxedrive.web.ApiException;
import com.luxedrive.web.ProblemTypes;
import org.springframework.http.HttpStatus;

final class VehicleProblems {

    private VehicleProblems() {
    }

    static final class AlreadyRegistered extends ApiException {
        AlreadyRegistered(String field, String value) {
            super(HttpStatus.CONFLICT, ProblemTypes.CONFLICT, "A vehicle with this " + field + " (" + value
                    + ") is already registered.");
        }
    }
}
