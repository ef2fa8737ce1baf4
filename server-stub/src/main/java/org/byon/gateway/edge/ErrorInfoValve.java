package org.byon.gateway.edge;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.byon.gateway.common.ErrorCode;

/**
 * Tomcat's error report, as {@code ErrorInfo} JSON instead of an HTML page: the container's own rejections
 * (an undecodable or forbidden URI such as {@code %2F}, {@code %5C}, {@code %00}, headers too large or too many,
 * bad header bytes, an unsupported {@code Expect}, TRACE) and anything that reached it without a body. Adds the
 * {@code x-correlator} and the security headers; the status stays 4xx for what the client sent (a header section
 * over the limit is 431).
 */
public class ErrorInfoValve extends ErrorReportValve {
    private final ClientErrorLog log;

    public ErrorInfoValve() {
        this(ClientErrorLog.SHARED);
    }

    ErrorInfoValve(ClientErrorLog log) {
        this.log = log;
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        ErrorCode code = status == 400 && headerCountReached(request) ? ErrorCode.HEADER_FIELDS_TOO_LARGE
                : ErrorMapping.code(status, throwable, response.getMessage());
        if (code.status() != status) {
            response.setStatus(code.status());
        }
        if (code.status() >= 500) {
            log.serverError("container", throwable);
        } else {
            log.clientError(code.status(), request.getMethod(), "rejected by the container");
        }
        try {
            if (!response.containsHeader(ErrorResponses.CORRELATOR)
                    && request.getAttribute(ErrorResponses.NO_CORRELATOR) == null) {
                String raw;
                try {
                    raw = request.getHeader(ErrorResponses.CORRELATOR);
                } catch (RuntimeException e) {
                    raw = null;
                }
                response.setHeader(ErrorResponses.CORRELATOR, ErrorResponses.correlator(raw));
            }
            ErrorResponses.securityHeaders(response);
            if (code == ErrorCode.HEADER_FIELDS_TOO_LARGE || code == ErrorCode.CONTENT_TOO_LARGE) {
                // the request was not read to its end: the connection closes after this answer, and says so
                // (RFC 9112 9.6), so a client does not send its next request into a closing socket
                response.setHeader("Connection", "close");
            }
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(ErrorResponses.json(code, ErrorMapping.message(code)));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response was committed meanwhile: nothing more to send
        }
    }

    /** Tomcat refuses a request with more than {@code maxHeaderCount} headers as a bare 400, without a cause. */
    private static boolean headerCountReached(Request request) {
        try {
            Object max = request.getConnector().getProperty("maxHeaderCount");
            int limit = max == null ? -1 : Integer.parseInt(max.toString());
            return limit > 0 && request.getCoyoteRequest().getMimeHeaders().size() >= limit;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
