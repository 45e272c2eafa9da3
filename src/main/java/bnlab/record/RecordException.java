package bnlab.record;

import java.nio.file.Path;
import java.sql.SQLException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** The record cannot be opened or written: one line that says why and what to do. */
public final class RecordException extends Exception {
    RecordException(String message, Throwable cause) { super(message, cause); }

    /**
     * What a failure to open the record means for the person who started the server.
     *
     * @param dir  the data directory
     * @param file the database file in it
     */
    static RecordException opening(Path dir, Path file, Throwable e) {
        SQLiteErrorCode code = sqliteCode(e);
        if (code == SQLiteErrorCode.SQLITE_BUSY || code == SQLiteErrorCode.SQLITE_LOCKED)
            return new RecordException(file + " is in use by another BN Lab: give each server its own --data-dir, or stop the other one", e);
        if (code == SQLiteErrorCode.SQLITE_NOTADB || code == SQLiteErrorCode.SQLITE_CORRUPT)
            return new RecordException(file + " is damaged (not a database BN Lab can read): move it away and start again,"
                    + " or start with another --data-dir", e);
        if (code == SQLiteErrorCode.SQLITE_READONLY || code == SQLiteErrorCode.SQLITE_CANTOPEN || code == SQLiteErrorCode.SQLITE_PERM
                || code == SQLiteErrorCode.SQLITE_IOERR || code == SQLiteErrorCode.SQLITE_FULL)
            return notWritable(dir, e);
        return new RecordException("the record in " + file + " cannot be opened (" + oneLine(e) + "): move it away, or start with"
                + " another --data-dir, or with --no-record", e);
    }

    /** The data directory or its file cannot be made or written. */
    static RecordException notWritable(Path dir, Throwable e) {
        return new RecordException("cannot write the record to " + dir + " (" + oneLine(e) + "): choose a folder you may write to"
                + " with --data-dir, or start with --no-record", e);
    }

    /**
     * The primary SQLite result code somewhere in the causes (Flyway wraps the driver's exceptions; an extended code
     * such as SQLITE_IOERR_WRITE counts as SQLITE_IOERR), or null.
     */
    static SQLiteErrorCode sqliteCode(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            int code = t instanceof SQLiteException s ? s.getResultCode().code : t instanceof SQLException s ? s.getErrorCode() : 0;
            if (code == 0) continue;
            SQLiteErrorCode c = SQLiteErrorCode.getErrorCode(code & 0xff);
            if (c != SQLiteErrorCode.UNKNOWN_ERROR) return c;
        }
        return null;
    }

    private static String oneLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) root = root.getCause();
        String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return m.lines().findFirst().orElse(m).strip();
    }
}
