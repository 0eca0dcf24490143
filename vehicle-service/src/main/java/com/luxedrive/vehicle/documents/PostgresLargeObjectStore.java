package com.luxedrive.vehicle.documents;

import org.postgresql.PGConnection;
import org.postgresql.largeobject.LargeObject;
import org.postgresql.largeobject.LargeObjectManager;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.HexFormat;

/**
 * Document content as PostgreSQL large objects, written and read in chunks so no file is ever held in memory whole.
 * A large object belongs to the transaction that creates it, and the {@code documents} delete trigger unlinks it.
 */
@Component
class PostgresLargeObjectStore implements ContentStore {

    static final String PREFIX = "pg-lo:";
    private static final int CHUNK = 64 * 1024;
    /** SQLSTATE of "large object … does not exist". */
    private static final String UNDEFINED_OBJECT = "42704";

    private final DataSource dataSource;
    private final JdbcClient jdbc;

    PostgresLargeObjectStore(DataSource dataSource, JdbcClient jdbc) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public StoredContent write(InputStream content, long maxBytes) throws IOException {
        MessageDigest sha256 = sha256();
        try {
            LargeObjectManager objects = largeObjects();
            long oid = objects.createLO(LargeObjectManager.READWRITE);
            LargeObject object = objects.open(oid, LargeObjectManager.WRITE);
            long size = 0;
            try {
                byte[] buffer = new byte[CHUNK];
                for (int read = content.read(buffer); read != -1; read = content.read(buffer)) {
                    size += read;
                    if (size > maxBytes) {
                        throw new TooLarge(maxBytes);
                    }
                    sha256.update(buffer, 0, read);
                    object.write(buffer, 0, read);
                }
            } finally {
                object.close();
            }
            return new StoredContent(PREFIX + oid, size, HexFormat.of().formatHex(sha256.digest()));
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("could not store document content", e);
        }
    }

    /**
     * One chunk at a time, each read by a statement of its own ({@code lo_get}) on a connection taken from the pool
     * and given back before the chunk is written out: a client that reads slowly holds a thread, not a connection.
     * The content of a document never changes once written, so the chunks need no common snapshot. Not
     * transactional on purpose: even an empty transaction scope would keep the first chunk's connection to its end.
     */
    @Override
    public void copy(String ref, Opener opener) throws IOException {
        if (!ref.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a large object reference: " + ref);
        }
        long oid = Long.parseLong(ref.substring(PREFIX.length()));
        OutputStream out = null;
        for (long offset = 0; ; offset += CHUNK) {
            byte[] chunk;
            try {
                chunk = jdbc.sql("SELECT lo_get(?, ?, ?)").params(oid, offset, CHUNK).query(byte[].class).single();
            } catch (DataAccessException e) {
                if (offset == 0 && e.getMostSpecificCause() instanceof SQLException sql
                        && UNDEFINED_OBJECT.equals(sql.getSQLState())) {
                    throw new Gone(ref, e);
                }
                throw new IOException("could not read document content " + ref + " at " + offset, e);
            }
            if (out == null) {
                out = opener.open();
            }
            out.write(chunk);
            if (chunk.length < CHUNK) {
                return;
            }
        }
    }

    private LargeObjectManager largeObjects() throws SQLException {
        return DataSourceUtils.getConnection(dataSource).unwrap(PGConnection.class).getLargeObjectAPI();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
