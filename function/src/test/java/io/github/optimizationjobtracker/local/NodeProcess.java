package io.github.optimizationjobtracker.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A Node.js stand-in (dynalite, fauxqs) started as a child process on a free loopback port. */
public final class NodeProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final int port;
    private final Path log;

    private NodeProcess(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    public static NodeProcess start(String name, Path script, List<String> args, Map<String, String> env, int port)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(System.getenv().getOrDefault("NODE", "node"));
        command.add("--require");
        command.add(exitWithParent().toString());
        command.add(script.toString());
        command.addAll(args);
        Path log = Files.createTempFile("ojt-" + name + "-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        NodeProcess node = new NodeProcess(name, process, port, log);
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        node.awaitListening(Duration.ofSeconds(30));
        return node;
    }

    /**
     * A preload that ends the stand-in when its standard input closes, which happens when the JVM that started it
     * dies in any way: a shutdown hook does not run when the JVM is killed (a surefire fork or PIT minion that timed
     * out, a cancelled CI job), and the stand-ins would otherwise outlive it.
     */
    private static synchronized Path exitWithParent() throws IOException {
        if (exitWithParent == null) {
            Path script = Files.createTempFile("ojt-exit-with-parent-", ".js");
            Files.writeString(script, "process.stdin.on('end', () => process.exit(0));\n"
                    + "process.stdin.on('error', () => process.exit(0));\n"
                    + "process.stdin.resume();\n");
            script.toFile().deleteOnExit();
            exitWithParent = script;
        }
        return exitWithParent;
    }

    private static Path exitWithParent;

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    private void awaitListening(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException(name + " exited with code " + process.exitValue() + ": " + Files.readString(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep(100);
            }
        }
        close();
        throw new IOException(name + " did not listen on port " + port + " within " + timeout + ": " + Files.readString(log));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
