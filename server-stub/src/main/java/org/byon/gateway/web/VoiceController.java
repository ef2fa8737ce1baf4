package org.byon.gateway.web;

import org.byon.gateway.auth.CallerTokens;
import org.byon.gateway.common.ByonException;
import org.byon.gateway.voice.CreateCall;
import org.byon.gateway.voice.StatusRequest;
import org.byon.gateway.voice.VoiceService;
import org.byon.gateway.voice.VoiceSessionView;
import org.byon.gateway.web.api.VoiceSessionsApi;
import org.byon.gateway.web.model.CreateVoiceSession;
import org.byon.gateway.web.model.SdpDescriptor;
import org.byon.gateway.web.model.VoiceSession;
import org.byon.gateway.web.model.VoiceSessionStatusChange;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

/** {@code /voice/sessions}: the generated interface over {@link VoiceService}. */
@RestController
public class VoiceController implements VoiceSessionsApi {
    private final VoiceService voice;

    public VoiceController(VoiceService voice) {
        this.voice = voice;
    }

    @Override
    public ResponseEntity<VoiceSession> createVoiceSession(CreateVoiceSession body, String xCorrelator) {
        if (body.getOffer() == null) {
            throw ByonException.invalid("offer is required");
        }
        VoiceSessionView v = voice.create(CallerTokens.owner(), new CreateCall(body.getRacmSessionId(),
                body.getReceiverAddress(), body.getOffer().getSdp(), body.getOriginatorAddress(),
                body.getOriginatorName(), body.getReceiverName(),
                body.getCallType() == null ? null : body.getCallType().getValue()));
        return ResponseEntity.created(ApiUrls.resource("/voice/sessions/" + v.voiceSessionId()))
                .body(ApiMapper.voice(v));
    }

    @Override
    public ResponseEntity<VoiceSession> getVoiceSession(String voiceSessionId, String xCorrelator) {
        return ResponseEntity.ok(ApiMapper.voice(voice.get(CallerTokens.owner(), voiceSessionId)));
    }

    @Override
    public ResponseEntity<VoiceSession> updateVoiceSessionStatus(String voiceSessionId,
                                                                 VoiceSessionStatusChange body, String xCorrelator) {
        if (body.getStatus() == null) {
            throw ByonException.invalid("status is required");
        }
        VoiceSessionView v = voice.updateStatus(CallerTokens.owner(), voiceSessionId,
                StatusRequest.valueOf(body.getStatus().getValue()), sdp(body.getOffer()), sdp(body.getAnswer()));
        return ResponseEntity.ok(ApiMapper.voice(v));
    }

    @Override
    public ResponseEntity<Void> deleteVoiceSession(String voiceSessionId, String xCorrelator) {
        voice.delete(CallerTokens.owner(), voiceSessionId);
        return ResponseEntity.noContent().build();
    }

    private static String sdp(SdpDescriptor d) {
        return d == null ? null : d.getSdp();
    }
}
