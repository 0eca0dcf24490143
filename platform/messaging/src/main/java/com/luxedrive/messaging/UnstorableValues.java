package com.luxedrive.messaging;

import java.sql.SQLException;

/**
 * Failures that come from the record itself rather than from the moment: the database refused one of its values
 * (SQLSTATE class 22, "data exception" — a NUL character in a text, a number or date out of range), or refused it for
 * a column that must have one (23502, not-null) or for a check constraint (23514, a value outside the column's set).
 * Division by zero (22012) is a bug of the consumer's, not of the record's, and is retried like any other failure; so
 * are the other integrity violations (a foreign key's row may be there on the next try).
 */
final class UnstorableValues {

    private UnstorableValues() {
    }

    static boolean refused(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null && refused(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static boolean refused(String sqlState) {
        return sqlState.startsWith("22") && !sqlState.equals("22012")
                || sqlState.equals("23502") || sqlState.equals("23514");
    }
}
