package com.luxedrive.vehicle.updates;

import com.luxedrive.web.ApiException;
import com.luxedrive.web.ProblemTypes;
import org.springframework.http.HttpStatus;

import java.util.Map;

final class UpdateProblems {

    private UpdateProblems() {
    }

    /** The request is not in a state that allows this move. */
    static final class IllegalTransition extends ApiException {
        private final String from;
        private final String to;

        IllegalTransition(String from, String to) {
            super(HttpStatus.CONFLICT, ProblemTypes.of("illegal-transition"),
                    "An update request that is " + from + " cannot become " + to + ".");
            this.from = from;
            this.to = to;
        }

        @Override
        public Map<String, Object> properties() {
            return Map.of("currentStatus", from, "requestedStatus", to);
        }
    }
}
