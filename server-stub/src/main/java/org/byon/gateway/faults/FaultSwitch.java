package org.byon.gateway.faults;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Which faults are active. Read from {@code byon.faults} at start; switchable at run time only when
 * {@code byon.faults.runtime-control=true}. Thread-safe: the active set is an immutable snapshot swapped
 * atomically, so a check on a hot path is one volatile read.
 */
@Component
public class FaultSwitch {
    private static final Logger log = LoggerFactory.getLogger(FaultSwitch.class);

    private final boolean runtimeControl;
    private volatile Set<Fault> active;

    public FaultSwitch(@Value("${byon.faults:}") String configured,
                       @Value("${byon.faults.runtime-control:false}") boolean runtimeControl) {
        this.runtimeControl = runtimeControl;
        this.active = parse(configured == null || configured.isBlank() ? List.of() : List.of(configured.split(",")));
        if (!active.isEmpty()) {
            log.warn("FAULT INJECTION ACTIVE: {} -- this gateway deliberately breaks the contract", names());
        }
    }

    /** A gateway with no faults configured and no runtime control: always false. */
    public static FaultSwitch none() {
        return new FaultSwitch("", false);
    }

    public boolean on(Fault fault) {
        Set<Fault> current = active;
        return !current.isEmpty() && current.contains(fault);
    }

    public boolean anyOn() {
        return !active.isEmpty();
    }

    public boolean runtimeControl() {
        return runtimeControl;
    }

    public List<String> names() {
        List<String> names = new ArrayList<>();
        for (Fault f : active) {
            names.add(f.externalName());
        }
        return names;
    }

    /** Replaces the active set; only allowed with runtime control. */
    public void set(Collection<String> names) {
        if (!runtimeControl) {
            throw new IllegalStateException("runtime fault control is off (byon.faults.runtime-control=false)");
        }
        active = parse(names);
        log.warn("Faults switched at run time: {}", names());
    }

    private static Set<Fault> parse(Collection<String> names) {
        EnumSet<Fault> set = EnumSet.noneOf(Fault.class);
        for (String name : names) {
            if (name == null || name.isBlank()) {
                continue;
            }
            set.add(Fault.byName(name).orElseThrow(() -> new IllegalArgumentException("unknown fault '" + name.trim()
                    + "'; known: " + java.util.Arrays.stream(Fault.values()).map(Fault::externalName).toList())));
        }
        return Set.copyOf(set);
    }
}
