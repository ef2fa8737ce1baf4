package org.byon.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * Client authentication that takes the same time whoever asks: secrets are kept as SHA-256 digests and compared
 * with {@link MessageDigest#isEqual} (no early exit), and an unknown client id is looked up as a decoy client
 * with a random secret nobody knows, so unknown ids and wrong secrets go through the same steps and both answer
 * {@code invalid_client}. (Client secrets here are long random strings, not passwords: a slow hash adds nothing.)
 */
final class ClientSecrets implements PasswordEncoder {
    private static final String PREFIX = "sha256:";

    @Override
    public String encode(CharSequence raw) {
        return PREFIX + HexFormat.of().formatHex(digest(raw.toString()));
    }

    @Override
    public boolean matches(CharSequence raw, String encoded) {
        byte[] expected = encoded == null ? new byte[0] : encoded.getBytes(StandardCharsets.US_ASCII);
        byte[] actual = encode(raw == null ? "" : raw).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, actual);
    }

    private static byte[] digest(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Wraps a repository: an unknown client id yields a decoy client that no secret opens. */
    static RegisteredClientRepository withDecoy(RegisteredClientRepository real, RegisteredClient template,
                                                ClientSecrets secrets) {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String decoySecret = secrets.encode(Base64.getEncoder().encodeToString(random));
        return new RegisteredClientRepository() {
            @Override
            public void save(RegisteredClient client) {
                real.save(client);
            }

            @Override
            public RegisteredClient findById(String id) {
                return real.findById(id);
            }

            @Override
            public RegisteredClient findByClientId(String clientId) {
                RegisteredClient found = real.findByClientId(clientId);
                if (found != null || clientId == null) {
                    return found;
                }
                return RegisteredClient.from(template).id("decoy").clientId(clientId).clientSecret(decoySecret).build();
            }
        };
    }
}
