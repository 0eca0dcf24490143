package com.luxedrive.messaging;

import java.sql.SQLException;

/**
 * Failures that come from the record itself rather than from the moment: the database refused one of its values
 * (SQLSTATE class 22, "data exception" — a NUL character in a text, a number or date out of range). Division by zero
 * (22012) is a bug of the consumer's, not of the record's, and is retried like any other failure.
 */
final class UnstorableValues {

    private UnstorableValues() {
    }

    static boolean refused(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("22")
                    && !sql.getSQLState().equals("22012")) {
                return true;
            }
        }
        return false;
    }
}
