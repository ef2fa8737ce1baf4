package org.byon.gateway.simulator;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.byon.gateway.auth.Issuer;
import org.byon.gateway.auth.SecurityConfiguration;
import org.byon.gateway.channel.RecordingPushSender;
import org.byon.gateway.common.ByonException;
import org.byon.gateway.common.ErrorCode;
import org.byon.gateway.faults.FaultSwitch;
import org.byon.gateway.network.SmartphoneMode;
import org.byon.gateway.network.Subscriber;
import org.byon.gateway.network.SubscriberDirectory;
import org.byon.gateway.network.simulated.SimulatedNetwork;
import org.byon.gateway.voice.CallView;
import org.byon.gateway.voice.VoiceService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The simulator control surface, outside the contract (docs/gateway.md): inject inbound calls, release
 * calls, set smartphones, list live calls, read the push outbox, mint expired tokens, switch faults. Off unless
 * {@code byon.simulator.enabled=true}; then every request needs {@code byon.simulator.key} ({@link SimulatorGuard}).
 */
@RestController
@RequestMapping("/simulator/v1")
@ConditionalOnProperty(name = "byon.simulator.enabled", havingValue = "true")
public class SimulatorController {
    private final VoiceService voice;
    private final ObjectProvider<SimulatedNetwork> network;
    private final SubscriberDirectory directory;
    private final RecordingPushSender push;
    private final FaultSwitch faults;
    private final NimbusJwtEncoder encoder;
    private final Issuer issuer;

    public SimulatorController(VoiceService voice, ObjectProvider<SimulatedNetwork> network,
                               SubscriberDirectory directory, RecordingPushSender push, FaultSwitch faults,
                               JWKSource<SecurityContext> jwkSource, Issuer issuer) {
        this.voice = voice;
        this.network = network;
        this.directory = directory;
        this.push = push;
        this.faults = faults;
        this.encoder = new NimbusJwtEncoder(jwkSource);
        this.issuer = issuer;
    }

    /** Body of {@code POST /calls}. */
    public record InboundCall(String from, String to, String sdp) {
    }

    /** Body of {@code PUT /subscribers/{phoneNumber}/smartphone}. */
    public record Smartphone(String mode) {
    }

    /** Body of {@code PUT /faults}. */
    public record Faults(List<String> faults) {
    }

    @PostMapping("/calls")
    public ResponseEntity<CallView> inject(@RequestBody InboundCall call) {
        if (call == null) {
            throw ByonException.invalid("body required");
        }
        SimulatedNetwork.Injected injected = simulated().injectInbound(call.from(), call.to(), call.sdp());
        CallView view = injected.outcome() == null ? voice.call(injected.callId()).map(this::withNetwork).orElse(null)
                : null;
        if (view == null) {
            view = new CallView(injected.callId(), call.from(), call.to(),
                    injected.outcome() == null ? "ALERTING" : injected.outcome(), null, false, List.of());
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(view);
    }

    @GetMapping("/calls")
    public List<CallView> calls() {
        return voice.liveCalls().stream().map(this::withNetwork).toList();
    }

    @GetMapping("/calls/{callId}")
    public CallView call(@PathVariable String callId) {
        return voice.call(callId).map(this::withNetwork).orElseThrow(() -> ByonException.notFound("call", callId));
    }

    @DeleteMapping("/calls/{callId}")
    public ResponseEntity<Void> release(@PathVariable String callId) {
        if (!simulated().release(callId)) {
            throw ByonException.notFound("call", callId);
        }
        return ResponseEntity.noContent().build();
    }

    /** The simulated IMS core; the network actions are not available with a real network. */
    private SimulatedNetwork simulated() {
        SimulatedNetwork n = network.getIfAvailable();
        if (n == null) {
            throw new ByonException(ErrorCode.INCOMPATIBLE_STATE,
                    "the gateway runs with a real IMS network (byon.network.mode=sip): no simulated network actions");
        }
        return n;
    }

    /** A gateway call with the simulated core's view: who answered, whether the smartphone rings. */
    private CallView withNetwork(CallView v) {
        SimulatedNetwork n = network.getIfAvailable();
        if (n == null) {
            return v;
        }
        String who = v.answeredBy() == null || "web".equals(v.answeredBy()) ? v.answeredBy()
                : n.answeredBy(v.callId()).orElse(v.answeredBy());
        return new CallView(v.callId(), v.from(), v.to(), v.state(), who, n.smartphoneRinging(v.callId()), v.legs());
    }

    @PutMapping("/subscribers/{phoneNumber}/smartphone")
    public Map<String, String> smartphone(@PathVariable String phoneNumber, @RequestBody Smartphone body) {
        Subscriber s = directory.byNumber(phoneNumber).or(() -> directory.byName(phoneNumber))
                .orElseThrow(() -> ByonException.notFound("subscriber", phoneNumber));
        SmartphoneMode mode;
        try {
            mode = SmartphoneMode.valueOf(body.mode().trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw ByonException.invalid("mode must be one of IDLE, BUSY, ANSWER, DECLINE, OFF");
        }
        directory.setSmartphone(s.phoneNumber(), mode);
        return Map.of("phoneNumber", s.phoneNumber(), "mode", mode.name());
    }

    @GetMapping("/subscribers")
    public List<Map<String, String>> subscribers() {
        return directory.all().stream().map(s -> Map.of("name", s.name(), "phoneNumber", s.phoneNumber(),
                "smartphone", directory.smartphone(s.phoneNumber()).name())).toList();
    }

    @GetMapping("/subscribers/{name}/expired-token")
    public Map<String, Object> expiredToken(@PathVariable String name) {
        Subscriber s = directory.byName(name).or(() -> directory.byNumber(name))
                .orElseThrow(() -> ByonException.notFound("subscriber", name));
        Instant now = Instant.now();
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
                .subject(s.name())
                .audience(List.of(s.name()))
                .issuedAt(now.minusSeconds(1200))
                .notBefore(now.minusSeconds(1200))
                .expiresAt(now.minusSeconds(600))
                .claim("phone_number", s.phoneNumber())
                .claim("scope", String.join(" ", SecurityConfiguration.SCOPES));
        if (issuer.get() != null) {
            claims.issuer(issuer.get());
        }
        String token = encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(),
                claims.build())).getTokenValue();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("access_token", token);
        out.put("token_type", "Bearer");
        return out;
    }

    @GetMapping("/push-outbox")
    public List<RecordingPushSender.Push> pushOutbox() {
        return push.outbox();
    }

    @GetMapping("/faults")
    public Map<String, Object> faults() {
        return Map.of("faults", faults.names(), "runtimeControl", faults.runtimeControl());
    }

    @PutMapping("/faults")
    public Map<String, Object> setFaults(@RequestBody Faults body) {
        if (!faults.runtimeControl()) {
            throw new ByonException(ErrorCode.PERMISSION_DENIED,
                    "runtime fault control is off (byon.faults.runtime-control=false)");
        }
        try {
            faults.set(body.faults() == null ? List.of() : body.faults());
        } catch (IllegalArgumentException e) {
            throw ByonException.invalid(e.getMessage());
        }
        return faults();
    }
}
