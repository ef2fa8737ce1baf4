package org.byon.gateway.auth;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistryImpl;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The login sessions, for OpenID Connect ({@code sid} in ID tokens, RP-initiated logout). Spring Authorization
 * Server asks {@link #getAllSessions} for the sessions of the signed-in subscriber and takes the most recent one for
 * the ID token's {@code sid}: with one subscriber signed in in two browsers that would name the other browser's
 * session, and that browser's logout would then be refused ({@code invalid_token}, sid). This registry answers with
 * the session of the request being served when it is one of them (the browser's own login session: the token request
 * and the logout carry its cookie), else as {@link SessionRegistryImpl} does. Thread-safe.
 */
public class LoginSessions extends SessionRegistryImpl {
    @Override
    public List<SessionInformation> getAllSessions(Object principal, boolean includeExpiredSessions) {
        List<SessionInformation> all = super.getAllSessions(principal, includeExpiredSessions);
        String current = currentSessionId();
        if (current != null && all.size() > 1) {
            for (SessionInformation s : all) {
                if (s.getSessionId().equals(current)) {
                    return List.of(s);
                }
            }
        }
        return all;
    }

    private static String currentSessionId() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            HttpSession session = request.getSession(false);
            return session != null ? session.getId() : null;
        }
        return null;
    }
}
