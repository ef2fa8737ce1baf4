package org.byon.gateway.faults;

import java.util.Optional;

import org.byon.gateway.network.PhoneNumbers;
import org.byon.gateway.voice.CallRules;
import org.byon.gateway.voice.Direction;
import org.byon.gateway.voice.StatusRequest;
import org.byon.gateway.voice.VoiceStatus;

/**
 * The call-rule faults, decorating the contract's rules: {@code spoofing-allowed} places a call from whatever
 * {@code originatorAddress} names; {@code state-machine-lax} accepts a status change the leg's state does not
 * allow and pretends the leg took it.
 */
public final class FaultyCallRules implements CallRules {
    private final CallRules delegate;
    private final FaultSwitch faults;

    public FaultyCallRules(CallRules delegate, FaultSwitch faults) {
        this.delegate = delegate;
        this.faults = faults;
    }

    @Override
    public String originator(String ownNumber, String claimedAddress) {
        if (faults.on(Fault.SPOOFING_ALLOWED) && !PhoneNumbers.numberOf(claimedAddress).equals(Optional.of(ownNumber))) {
            return claimedAddress;
        }
        return delegate.originator(ownNumber, claimedAddress);
    }

    @Override
    public Optional<VoiceStatus> disallowed(StatusRequest request, Direction direction, VoiceStatus status) {
        if (!faults.on(Fault.STATE_MACHINE_LAX)) {
            return delegate.disallowed(request, direction, status);
        }
        return Optional.ofNullable(switch (request) { // what a lax gateway pretends the leg took
            case Declined -> null;
            case Resume -> VoiceStatus.Connected;
            default -> VoiceStatus.valueOf(request.name());
        });
    }
}
