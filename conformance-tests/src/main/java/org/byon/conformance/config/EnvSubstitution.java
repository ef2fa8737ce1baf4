package org.byon.conformance.config;

import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${NAME}} and {@code ${NAME:-default}} in configuration text with environment
 * values. An unset variable without a default is a configuration problem naming the variable.
 */
public final class EnvSubstitution {
    private static final Pattern REF = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_.]*)(?::-([^}]*))?}");

    private EnvSubstitution() {
    }

    /** Substitutes references line by line; YAML comment lines are left alone. */
    public static String apply(String text, Function<String, String> env, List<String> problems) {
        List<String> lines = new java.util.ArrayList<>();
        for (String line : text.split("\n", -1)) {
            lines.add(line.stripLeading().startsWith("#") ? line : applyLine(line, env, problems));
        }
        return String.join("\n", lines);
    }

    private static String applyLine(String text, Function<String, String> env, List<String> problems) {
        Matcher m = REF.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = env.apply(name);
            if (value == null || value.isEmpty()) {
                value = m.group(2);
            }
            if (value == null) {
                problems.add("environment variable ${" + name + "} is not set (referenced in the config file)");
                value = "";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
