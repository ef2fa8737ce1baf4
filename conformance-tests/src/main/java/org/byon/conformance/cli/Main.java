package org.byon.conformance.cli;

import org.byon.conformance.config.ConfigException;
import org.byon.conformance.config.ConfigLoader;
import org.byon.conformance.config.SuiteConfig;
import org.byon.conformance.engine.ConformanceTest;
import org.byon.conformance.engine.Outcomes;
import org.byon.conformance.engine.Profile;
import org.byon.conformance.engine.RunResult;
import org.byon.conformance.engine.Runner;
import org.byon.conformance.engine.Session;
import org.byon.conformance.http.Contract;
import org.byon.conformance.report.ConsoleReport;
import org.byon.conformance.report.HtmlReport;
import org.byon.conformance.report.JUnitXmlReport;
import org.byon.conformance.report.JsonReport;
import org.byon.conformance.tests.Catalogue;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/**
 * The command line: {@code run}, {@code list}, {@code explain}, {@code check-config}. Exit codes:
 * 0 conformant, 1 not conformant, 2 bad configuration or usage, 3 environment failure.
 */
@Command(name = "byon-conformance", mixinStandardHelpOptions = true, version = "byon-conformance 0.1.0",
        description = "Proves that a gateway implements byon.yaml.",
        subcommands = {Main.Run.class, Main.ListTests.class, Main.Explain.class, Main.CheckConfig.class, Main.Reference.class,
                CoverageCommand.class, DiffCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:conformant (warnings allowed)", "1:not conformant (a test failed)",
                "2:bad configuration or usage",
                "3:inconclusive: environment failure (token endpoint or gateway unreachable), or a test ERROR/INCONCLUSIVE and none FAIL"})
public final class Main implements Callable<Integer> {
    public static final int OK = 0;
    public static final int NOT_CONFORMANT = 1;
    public static final int USAGE = 2;
    public static final int ENVIRONMENT = 3;
    /** The built-in config for the reference gateway, usable as {@code --config builtin:reference-gateway}. */
    public static final String BUILTIN_PREFIX = "builtin:";

    final PrintStream out;
    final PrintStream err;

    Main(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(execute(System.out, System.err, args));
    }

    /** Runs the command line in-process and returns the exit code (used by the self-tests). */
    public static int execute(PrintStream out, PrintStream err, String... args) {
        Main main = new Main(out, err);
        CommandLine cl = new CommandLine(main);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("byon-conformance: " + ex.getMessage());
            ex.getCommandLine().usage(err);
            return USAGE;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parse) -> {
            err.println("byon-conformance: suite failure: " + ex);
            ex.printStackTrace(err);
            return ENVIRONMENT;
        });
        return cl.execute(args);
    }

    @Override
    public Integer call() {
        new CommandLine(this).usage(out);
        return USAGE;
    }

    static SuiteConfig loadConfig(String config, String apiRoot) throws ConfigException {
        return loadConfig(config, apiRoot, null);
    }

    static SuiteConfig loadConfig(String config, String apiRoot, String authOrigin) throws ConfigException {
        ConfigLoader loader = ConfigLoader.withSystemEnvironment();
        SuiteConfig c = config.startsWith(BUILTIN_PREFIX)
                ? loader.loadResource("/byon-conformance/" + config.substring(BUILTIN_PREFIX.length()) + ".yaml")
                : loader.load(Path.of(config));
        if (apiRoot != null) {
            try {
                URI u = URI.create(apiRoot.endsWith("/") ? apiRoot.substring(0, apiRoot.length() - 1) : apiRoot);
                if (u.getScheme() == null || u.getHost() == null) {
                    throw new IllegalArgumentException();
                }
                c = c.withApiRoot(u);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("--api-root '" + apiRoot + "' is not an absolute http(s) URL");
            }
        }
        if (authOrigin != null) {
            try {
                URI u = URI.create(authOrigin);
                if (u.getScheme() == null || u.getHost() == null) {
                    throw new IllegalArgumentException();
                }
                c = c.withAuthOrigin(u);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("--auth-origin '" + authOrigin + "' is not an absolute http(s) URL");
            }
        }
        return c;
    }

    static void printProblems(PrintStream err, ConfigException e) {
        err.println("byon-conformance: bad configuration:");
        e.problems().forEach(p -> err.println("  - " + p));
    }

    @Command(name = "run", mixinStandardHelpOptions = true, description = "Runs the tests of a profile against the gateway.")
    static final class Run implements Callable<Integer> {
        @CommandLine.ParentCommand
        Main main;

        @Option(names = "--config", required = true, paramLabel = "FILE",
                description = "The YAML config (or builtin:reference-gateway).")
        String config;

        @Option(names = "--api-root", paramLabel = "URL", description = "Overrides apiRoot of the config (relative token URLs follow it).")
        String apiRoot;

        @Option(names = "--auth-origin", paramLabel = "URL",
                description = "Where token URLs starting with / are resolved (default: the apiRoot's origin); for runs through a proxy.")
        String authOrigin;

@Option(names = "--webhook-keystore", paramLabel = "FILE",
                description = "Overrides webhook.keyStore: the receiver serves https with this PKCS#12 store (password: webhook.keyStorePassword).")
        Path webhookKeyStore;

        @Option(names = "--profile", defaultValue = "core", paramLabel = "core|full", description = "Profile (default: ${DEFAULT-VALUE}).")
        String profile;

        @Option(names = "--include", paramLabel = "ID|TAG|AREA", description = "Run only these tests (repeatable).")
        List<String> includes = new ArrayList<>();

        @Option(names = "--exclude", paramLabel = "ID|TAG|AREA", description = "Do not run these tests (repeatable; reported as EXCLUDED with the reason, counted as skipped).")
        List<String> excludes = new ArrayList<>();

        @Option(names = "--report-dir", defaultValue = "byon-conformance-report", paramLabel = "DIR",
                description = "Where junit/json/html reports go (default: ${DEFAULT-VALUE}).")
        Path reportDir;

        @Option(names = "--format", split = ",", defaultValue = "console,junit,json,html", paramLabel = "FORMATS",
                description = "Any of console,junit,json,html (default: ${DEFAULT-VALUE}).")
        List<String> formats;

        @Option(names = "--quiet", description = "No live progress lines.")
        boolean quiet;

        @Override
        public Integer call() throws Exception {
            Profile p;
            try {
                p = Profile.parse(profile);
            } catch (IllegalArgumentException e) {
                main.err.println("byon-conformance: " + e.getMessage());
                return USAGE;
            }
            Set<String> known = Set.of("console", "junit", "json", "html");
            for (String f : formats) {
                if (!known.contains(f.trim())) {
                    main.err.println("byon-conformance: unknown --format '" + f + "' (use " + new TreeSet<>(known) + ")");
                    return USAGE;
                }
            }
            SuiteConfig cfg;
            try {
                cfg = loadConfig(config, apiRoot, authOrigin);
                if (webhookKeyStore != null) {
                    if (!java.nio.file.Files.isReadable(webhookKeyStore)) {
                        throw new ConfigException("--webhook-keystore '" + webhookKeyStore + "' is not a readable file");
                    }
                    cfg = cfg.withWebhook(cfg.webhook().withKeyStore(webhookKeyStore.toString(), null));
                }
            } catch (ConfigException e) {
                printProblems(main.err, e);
                return USAGE;
            }
            org.byon.conformance.engine.Selection selection = org.byon.conformance.engine.Selection.of(Catalogue.all(), p, includes, excludes);
            List<ConformanceTest> plan = selection.plan();
            if (plan.isEmpty()) {
                main.err.println("byon-conformance: no test matches profile " + p.label() + ", includes " + includes + " and excludes " + excludes);
                return USAGE;
            }
            Contract contract = Contract.embedded(cfg.apiRoot().getPath());
            boolean console = formats.contains("console");
            ConsoleReport report = new ConsoleReport(main.out, quiet || !console ? null : main.err);
            if (console) {
                main.out.println("byon-conformance: " + plan.size() + " tests" + (selection.excluded().isEmpty() ? "" : " (" + selection.excluded().size() + " excluded)")
                        + ", profile " + p.label() + ", against " + cfg.apiRoot()
                        + " (byon.yaml sha256 " + contract.sha256() + ")");
            }
            RunResult result;
            try (Session session = new Session(cfg, contract)) {
                SelfTolerations.apply(session);
                try {
                    result = selection.merge(Runner.run(session, plan, p, report));
                } catch (Outcomes.EnvironmentFailure e) {
                    main.err.println("byon-conformance: environment failure: " + session.redactor().redact(e.getMessage()));
                    return ENVIRONMENT;
                }
                if (formats.stream().anyMatch(f -> !f.equals("console"))) {
                    Files.createDirectories(reportDir);
                    if (formats.contains("junit")) {
                        JUnitXmlReport.write(result, session.redactor(), reportDir);
                    }
                    if (formats.contains("json")) {
                        JsonReport.write(result, session.redactor(), reportDir);
                    }
                    if (formats.contains("html")) {
                        HtmlReport.write(result, session.redactor(), reportDir);
                    }
                    if (console) {
                        main.out.println("reports: " + reportDir.toAbsolutePath());
                    }
                }
                if (console) {
                    report.print(result);
                    if (cfg.oneSubscriberOnly()) {
                        main.out.println("WARNING: " + org.byon.conformance.engine.TestContext.ONE_SUBSCRIBER
                                + " - " + result.count(org.byon.conformance.engine.Verdict.NOT_APPLICABLE) + " tests are NOT_APPLICABLE");
                        main.out.println(result.summaryLine());
                    }
                }
            }
            return result.exitCode();
        }
    }

    @Command(name = "reference", mixinStandardHelpOptions = true,
            description = {"Starts the reference gateway jar on a free port (runtime faults, loopback webhooks, 3 s ring timeout, 2 s minimum registration expiry),",
                    "runs the suite against it with the built-in reference config, stops it. Other options go to 'run'."})
    static final class Reference implements Callable<Integer> {
        @CommandLine.ParentCommand
        Main main;

        @Option(names = "--gateway-jar", defaultValue = "server-stub/target/byon-gateway.jar", paramLabel = "JAR",
                description = "The reference gateway (default: ${DEFAULT-VALUE}).")
        Path gatewayJar;

        @Option(names = "--config", defaultValue = "builtin:reference-gateway", paramLabel = "FILE",
                description = "Config for the run; its apiRoot is replaced (default: ${DEFAULT-VALUE}).")
        String config;

        @Option(names = "--fault", paramLabel = "NAME", description = "Switch on a gateway fault for the run (repeatable; to see the suite catch it).")
        List<String> faults = new ArrayList<>();

        @CommandLine.Unmatched
        List<String> runOptions = new ArrayList<>();

        @Override
        public Integer call() {
            if (!Files.isRegularFile(gatewayJar)) {
                main.err.println("byon-conformance: gateway jar " + gatewayJar.toAbsolutePath() + " does not exist (build server-stub first)");
                return USAGE;
            }
            main.err.println("byon-conformance: starting the reference gateway " + gatewayJar + " ...");
            ReferenceGateway gw;
            try {
                gw = ReferenceGateway.start(gatewayJar, Path.of(System.getProperty("java.io.tmpdir"), "byon-conformance-gateway"));
            } catch (Exception e) {
                main.err.println("byon-conformance: environment failure: the reference gateway did not start: " + e.getMessage());
                return ENVIRONMENT;
            }
            try (gw) {
                if (!faults.isEmpty()) {
                    gw.faults(faults.toArray(String[]::new));
                }
                List<String> args = new ArrayList<>(List.of("run", "--config", config, "--api-root", gw.apiRoot(),
                        "--webhook-keystore", gw.webhookKeyStore().toString()));
                args.addAll(runOptions);
                return execute(main.out, main.err, args.toArray(String[]::new));
            } catch (Exception e) {
                main.err.println("byon-conformance: environment failure: " + e.getMessage());
                return ENVIRONMENT;
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists every test: id, profile, requirement, title.")
    static final class ListTests implements Callable<Integer> {
        @CommandLine.ParentCommand
        Main main;

        @Option(names = "--profile", paramLabel = "core|full", description = "Only the tests of this profile.")
        String profile;

        @Override
        public Integer call() {
            Profile p = profile == null ? Profile.FULL : Profile.parse(profile);
            for (ConformanceTest t : Catalogue.all()) {
                if (p.includes(t.profile())) {
                    main.out.printf("%-18s %-4s %-70s %s%n", t.id(), t.profile().label(), t.pointer()
                            + (t.clause().isEmpty() ? "" : " | " + t.clause()), t.title());
                }
            }
            return OK;
        }
    }

    @Command(name = "explain", mixinStandardHelpOptions = true, description = "Explains one test: what it does and the requirement it proves.")
    static final class Explain implements Callable<Integer> {
        @CommandLine.ParentCommand
        Main main;

        @Parameters(paramLabel = "ID")
        String id;

        @Override
        public Integer call() {
            var t = Catalogue.byId(id);
            if (t.isEmpty()) {
                main.err.println("byon-conformance: no test with id '" + id + "' (see list)");
                return USAGE;
            }
            ConformanceTest c = t.get();
            main.out.println(c.id() + ": " + c.title());
            main.out.println("  area:        " + c.area());
            main.out.println("  profile:     " + c.profile().label());
            main.out.println("  tags:        " + new TreeSet<>(c.tags()));
            main.out.println("  requirement: byon.yaml " + c.pointer());
            if (!c.clause().isEmpty()) {
                main.out.println("  clause:      " + c.clause());
            }
            if (!c.description().isEmpty()) {
                main.out.println("  what it does: " + c.description());
            }
            if (!c.locks().isEmpty() || !c.registrations().isEmpty()) {
                main.out.println("  runs alone with respect to: " + c.locks() + "; registrations used: " + c.registrations());
            }
            return OK;
        }
    }

    @Command(name = "check-config", mixinStandardHelpOptions = true, description = "Validates a config file without contacting the gateway.")
    static final class CheckConfig implements Callable<Integer> {
        @CommandLine.ParentCommand
        Main main;

        @Parameters(paramLabel = "FILE")
        String file;

        @Override
        public Integer call() {
            try {
                SuiteConfig c = loadConfig(file, null);
                main.out.println("config OK: apiRoot " + c.apiRoot() + ", subscribers " + new TreeSet<>(c.subscribers().keySet())
                        + ", channel types " + new TreeSet<>(c.channelTypes()) + ", external numbers " + new TreeSet<>(c.externalNumbers().keySet()));
                return OK;
            } catch (ConfigException e) {
                printProblems(main.err, e);
                return USAGE;
            }
        }
    }
}
