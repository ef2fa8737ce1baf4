package org.byon.gateway.auth;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.byon.gateway.common.GatewayProperties;
import org.byon.gateway.network.Subscriber;
import org.byon.gateway.network.SubscriberDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcLogoutAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.oidc.web.authentication.OidcLogoutAuthenticationSuccessHandler;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.session.HttpSessionEventPublisher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * Sign-in of a subscriber in a browser (issue 17): the embedded authorization server's authorization-code grant
 * with PKCE for a public client (the softphone page, no secret), a form login page where the subscriber enters
 * their operator username and password, and OpenID Connect RP-initiated logout that ends the login session and
 * revokes that session's tokens. The client-credentials clients of {@link SecurityConfiguration} stay for tests
 * and the conformance suite.
 * <p>
 * This chain comes first and matches only the endpoints that need the login session ({@code /login},
 * {@code /logout}, {@code /oauth2/authorize}, {@code /connect/logout}); the token endpoint, discovery and JWKS stay
 * on the stateless authorization-server chain of {@link SecurityConfiguration}.
 * <p>
 * Spring Authorization Server issues no refresh token to a public client; the page gets a new access token with a
 * new code-and-PKCE round that the login session answers without asking again (docs/gateway.md, "Sign-in"), so a
 * token is renewed exactly as long as the login session lasts.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LoginProperties.class)
public class BrowserLoginConfiguration {
    private static final Logger log = LoggerFactory.getLogger(BrowserLoginConfiguration.class);

    /** RFC 9068 section 2.2: the client a JWT access token was issued to. */
    public static final String CLIENT_ID_CLAIM = CallerTokens.CLIENT_ID;
    /** The paths this chain owns. */
    static final String[] PATHS = {"/login", "/logout", "/oauth2/authorize", "/connect/logout", "/default-ui.css"};

    /** The softphone page as a public client: authorization code with PKCE, no client secret, no consent screen. */
    @Bean
    RegisteredClient browserClient(LoginProperties login, GatewayProperties props) {
        return RegisteredClient.withId("browser-" + login.clientId())
                .clientId(login.clientId())
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUris(uris -> uris.addAll(login.redirectUris()))
                .postLogoutRedirectUris(uris -> uris.addAll(login.redirectUris()))
                .scope(OidcScopes.OPENID)
                .scopes(s -> s.addAll(SecurityConfiguration.SCOPES))
                // the operator's own application for its own subscribers: consent does not apply (first party)
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
                .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(props.auth().tokenTtl()).build())
                .build();
    }

    @Bean
    BrowserAuthorizations authorizationService(RegisteredClient browserClient, Clock clock) {
        return new BrowserAuthorizations(browserClient.getClientId(), browserClient.getId(), clock);
    }

    /** The login sessions, for the authorization server (OpenID Connect logout, {@code sid} in ID tokens). */
    @Bean
    SessionRegistry sessionRegistry() {
        return new LoginSessions();
    }

    @Bean
    HttpSessionEventPublisher httpSessionEventPublisher() {
        return new HttpSessionEventPublisher();
    }

    @Bean
    @Order(0)
    SecurityFilterChain browserLoginChain(HttpSecurity http, SubscriberDirectory directory, LoginProperties login,
                                          BrowserAuthorizations authorizations) throws Exception {
        http.securityMatcher(PATHS);
        OidcLogoutAuthenticationSuccessHandler endSession = new OidcLogoutAuthenticationSuccessHandler();
        http.oauth2AuthorizationServer(as -> as.oidc(oidc -> oidc.logoutEndpoint(logout -> logout
                .logoutResponseHandler((request, response, authentication) ->
                        revokeAndEnd(request, response, authentication, authorizations, endSession)))));
        http.authorizeHttpRequests(a -> a.requestMatchers("/login", "/default-ui.css").permitAll().anyRequest().authenticated())
                .formLogin(Customizer.withDefaults())
                .authenticationProvider(subscriberLogins(directory, login))
                // a browser is sent to the login page (an explicit entry point would switch the default page off)
                .exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
                        new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
        return http.build();
    }

    private static void revokeAndEnd(HttpServletRequest request, HttpServletResponse response,
                                     Authentication authentication, BrowserAuthorizations authorizations,
                                     OidcLogoutAuthenticationSuccessHandler endSession)
            throws IOException, ServletException {
        if (authentication instanceof OidcLogoutAuthenticationToken logout && logout.getIdToken() != null) {
            int revoked = authorizations.revokeSession(logout.getIdToken());
            log.debug("logout of {}: {} authorization(s) revoked", logout.getIdToken().getSubject(), revoked);
        }
        endSession.onAuthenticationSuccess(request, response, authentication);
    }

    /** The subscribers who have a password in {@code byon.login.passwords}, checked with BCrypt. */
    private static DaoAuthenticationProvider subscriberLogins(SubscriberDirectory directory, LoginProperties login) {
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        List<UserDetails> users = new ArrayList<>();
        for (Map.Entry<String, String> e : login.passwords().entrySet()) {
            Subscriber s = directory.byName(e.getKey()).orElse(null);
            if (s == null) {
                log.warn("byon.login.passwords names {}, who is not a subscriber: ignored", e.getKey());
                continue;
            }
            String password = e.getValue().startsWith("{") ? e.getValue() : encoder.encode(e.getValue());
            users.add(User.withUsername(s.name()).password(password).roles("SUBSCRIBER").build());
        }
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(new InMemoryUserDetailsManager(users));
        provider.setPasswordEncoder(encoder);
        return provider;
    }
}
