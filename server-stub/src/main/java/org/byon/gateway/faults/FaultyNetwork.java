package org.byon.gateway.faults;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.byon.gateway.network.Binding;
import org.byon.gateway.network.ImsNetwork;
import org.byon.gateway.network.NetworkHandler;
import org.byon.gateway.network.OutgoingDialog;
import org.byon.gateway.network.OutgoingObserver;
import org.byon.gateway.network.Origination;

/**
 * The network-side faults, as a decorator of the IMS port (whichever adapter runs): {@code busy-not-detected}
 * keeps the network from learning that a subscriber is in a call, so a new call to them rings instead of
 * getting 486 Busy Here. Switching the fault at run time never leaves a subscriber marked busy: only what was
 * passed on is later taken back. Thread-safe.
 */
public final class FaultyNetwork implements ImsNetwork {
    private final ImsNetwork delegate;
    private final FaultSwitch faults;
    private final Map<String, AtomicInteger> passedOn = new ConcurrentHashMap<>();

    public FaultyNetwork(ImsNetwork delegate, FaultSwitch faults) {
        this.delegate = delegate;
        this.faults = faults;
    }

    @Override
    public void occupied(String phoneNumber, boolean inCall) {
        AtomicInteger n = passedOn.computeIfAbsent(phoneNumber, k -> new AtomicInteger());
        if (inCall) {
            if (faults.on(Fault.BUSY_NOT_DETECTED)) {
                return;
            }
            n.incrementAndGet();
        } else if (n.getAndUpdate(v -> Math.max(0, v - 1)) == 0) {
            return;
        }
        delegate.occupied(phoneNumber, inCall);
    }

    @Override
    public void setHandler(NetworkHandler handler) {
        delegate.setHandler(handler);
    }

    @Override
    public void register(Binding binding) {
        delegate.register(binding);
    }

    @Override
    public void refresh(Binding binding) {
        delegate.refresh(binding);
    }

    @Override
    public void deregister(Binding binding) {
        delegate.deregister(binding);
    }

    @Override
    public OutgoingDialog originate(Origination origination, OutgoingObserver observer) {
        return delegate.originate(origination, observer);
    }
}
