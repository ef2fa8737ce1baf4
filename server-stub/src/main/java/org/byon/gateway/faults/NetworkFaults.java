package org.byon.gateway.faults;

import org.byon.gateway.network.ImsNetwork;
import org.springframework.beans.factory.ObjectProvider;

/** Wraps the IMS port's adapter (simulated or SIP) in {@link FaultyNetwork}; a bean only when faults are wired. */
public final class NetworkFaults {
    private final FaultSwitch faults;

    NetworkFaults(FaultSwitch faults) {
        this.faults = faults;
    }

    /** The adapter as the domain sees it: decorated when faults are wired, else the adapter itself. */
    public static ImsNetwork decorate(ObjectProvider<NetworkFaults> wired, ImsNetwork adapter) {
        NetworkFaults f = wired.getIfAvailable();
        return f == null ? adapter : new FaultyNetwork(adapter, f.faults);
    }
}
