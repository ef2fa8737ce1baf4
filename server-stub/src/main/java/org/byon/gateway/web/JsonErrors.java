package org.byon.gateway.web;

import org.springframework.http.converter.HttpMessageNotReadableException;

import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;

/**
 * The message of a 400 for a body that is not valid JSON for the operation: which field, in the contract's
 * terms, never Jackson's text (which names Java types and the parser's internals).
 */
final class JsonErrors {
    private JsonErrors() {
    }

    static String message(HttpMessageNotReadableException e) {
        JacksonException jackson = null;
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof JacksonException j) {
                jackson = j;
                break;
            }
        }
        if (jackson instanceof StreamConstraintsException) {
            return "the request body exceeds the gateway's JSON limits (nesting depth, string or number length)";
        }
        String base = "the request body is not valid JSON for this operation";
        if (jackson == null || jackson.getPath().isEmpty()) {
            return base;
        }
        StringBuilder field = new StringBuilder();
        for (JacksonException.Reference r : jackson.getPath()) {
            if (r.getPropertyName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(r.getPropertyName().length() > 64 ? r.getPropertyName().substring(0, 64) : r.getPropertyName());
            } else if (r.getIndex() >= 0) {
                field.append('[').append(r.getIndex()).append(']');
            }
        }
        return field.isEmpty() ? base : base + ": field " + field + " has a wrong type, value or format";
    }
}
