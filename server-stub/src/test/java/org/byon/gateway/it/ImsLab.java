package org.byon.gateway.it;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The IMS lab for the SIP ITs: {@code ims-lab/lab.sh} starts Kamailio and the SIPp far ends on 127.0.0.1 with
 * free ports (once per JVM; stopped by PID when the JVM exits); SIPp callers and smartphones are started
 * here, each tracked by its process and stopped by PID.
 */
public final class ImsLab {
    public static final String DOMAIN = "ims.example.org";
    /** The subscribers' digest credentials in the lab (user = E.164 number). */
    public static final Map<String, String> PASSWORDS = Map.of("alice", "alice-sip", "bob", "bob-sip",
            "carol", "carol-sip", "dave", "dave-sip", "erin", "erin-sip");
    private static ImsLab lab;

    private final Path root;
    private final Path run;
    private final Map<String, String> env = new LinkedHashMap<>();
    private final List<Process> processes = new ArrayList<>();

    private ImsLab(Path root, Path run) {
        this.root = root;
        this.run = run;
    }

    /** The running lab, started on first use. */
    public static synchronized ImsLab get() {
        if (lab == null) {
            try {
                lab = start();
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException("the IMS lab did not start: " + e.getMessage(), e);
            }
        }
        return lab;
    }

    private static ImsLab start() throws IOException, InterruptedException {
        Path root = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        if (!Files.exists(root.resolve("ims-lab/lab.sh"))) {
            root = root.getParent();
        }
        Path run = Files.createTempDirectory("byon-ims-lab-");
        ImsLab l = new ImsLab(root, run);
        StringBuilder creds = new StringBuilder();
        PASSWORDS.forEach((name, pw) -> creds.append(creds.isEmpty() ? "" : ",")
                .append(GatewayITSupport.NUMBERS.get(name)).append(':').append(pw));
        ProcessBuilder pb = new ProcessBuilder(root.resolve("ims-lab/lab.sh").toString(), "start", run.toString())
                .redirectErrorStream(true).redirectOutput(run.resolve("lab-start.log").toFile());
        pb.environment().put("LAB_CREDENTIALS", creds.toString());
        pb.environment().put("LAB_RING_MS", "4000");
        pb.environment().put("LAB_DOMAIN", DOMAIN);
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("lab.sh start failed: " + Files.readString(run.resolve("lab-start.log")));
        }
        for (String line : Files.readAllLines(run.resolve("lab.env"))) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                l.env.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        Runtime.getRuntime().addShutdownHook(new Thread(l::stop, "ims-lab-stop"));
        return l;
    }

    public int kamailioPort() {
        return Integer.parseInt(env.get("LAB_KAM_PORT"));
    }

    public String proxy() {
        return "127.0.0.1:" + kamailioPort();
    }

    /** Stops the SIPp processes started here, then the lab (lab.sh stop: every PID it started). */
    public synchronized void stop() {
        for (Process p : processes) {
            p.destroy();
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(3, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
        try {
            new ProcessBuilder(root.resolve("ims-lab/lab.sh").toString(), "stop", run.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start()
                    .waitFor(15, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            // best effort at JVM exit
        }
    }

    /**
     * Starts SIPp with a scenario of ims-lab/scenarios against Kamailio.
     *
     * @param service the [service] (callee or identity)
     * @param extra   further SIPp options, e.g. {@code "-set", "expires", "0"}
     */
    public synchronized Process sipp(String scenario, String service, int localPort, String... extra)
            throws IOException {
        Path file = root.resolve("ims-lab/scenarios/" + scenario + ".xml");
        List<String> cmd = new ArrayList<>(List.of("sipp", proxy(), "-sf", file.toString(), "-i", "127.0.0.1",
                "-p", Integer.toString(localPort), "-s", service, "-nostdin", "-nd",
                "-trace_err", "-error_file", run.resolve(scenario + "-" + localPort + ".errors.log").toString()));
        if (Files.readString(file).contains("[$domain]")) {
            cmd.addAll(List.of("-set", "domain", DOMAIN));
        }
        cmd.addAll(List.of(extra));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(run.resolve(scenario + "-" + localPort + ".log").toFile()).start();
        processes.add(p);
        return p;
    }

    /** SIPp placing one call ({@code -m 1}); its exit code tells whether the scenario passed. */
    public Process call(String scenario, String callee, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("-m", "1", "-timeout", "30", "-timeout_error"));
        args.addAll(List.of(extra));
        return sipp(scenario, callee, freePort(), args.toArray(String[]::new));
    }

    /** The errors SIPp logged for a scenario run (for assertion messages). */
    public String log(String scenario, int port) {
        try {
            Path p = run.resolve(scenario + "-" + port + ".errors.log");
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** A Kamailio RPC command (kamcmd over the lab's control socket), its output; fails the test when it fails. */
    public String kamcmd(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("kamcmd", "-s", "unix:" + run.resolve("kamailio_ctl")));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("kamcmd " + String.join(" ", args) + " failed: " + out);
        }
        return out;
    }

    /** One of the lab's own counters in Kamailio (htable {@code counters}), e.g. {@code invite_407}. */
    public long labCounter(String name) throws IOException, InterruptedException {
        String out = kamcmd("htable.get", "counters", "s:" + name);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("value:\\s*(\\d+)").matcher(out);
        if (!m.find()) {
            throw new IOException("no lab counter " + name + " in: " + out);
        }
        return Long.parseLong(m.group(1));
    }

    /**
     * A lab far end's cumulative count of one SIPp statistic ({@code SuccessfulCall} or {@code FailedCall}) from
     * its statistics file (written every second), 0 before the first line.
     */
    public long farEnd(String scenario, String statistic) throws IOException {
        Path p = run.resolve(scenario + ".stat.csv");
        if (!Files.exists(p)) {
            return 0;
        }
        List<String> lines = Files.readAllLines(p);
        if (lines.size() < 2) {
            return 0;
        }
        List<String> head = List.of(lines.get(0).split(";"));
        String[] last = lines.get(lines.size() - 1).split(";");
        int i = head.indexOf(statistic + "(C)");
        return i < 0 || i >= last.length ? 0 : Long.parseLong(last[i].trim());
    }

    /** {@code lab.sh core stop|start|restart}: Kamailio alone, on the same port and config (its location store is lost). */
    public synchronized void core(String action) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(root.resolve("ims-lab/lab.sh").toString(), "core", action, run.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("lab.sh core " + action + " failed: " + out);
        }
    }

    public static int freePort() {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static int exit(Process p) throws InterruptedException {
        if (!p.waitFor(40, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }
}
