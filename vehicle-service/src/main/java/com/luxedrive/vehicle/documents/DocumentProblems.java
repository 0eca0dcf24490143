package com.luxedrive.vehicle.documents;

import com.luxedrive.web.ApiException;
import com.luxedrive.web.ProblemTypes;
import org.springframework.http.HttpStatus;


final class DocumentProblems {

    private DocumentProblems() {
    }

    static final class UnsupportedContent extends ApiException {
        UnsupportedContent(String detected) {
            super(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ProblemTypes.UNSUPPORTED_MEDIA_TYPE,
                    "The file's content is " + detected + "; accepted are PDF, JPEG, PNG, HEIC and WebP.");
        }
    }

    static final class TooLarge extends ApiException {
        TooLarge(long maxBytes) {
            super(HttpStatus.PAYLOAD_TOO_LARGE, ProblemTypes.PAYLOAD_TOO_LARGE,
                    "The file is larger than " + maxBytes + " bytes.");
        }
    }

    static final class AlreadyReviewed extends ApiException {
        AlreadyReviewed(String status) {
            super(HttpStatus.CONFLICT, ProblemTypes.CONFLICT, "The document is already " + status + ".");
        }
    }

    static final class TooManyPending extends ApiException {
        TooManyPending(int maxPending) {
            super(HttpStatus.CONFLICT, ProblemTypes.of("too-many-pending-documents"), "The vehicle already has "
                    + maxPending + " documents waiting for review; upload more once staff have reviewed them.");
        }
    }

    static final class Duplicate extends ApiException {
        Duplicate() {
            super(HttpStatus.CONFLICT, ProblemTypes.of("duplicate-document"),
                    "The same file is already on this vehicle, waiting for review or approved.");
        }
    }
}
