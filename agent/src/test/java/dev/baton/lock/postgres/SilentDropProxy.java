package dev.baton.lock.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay on 127.0.0.1 between clients and a server that can drop its connections the way a firewall forgets
 * an idle flow: {@link #dropServerSides()} closes the server's side of every current connection, so the server
 * ends those sessions, while the clients' sockets stay open and silent. New connections are relayed as usual.
 */
final class SilentDropProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int serverPort;
    private final List<Socket[]> pairs = new CopyOnWriteArrayList<>();

    SilentDropProxy(int serverPort) throws IOException {
        this.serverPort = serverPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        daemon("proxy-accept", this::accept);
    }

    int port() {
        return listener.getLocalPort();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket();
                server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), serverPort));
                pairs.add(new Socket[] {client, server});
                daemon("proxy-up", () -> relay(client, server));
                daemon("proxy-down", () -> relay(server, client));
            } catch (IOException e) {
                // Closed, or one connection failed: the client sees its socket close.
            }
        }
    }

    /** Copies until either side fails; never closes the client's side on its own. */
    private static void relay(Socket from, Socket to) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            byte[] buffer = new byte[8192];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // The dropped side: stop relaying, say nothing to the other.
        }
    }

    /** The server loses every current connection; their clients hear nothing, ever. */
    void dropServerSides() throws IOException {
        for (Socket[] pair : pairs) {
            pair[1].close();
        }
        pairs.clear();
    }

    private static void daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket[] pair : pairs) {
            pair[0].close();
            pair[1].close();
        }
    }
}
