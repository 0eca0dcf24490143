package com.luxedrive.vehicle.documents;

import com.luxedrive.web.ApiException;
import com.luxedrive.web.ProblemDetailsAdvice;
import com.luxedrive.web.ProblemTypes;
import org.springframework.http.HttpStatus;

import java.util.List;
import java.util.Map;

final class DocumentProblems {

    private DocumentProblems() {
    }

    static final class InvalidFile extends ApiException {
        private final String message;

        InvalidFile(String message) {
            super(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "The request has invalid fields.");
            this.message = message;
        }

        @Override
        public Map<String, Object> properties() {
            return Map.of("errors", List.of(ProblemDetailsAdvice.fieldError("file", message)));
        }
    }

    static final class NoExpiryForType extends ApiException {
        private final String documentType;

        NoExpiryForType(String documentType) {
            super(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "The request has invalid fields.");
            this.documentType = documentType;
        }

        @Override
        public Map<String, Object> properties() {
            return Map.of("errors", List.of(ProblemDetailsAdvice.fieldError("expiresOn",
                    "a document of type " + documentType + " has no expiry date")));
        }
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
}
