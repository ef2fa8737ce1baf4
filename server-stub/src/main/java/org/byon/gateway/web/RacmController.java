package org.byon.gateway.web;

import org.byon.gateway.auth.CallerTokens;
import org.byon.gateway.racm.RacmService;
import org.byon.gateway.racm.Registration;
import org.byon.gateway.web.api.RacmApi;
import org.byon.gateway.web.model.CreateRacmSession;
import org.byon.gateway.web.model.RacmSession;
import org.byon.gateway.web.model.UpdateRacmSession;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

/** {@code /racm/sessions}: the generated interface over {@link RacmService}. */
@RestController
public class RacmController implements RacmApi {
    private final RacmService racm;

    public RacmController(RacmService racm) {
        this.racm = racm;
    }

    @Override
    public ResponseEntity<RacmSession> createRacmSession(CreateRacmSession body, String xCorrelator) {
        Registration r = racm.create(CallerTokens.owner(), body.getDeviceId(), body.getChannelId(),
                ApiMapper.instant(body.getRegistrationExpireTime()), CallerTokens.expiresAt());
        return ResponseEntity.created(ApiUrls.resource("/racm/sessions/" + r.id())).body(out(r));
    }

    @Override
    public ResponseEntity<RacmSession> getRacmSession(String racmSessionId, String xCorrelator) {
        return ResponseEntity.ok(out(racm.get(CallerTokens.owner(), racmSessionId)));
    }

    @Override
    public ResponseEntity<RacmSession> updateRacmSession(String racmSessionId, UpdateRacmSession body,
                                                         String xCorrelator) {
        Registration r = racm.update(CallerTokens.owner(), racmSessionId,
                ApiMapper.instant(body.getRegistrationExpireTime()), CallerTokens.expiresAt());
        return ResponseEntity.ok(out(r));
    }

    @Override
    public ResponseEntity<Void> deleteRacmSession(String racmSessionId, String xCorrelator) {
        racm.delete(CallerTokens.owner(), racmSessionId);
        return ResponseEntity.noContent().build();
    }

    private RacmSession out(Registration r) {
        return ApiMapper.racm(r);
    }
}
