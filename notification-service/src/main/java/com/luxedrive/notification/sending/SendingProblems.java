package com.luxedrive.notification.sending;

import com.luxedrive.web.ApiException;
import com.luxedrive.web.ProblemTypes;
import org.springframework.http.HttpStatus;

import java.util.List;
import java.util.UUID;

final class SendingProblems {

    private SendingProblems() {
    }

    static final class UnknownUsers extends ApiException {
        UnknownUsers(List<UUID> ids) {
            super(HttpStatus.BAD_REQUEST, ProblemTypes.of("unknown-recipients"),
                    "These userIds are not active users: " + ids);
        }
    }

    static final class UnknownVehicles extends ApiException {
        UnknownVehicles(List<UUID> ids) {
            super(HttpStatus.BAD_REQUEST, ProblemTypes.of("unknown-vehicles"), "These vehicleIds are not known: " + ids);
        }
    }

    static final class NoRecipients extends ApiException {
        NoRecipients() {
            super(HttpStatus.BAD_REQUEST, ProblemTypes.of("no-recipients"), "The target resolves to nobody.");
        }
    }

    /** A stored draft or schedule whose audience has left since (deactivated, vehicles removed): a conflict. */
    static final class NoRecipientsLeft extends ApiException {
        NoRecipientsLeft() {
            super(HttpStatus.CONFLICT, ProblemTypes.of("no-recipients"),
                    "The target resolves to nobody now: its users were deactivated or its vehicles removed since.");
        }
    }

    static final class InvalidTarget extends ApiException {
        InvalidTarget(String detail) {
            super(HttpStatus.BAD_REQUEST, ProblemTypes.of("invalid-target"), detail);
        }
    }

    /** The notification is not in a state that allows this (editing a sent one, cancelling a sent one…). */
    static final class WrongState extends ApiException {
        WrongState(String status, String action) {
            super(HttpStatus.CONFLICT, ProblemTypes.CONFLICT, "A " + status + " notification cannot be " + action + ".");
        }
    }

    /** {@code If-Match} names a state the notification has left: another change committed since its client read it. */
    static final class ChangedMeanwhile extends ApiException {
        ChangedMeanwhile() {
            super(HttpStatus.PRECONDITION_FAILED, ProblemTypes.of("changed-meanwhile"),
                    "The notification changed since it was read (If-Match names an older ETag); read it again.");
        }
    }

    static final class KeyReused extends ApiException {
        KeyReused() {
            super(HttpStatus.CONFLICT, ProblemTypes.of("idempotency-key-reused"),
                    "This Idempotency-Key was already used with a different request.");
        }
    }
}
