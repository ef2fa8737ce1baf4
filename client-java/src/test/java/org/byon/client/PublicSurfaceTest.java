package org.byon.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Holds the line of a small public surface: no internal or generated type leaks into the API. */
class PublicSurfaceTest {

    private static List<Class<?>> publicApiTypes() throws IOException, URISyntaxException, ClassNotFoundException {
        Path dir = Path.of(ByonClient.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("org/byon/client");
        List<Class<?>> types = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String name = f.getFileName().toString().replace(".class", "");
                if (name.equals("package-info")) {
                    continue;
                }
                Class<?> c = Class.forName("org.byon.client." + name.replace('/', '.'));
                if (Modifier.isPublic(c.getModifiers())) {
                    types.add(c);
                }
            }
        }
        return types;
    }

    @Test
    void publicApiIsAHandfulOfTypes() throws Exception {
        assertThat(publicApiTypes().stream().filter(c -> c.getEnclosingClass() == null).map(Class::getSimpleName))
                .containsExactlyInAnyOrder("ByonClient", "TokenSource", "NotificationChannelHandle", "EventListener",
                        "ByonEvent", "Registration", "Call", "IncomingCall", "CallStatus", "ByonException", "ByonApiException",
                        "ByonAuthenticationException", "ByonTransportException", "ByonWebhook", "ByonLogger");
    }

    @Test
    void noPublicSignatureMentionsAnInternalType() throws Exception {
        List<String> leaks = new ArrayList<>();
        for (Class<?> c : publicApiTypes()) {
            List<Executable> members = new ArrayList<>(List.of(c.getDeclaredMethods()));
            members.addAll(List.of(c.getDeclaredConstructors()));
            for (Executable m : members) {
                if (!Modifier.isPublic(m.getModifiers()) || m.isSynthetic()) {
                    continue;
                }
                List<Type> types = new ArrayList<>(List.of(m.getGenericParameterTypes()));
                if (m instanceof Method method) {
                    types.add(method.getGenericReturnType());
                }
                types.addAll(List.of(m.getGenericExceptionTypes()));
                for (Type t : types) {
                    if (t.getTypeName().contains(".internal.")) {
                        leaks.add(c.getSimpleName() + "." + (m instanceof Constructor<?> ? "<init>" : m.getName()) + ": " + t);
                    }
                }
            }
        }
        assertThat(leaks).isEmpty();
    }
}
