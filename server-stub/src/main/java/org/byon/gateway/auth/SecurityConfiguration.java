package org.byon.gateway.auth;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.byon.gateway.common.ErrorCode;
import org.byon.gateway.common.GatewayProperties;
import org.byon.gateway.network.Subscriber;
import org.byon.gateway.network.SubscriberDirectory;
import org.byon.gateway.web.WebConfiguration;
import org.byon.openapi.ByonContract;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.session.NullAuthenticatedSessionStrategy;

/**
 * Real OAuth 2.0 with the field libraries: an embedded authorization server (Spring Security's
 * authorization server, client_credentials, one registered client per subscriber) and the API as a
 * resource server validating RS256 JWTs against the embedded keys or {@code byon.auth.jwk-set-uri}, with the
 * issuer pinned. Two filter chains, the authorization server's first.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {
    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    /** Every scope of byon.yaml (the embedded authorization server grants them all). */
    public static final List<String> SCOPES = ByonContract.load().scopes();

    @Bean
    Issuer issuer(GatewayProperties props) {
        return new Issuer(props.auth().issuer());
    }

    @Bean
    JWKSource<SecurityContext> jwkSource() {
        KeyPair keyPair;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            keyPair = generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        RSAKey key = new RSAKey.Builder((RSAPublicKey) keyPair.getPublic())
                .privateKey((RSAPrivateKey) keyPair.getPrivate())
                .keyID(UUID.randomUUID().toString())
                .build();
        return new ImmutableJWKSet<>(new JWKSet(key));
    }

    /** Client secrets compared in constant time (picked up by the authorization server's client authentication). */
    @Bean
    org.springframework.security.crypto.password.PasswordEncoder clientSecretEncoder() {
        return new ClientSecrets();
    }

    @Bean
    RegisteredClientRepository registeredClientRepository(SubscriberDirectory directory, GatewayProperties props,
                                                          ObjectProvider<RegisteredClient> browserClients) {
        ClientSecrets secrets = new ClientSecrets();
        List<RegisteredClient> clients = new ArrayList<>();
        TokenSettings tokens = TokenSettings.builder().accessTokenTimeToLive(props.auth().tokenTtl()).build();
        for (Subscriber s : directory.all()) {
            clients.add(clientCredentials(s.name(), s.name(), secrets.encode(s.secret()), tokens));
        }
        String consumer = props.auth().consumerClientId();
        if (props.demoSubscribers() && consumer != null && !consumer.isBlank() && directory.byName(consumer).isEmpty()) {
            // an API consumer without a subscriber: its client-credentials token is two-legged (no phone_number)
            clients.add(clientCredentials("consumer-" + consumer, consumer,
                    secrets.encode(props.auth().consumerClientSecret()), tokens));
        }
        browserClients.orderedStream().forEach(clients::add); // BrowserLoginConfiguration: the softphone
        return ClientSecrets.withDecoy(new InMemoryRegisteredClientRepository(clients), clients.get(0), secrets);
    }

    /** A confidential client of the client-credentials grant (HTTP Basic or form) with every scope of byon.yaml. */
    private static RegisteredClient clientCredentials(String id, String clientId, String encodedSecret, TokenSettings tokens) {
        return RegisteredClient.withId(id)
                .clientId(clientId)
                .clientSecret(encodedSecret)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .scopes(set -> set.addAll(SCOPES))
                .tokenSettings(tokens)
                .build();
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(Issuer issuer) {
        AuthorizationServerSettings.Builder b = AuthorizationServerSettings.builder();
        if (issuer.configured()) {
            b.issuer(issuer.get());
        }
        return b.build();
    }

    /** Adds {@code phone_number} and a space-delimited {@code scope} (RFC 9068 section 2.2.3) to access tokens. */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> tokenCustomizer(SubscriberDirectory directory, Issuer issuer,
                                                              GatewayProperties props) {
        return context -> {
            if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                return;
            }
            RegisteredClient client = context.getRegisteredClient();
            // the subscriber: the client itself (client credentials) or the signed-in user (authorization code)
            directory.byName(context.getPrincipal().getName()).ifPresent(s ->
                    context.getClaims().claim(CallerTokens.PHONE_NUMBER, s.phoneNumber()));
            context.getClaims().claim(BrowserLoginConfiguration.CLIENT_ID_CLAIM, client.getClientId());
            Set<String> scopes = context.getAuthorizedScopes() == null || context.getAuthorizedScopes().isEmpty()
                    ? new LinkedHashSet<>(client.getScopes()) : context.getAuthorizedScopes();
            context.getClaims().claim("scope", String.join(" ", scopes));
            if (issuer.get() != null) {
                context.getClaims().issuer(issuer.get());
            }
            if (props.auth().audience() != null && !props.auth().audience().isBlank()) {
                context.getClaims().audience(List.of(props.auth().audience()));
            }
        };
    }

    @Bean
    JwtDecoder jwtDecoder(JWKSource<SecurityContext> jwkSource, GatewayProperties props, Issuer issuer) {
        String jwkSetUri = props.auth().jwkSetUri();
        NimbusJwtDecoder decoder = jwkSetUri == null || jwkSetUri.isBlank()
                ? embeddedDecoder(jwkSource)
                : NimbusJwtDecoder.withJwkSetUri(jwkSetUri).build();
        OAuth2TokenValidator<Jwt> issuerCheck = jwt -> {
            String expected = issuer.get();
            if (expected == null) {
                return OAuth2TokenValidatorResult.success();
            }
            String actual = jwt.getIssuer() == null ? null : jwt.getIssuer().toString();
            return expected.equals(actual) ? OAuth2TokenValidatorResult.success()
                    : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token",
                    "the token was not issued by " + expected, null));
        };
        // exp is required (JwtTimestampValidator lets a token without it pass); aud when byon.auth.audience is set
        OAuth2TokenValidator<Jwt> expRequired = new org.springframework.security.oauth2.jwt.JwtClaimValidator<Instant>(
                org.springframework.security.oauth2.jwt.JwtClaimNames.EXP, java.util.Objects::nonNull);
        String audience = props.auth().audience();
        OAuth2TokenValidator<Jwt> audienceCheck = audience == null || audience.isBlank()
                ? jwt -> OAuth2TokenValidatorResult.success()
                : new org.springframework.security.oauth2.jwt.JwtClaimValidator<List<String>>(
                        org.springframework.security.oauth2.jwt.JwtClaimNames.AUD, aud -> aud != null && aud.contains(audience));
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                new JwtTimestampValidator(java.time.Duration.ZERO), expRequired, issuerCheck, audienceCheck));
        if (jwkSetUri != null && !jwkSetUri.isBlank() && !issuer.configured()) {
            log.warn("byon.auth.jwk-set-uri is set without byon.auth.issuer: pinning the issuer to {} once started",
                    "http://localhost:<port>");
        }
        // Verified tokens are remembered (bounded) so a client's repeated requests skip parsing and the RSA
        // check; a hit is still refused once the token has expired.
        Map<String, Jwt> verified = new java.util.concurrent.ConcurrentHashMap<>();
        return token -> {
            Jwt cached = verified.get(token);
            if (cached != null) {
                if (cached.getExpiresAt() != null && cached.getExpiresAt().isAfter(Instant.now())) {
                    return cached;
                }
                verified.remove(token);
            }
            Jwt jwt = decoder.decode(token);
            if (verified.size() >= 10_000) {
                verified.clear();
            }
            verified.put(token, jwt);
            return jwt;
        };
    }

    /**
     * The embedded issuer's tokens are checked against its public key, taken once from the JWK set: the JWK-source
     * decoder rebuilt the RSA key (private part included) from the JWK on every decode.
     */
    private static NimbusJwtDecoder embeddedDecoder(JWKSource<SecurityContext> jwkSource) {
        if (jwkSource instanceof ImmutableJWKSet<SecurityContext> set && set.getJWKSet().getKeys().size() == 1
                && set.getJWKSet().getKeys().get(0) instanceof RSAKey rsa) {
            try {
                return NimbusJwtDecoder.withPublicKey(rsa.toRSAPublicKey()).build();
            } catch (com.nimbusds.jose.JOSEException e) {
                throw new IllegalStateException(e);
            }
        }
        return NimbusJwtDecoder.withJwkSource(jwkSource).build();
    }

    /**
     * {@link org.springframework.security.web.firewall.StrictHttpFirewall} with its default rules, but header
     * values are checked with a loop instead of its Unicode-class regular expression (the same rule: every code
     * point assigned and not a control character), which cost about a tenth of a request on the ~800-character
     * Authorization header.
     */
    @Bean
    org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer firewall() {
        var firewall = new org.springframework.security.web.firewall.StrictHttpFirewall();
        firewall.setAllowedHeaderValues(SecurityConfiguration::allowedHeaderValue);
        return web -> web.httpFirewall(firewall);
    }

    static boolean allowedHeaderValue(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c >= 0x7f) {
                return value.codePoints().allMatch(cp -> Character.isDefined(cp) && !Character.isISOControl(cp));
            }
        }
        return true;
    }

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServerChain(HttpSecurity http, Issuer issuer) throws Exception {
        http.oauth2AuthorizationServer(as -> {
            http.securityMatcher(as.getEndpointsMatcher());
            as.authorizationServerMetadataEndpoint(m -> m.authorizationServerMetadataCustomizer(b -> {
                if (issuer.get() != null) {
                    b.issuer(issuer.get());
                }
                b.claims(OAuthEndpoints::withoutStoredTokenEndpoints);
                b.scopes(s -> s.addAll(SCOPES));
            }));
            as.oidc(oidc -> oidc.providerConfigurationEndpoint(p -> p.providerConfigurationCustomizer(b -> {
                if (issuer.get() != null) {
                    b.issuer(issuer.get());
                }
                b.claims(OAuthEndpoints::withoutStoredTokenEndpoints);
                b.scopes(s -> s.addAll(SCOPES));
            })));
        });
        http.authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .csrf(AbstractHttpConfigurer::disable)
                // stateless, and never touching a login session the browser's cookie names: changing its id (session fixation
                // protection on each authenticated request) would break the ID tokens' sid and so the browser's logout
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS)
                        .sessionAuthenticationStrategy(new NullAuthenticatedSessionStrategy()))
                .exceptionHandling(e -> e.authenticationEntryPoint((req, res, ex) ->
                        ErrorBodies.write(req, res, ErrorCode.UNAUTHENTICATED, "client authentication required")));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain apiChain(HttpSecurity http, JwtDecoder decoder, BrowserAuthorizations browserTokens,
                                 java.time.Clock clock) throws Exception {
        String api = WebConfiguration.API_PREFIX;
        List<ScopeRules.Rule> rules = ScopeRules.of(api, ByonContract.load().operations());
        http.authorizeHttpRequests(a -> {
            a.requestMatchers(api + "/notifications/ws/**").permitAll();
            rules.forEach(r -> a.requestMatchers(r.method(), r.pattern()).hasAuthority(r.authority()));
            a.requestMatchers(api + "/**").authenticated();
            a.anyRequest().permitAll();
        });
        http.oauth2ResourceServer(rs -> rs
                        .bearerTokenResolver(new HeaderBearerTokenResolver())
                        .jwt(jwt -> jwt.authenticationManager(new TokenAuthentications(
                                token -> browserTokens.checked(decoder.decode(token)), clock)))
                        .authenticationEntryPoint(SecurityConfiguration::unauthenticated)
                        .accessDeniedHandler((req, res, ex) -> ErrorBodies.write(req, res, ErrorCode.PERMISSION_DENIED,
                                "the access token lacks the scope this operation needs")))
                .exceptionHandling(e -> e.authenticationEntryPoint(SecurityConfiguration::unauthenticated))
                .csrf(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                // stateless, and never touching a login session the browser's cookie names: changing its id (session fixation
                // protection on each authenticated request) would break the ID tokens' sid and so the browser's logout
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS)
                        .sessionAuthenticationStrategy(new NullAuthenticatedSessionStrategy()))
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                // what a stateless token API does not use (bench/README.md, "Request path"): no anonymous token (an
                // API path without a valid token is refused by the authorization filter, 401), no servlet-API
                // request wrapper, no async-manager integration, no URL-encoding guard (no session to leak); the
                // security headers are written before the chain instead of by a response wrapper on commit
                .anonymous(AbstractHttpConfigurer::disable)
                .servletApi(AbstractHttpConfigurer::disable)
                .headers(h -> h.withObjectPostProcessor(
                        new org.springframework.security.config.ObjectPostProcessor<
                                org.springframework.security.web.header.HeaderWriterFilter>() {
                            @Override
                            public <O extends org.springframework.security.web.header.HeaderWriterFilter> O postProcess(
                                    O filter) {
                                filter.setShouldWriteHeadersEagerly(true);
                                return filter;
                            }
                        }));
        return http.build();
    }

    private static void unauthenticated(jakarta.servlet.http.HttpServletRequest req,
                                        jakarta.servlet.http.HttpServletResponse res,
                                        org.springframework.security.core.AuthenticationException ex)
            throws java.io.IOException {
        res.setHeader("WWW-Authenticate", "Bearer");
        // never why the token failed (expired, signature, issuer): that helps only an attacker
        ErrorBodies.write(req, res, ErrorCode.UNAUTHENTICATED, "a valid access token is required");
    }
}
