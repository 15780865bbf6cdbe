package dev.baton.samples.vthreads;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A legacy web service on virtual threads: the JDK's HttpServer runs every request on a virtual thread of its own,
 * and each request opens a SQLite connection (sqlite-jdbc, a JNI driver), as small services without a pool do.
 * Needs Java 21+; compiled for 17, it reaches the virtual-thread executor reflectively.
 *
 * <pre>
 *   SqliteHttpServer DB_FILE [CTE_ROWS=1000000]
 * </pre>
 * Routes: {@code /ping} (no database), {@code /lookup?id=N} (primary-key lookup), {@code /slow} (a report: a
 * recursive CTE of CTE_ROWS rows). Prints {@code port=N} once it listens on 127.0.0.1 and stops when its standard
 * input ends.
 */
public final class SqliteHttpServer {
    private static final int ROWS = 10_000;

    private SqliteHttpServer() {
    }

    public static void main(String[] args) throws Exception {
        String url = "jdbc:sqlite:" + Path.of(args[0]).toAbsolutePath();
        int cteRows = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        createTable(url);
        String slowQuery = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < " + cteRows
                + ") SELECT sum(x) FROM c";

        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        ExecutorService executor = (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor")
                .invoke(null);
        server.setExecutor(executor);
        server.createContext("/ping", exchange -> reply(exchange, "pong"));
        server.createContext("/lookup", exchange -> reply(exchange, lookup(url, idOf(exchange))));
        server.createContext("/slow", exchange -> reply(exchange, query(url, slowQuery)));
        server.start();
        System.out.println("port=" + server.getAddress().getPort());
        System.out.flush();

        while (System.in.read() >= 0) {
            // Runs until the parent closes standard input.
        }
        server.stop(0);
        executor.shutdownNow();
    }

    private static void createTable(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE IF NOT EXISTS kv (k INTEGER PRIMARY KEY, v TEXT)");
            s.executeUpdate("DELETE FROM kv");
            s.executeUpdate("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < " + ROWS
                    + ") INSERT INTO kv SELECT x, 'value ' || x FROM c");
        }
    }

    private static String lookup(String url, int id) {
        try (Connection c = DriverManager.getConnection(url);
                PreparedStatement p = c.prepareStatement("SELECT v FROM kv WHERE k = ?")) {
            p.setInt(1, id);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? rs.getString(1) : "none";
            }
        } catch (SQLException e) {
            return "error " + e.getMessage();
        }
    }

    private static String query(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : "none";
        } catch (SQLException e) {
            return "error " + e.getMessage();
        }
    }

    private static int idOf(HttpExchange exchange) {
        String query = exchange.getRequestURI().getQuery();
        return query != null && query.startsWith("id=") ? 1 + Math.floorMod(Integer.parseInt(query.substring(3)),
                ROWS) : 1;
    }

    private static void reply(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        int status = body.startsWith("error") ? 500 : 200;
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
