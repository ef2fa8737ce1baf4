package org.byon.gateway.faults;

import java.text.ParseException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * The {@code accept-unsigned-token} fault, decorating the gateway's token decoder: a token the decoder refuses
 * is taken on its claims alone, without its signature checked.
 */
public final class FaultyJwtDecoder implements JwtDecoder {
    private final JwtDecoder delegate;
    private final FaultSwitch faults;

    public FaultyJwtDecoder(JwtDecoder delegate, FaultSwitch faults) {
        this.delegate = delegate;
        this.faults = faults;
    }

    @Override
    public Jwt decode(String token) {
        try {
            return delegate.decode(token);
        } catch (JwtException e) {
            if (faults.on(Fault.ACCEPT_UNSIGNED_TOKEN)) {
                return unverified(token, e);
            }
            throw e;
        }
    }

    private static Jwt unverified(String token, JwtException original) {
        try {
            var parsed = JWTParser.parse(token);
            JWTClaimsSet claims = parsed.getJWTClaimsSet();
            Map<String, Object> headers = parsed.getHeader().toJSONObject();
            Instant iat = claims.getIssueTime() == null ? Instant.now().minusSeconds(1) : claims.getIssueTime().toInstant();
            Instant exp = claims.getExpirationTime() == null ? iat.plusSeconds(600) : claims.getExpirationTime().toInstant();
            Map<String, Object> claimMap = new LinkedHashMap<>(claims.getClaims());
            claimMap.remove("iat");
            claimMap.remove("exp");
            claimMap.remove("nbf");
            return Jwt.withTokenValue(token).headers(h -> h.putAll(headers)).claims(c -> c.putAll(claimMap))
                    .issuedAt(iat).expiresAt(exp).build();
        } catch (ParseException | RuntimeException e) {
            throw original;
        }
    }
}
