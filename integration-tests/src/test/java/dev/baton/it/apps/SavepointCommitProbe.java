package dev.baton.it.apps;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;

/**
 * A transaction opened by {@code Connection.setSavepoint()} on an autocommit connection, ended by releasing that
 * savepoint, whose commit fails: a deferred foreign key is violated, which SQLite checks only when the transaction
 * commits. Without Baton, {@code releaseSavepoint} throws the constraint error. Prints {@code release=ok|failed
 * rows=N}, N the child rows a new connection sees afterwards.
 */
public final class SavepointCommitProbe {
    private SavepointCommitProbe() {
    }

    public static void main(String[] args) throws Exception {
        String url = "jdbc:sqlite:" + args[0] + "?foreign_keys=true";
        try (Connection setup = DriverManager.getConnection(url); Statement s = setup.createStatement()) {
            s.executeUpdate("CREATE TABLE parent (id INTEGER PRIMARY KEY)");
            s.executeUpdate("CREATE TABLE child (id INTEGER PRIMARY KEY, parent INTEGER"
                    + " REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED)");
        }
        String release;
        try (Connection connection = DriverManager.getConnection(url); Statement s = connection.createStatement()) {
            Savepoint savepoint = connection.setSavepoint();
            s.executeUpdate("INSERT INTO child VALUES (1, 42)");
            try {
                connection.releaseSavepoint(savepoint);
                release = "ok";
            } catch (SQLException constraint) {
                release = "failed";
                connection.rollback();
            }
        }
        try (Connection check = DriverManager.getConnection(url); Statement s = check.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM child")) {
            r.next();
            System.out.println("release=" + release + " rows=" + r.getInt(1));
        }
    }
}
