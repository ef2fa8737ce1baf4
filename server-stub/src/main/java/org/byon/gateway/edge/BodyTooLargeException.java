package org.byon.gateway.edge;

import java.io.IOException;

/** A request body passed {@code byon.limits.max-body-size} while it was being read: 413. */
public class BodyTooLargeException extends IOException {
    public BodyTooLargeException(long limit) {
        super("request body over " + limit + " bytes");
    }

    /** Whether {@code t} or one of its causes is a body over the limit. */
    public static boolean in(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof BodyTooLargeException) {
                return true;
            }
        }
        return false;
    }
}
