package org.byon.gateway.faults;

import java.util.Collection;

import org.byon.gateway.common.Owner;
import org.byon.gateway.common.Visibility;

/** The {@code bola-leak} fault: while it is on, every caller reaches and lists every subscriber's resources. */
public final class LeakyVisibility implements Visibility {
    private final Visibility delegate;
    private final FaultSwitch faults;

    public LeakyVisibility(Visibility delegate, FaultSwitch faults) {
        this.delegate = delegate;
        this.faults = faults;
    }

    @Override
    public boolean reaches(Owner caller, Owner owner) {
        return faults.on(Fault.BOLA_LEAK) || delegate.reaches(caller, owner);
    }

    @Override
    public Collection<Owner> listed(Owner caller, Collection<Owner> owners) {
        return faults.on(Fault.BOLA_LEAK) ? owners : delegate.listed(caller, owners);
    }
}
