package com.luxedrive.vehicle.vehicles;

import com.luxedrive.web.ApiException;
import com.luxedrive.web.ProblemDetailsAdvice;
import com.luxedrive.web.ProblemTypes;
import org.springframework.http.HttpStatus;

import java.util.List;
import java.util.Map;
import java.util.UUID;

final class VehicleProblems {

    private VehicleProblems() {
    }

    static final class AlreadyRegistered extends ApiException {
        AlreadyRegistered(String field, String value) {
            super(HttpStatus.CONFLICT, ProblemTypes.CONFLICT, "A vehicle with this " + field + " (" + value
                    + ") is already registered.");
        }
    }

    static final class NotAnActiveClient extends ApiException {
        private final String field;

        NotAnActiveClient(String field, UUID userId) {
            super(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, userId + " is not an active client.");
            this.field = field;
        }

        @Override
        public Map<String, Object> properties() {
            return Map.of("errors", List.of(ProblemDetailsAdvice.fieldError(field, "must be an active client")));
        }
    }

    static final class InvalidYear extends ApiException {
        private final int latest;

        InvalidYear(int latest) {
            super(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "The request has invalid fields.");
            this.latest = latest;
        }

        @Override
        public Map<String, Object> properties() {
            return Map.of("errors", List.of(ProblemDetailsAdvice.fieldError("year", "must be at most " + latest)));
        }
    }
}
