package org.byon.gateway.voice;

import java.util.Optional;

import org.byon.gateway.common.ByonException;
import org.byon.gateway.common.ErrorCode;
import org.byon.gateway.network.PhoneNumbers;

/**
 * Two rules a client's call requests are held to, as a seam: the fault decorators {@code spoofing-allowed} and
 * {@code state-machine-lax} bend them; {@link #STRICT} is the contract's.
 */
public interface CallRules {
    /**
     * The originator of a call placed from {@code ownNumber} whose request names {@code claimedAddress}: the
     * registration's own number only (403 {@code PERMISSION_DENIED} for any other).
     */
    String originator(String ownNumber, String claimedAddress);

    /**
     * A status change the leg's state does not allow: 409 {@code INCOMPATIBLE_STATE}. A rule that lets it pass
     * returns the status the leg then shows (empty: it keeps its own); the change is announced as taken.
     */
    Optional<VoiceStatus> disallowed(StatusRequest request, Direction direction, VoiceStatus status);

    CallRules STRICT = new CallRules() {
        @Override
        public String originator(String ownNumber, String claimedAddress) {
            if (!PhoneNumbers.numberOf(claimedAddress).equals(Optional.of(ownNumber))) {
                throw new ByonException(ErrorCode.PERMISSION_DENIED,
                        "originatorAddress must be the registration's own number " + ownNumber);
            }
            return PhoneNumbers.telUri(ownNumber);
        }

        @Override
        public Optional<VoiceStatus> disallowed(StatusRequest request, Direction direction, VoiceStatus status) {
            throw new ByonException(ErrorCode.INCOMPATIBLE_STATE, "status " + request
                    + " is not allowed for an " + direction + " voice session in state " + status);
        }
    };
}
