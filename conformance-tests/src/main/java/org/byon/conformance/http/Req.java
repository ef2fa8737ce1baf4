package org.byon.conformance.http;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** A request being built; {@link #send()} hands it to the context that created it. Not thread-safe. */
public final class Req {
    final String method;
    final String target;
    final Map<String, String> headers = new LinkedHashMap<>();
    String body;
    boolean correlator = true;
    private final Function<Req, Exchange> sender;

    public Req(String method, String target, Function<Req, Exchange> sender) {
        this.method = method;
        this.target = target;
        this.sender = sender;
    }

    public Req bearer(String token) {
        if (token == null) {
            headers.remove("Authorization");
        } else {
            headers.put("Authorization", "Bearer " + token);
        }
        return this;
    }

    public Req header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public Req json(JsonNode node) {
        return raw(node.toString(), "application/json");
    }

    public Req json(String text) {
        return raw(text, "application/json");
    }

    /** A body with the given content type (null content type: no Content-Type header). */
    public Req raw(String text, String contentType) {
        this.body = text;
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        return this;
    }

    public Req noCorrelator() {
        correlator = false;
        return this;
    }

    public String method() {
        return method;
    }

    public String target() {
        return target;
    }

    public Exchange send() {
        return sender.apply(this);
    }
}
