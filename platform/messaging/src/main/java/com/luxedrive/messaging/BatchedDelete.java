package com.luxedrive.messaging;

import org.springframework.jdbc.core.simple.JdbcClient;

/** A purge in batches, so no statement holds many rows locked: the services' housekeeping of their own tables. */
public final class BatchedDelete {

    private BatchedDelete() {
    }

    /**
     * Runs {@code sql}, a DELETE of at most {@code batch} rows (its last parameter), until a run deletes fewer.
     *
     * @return how many rows were deleted in all
     */
    public static int repeat(JdbcClient jdbc, String sql, int batch, Object... params) {
        Object[] all = java.util.Arrays.copyOf(params, params.length + 1);
        all[params.length] = batch;
        int total = 0;
        int deleted;
        do {
            deleted = jdbc.sql(sql).params(all).update();
            total += deleted;
        } while (deleted == batch);
        return total;
    }
}
