package org.byon.client.internal;

import java.util.Optional;
import org.byon.client.ByonApiException;
import org.byon.client.Call;
import org.byon.client.CallStatus;
import org.byon.client.Registration;
import org.byon.client.internal.openapi.model.Direction;
import org.byon.client.internal.openapi.model.RacmSession;
import org.byon.client.internal.openapi.model.VoiceSession;

/**
 * Calls and registrations read back by id ({@code GET}) and attached to the client: a call announced
 * by a webhook, or live objects after an application restart. An id this client already holds gives
 * the same handle; a 404 (unknown, ended, or another subscriber's) gives empty. Stateless.
 */
public final class Lookups {

    private Lookups() {
    }

    public static Optional<Call> call(ClientContext context, Transport transport, String voiceSessionId) {
        CallImpl known = context.call(voiceSessionId);
        if (known != null) {
            return Optional.of(known);
        }
        VoiceSession vs;
        try {
            vs = transport.sendIdempotent(h -> transport.voice().getVoiceSessionWithHttpInfo(voiceSessionId, null, h));
        } catch (ByonApiException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
        if (vs == null) {
            return Optional.empty();
        }
        boolean incoming = vs.getDirection() == Direction.INCOMING;
        CallImpl read = new CallImpl(transport, vs.getVoiceSessionId(), vs.getRacmSessionId(), incoming,
                incoming ? vs.getOriginatorAddress() : vs.getReceiverAddress(), CallStatus.INITIAL, null);
        read.apply(StatusUpdate.of(vs));
        return Optional.of(context.attach(read));
    }

    public static Optional<Registration> registration(ClientContext context, Transport transport, String racmSessionId) {
        RegistrationImpl known = context.registration(racmSessionId);
        if (known != null) {
            return Optional.of(known);
        }
        RacmSession session;
        try {
            session = transport.sendIdempotent(h -> transport.racm().getRacmSessionWithHttpInfo(racmSessionId, null, h));
        } catch (ByonApiException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
        return Optional.ofNullable(session).map(s -> RegistrationImpl.attach(context, transport, s));
    }
}
