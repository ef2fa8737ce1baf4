package org.byon.gateway.sip;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.List;
import java.util.UUID;

import javax.sip.InvalidArgumentException;
import javax.sip.SipProvider;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Message;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

import gov.nist.javax.sip.header.ParametersHeader;
import org.byon.gateway.network.PhoneNumbers;

/**
 * Builds the adapter's SIP messages with JAIN-SIP's factories (never by hand): public identities
 * {@code sip:+<E.164>@domain} (the TEL URI {@code tel:+<E.164>} of the API maps to them), the per-binding
 * contact {@code <sip:<bindingId>@host:port;transport=..>;+sip.instance="<urn:uuid:deviceId>"} (RFC 5626), and
 * SDP bodies. Thread-safe.
 */
final class SipMessages {
    final AddressFactory addresses;
    final HeaderFactory headers;
    final MessageFactory messages;
    final String host;
    final int port;
    final String transport;
    final String domain;
    private final SipProvider provider;

    SipMessages(AddressFactory addresses, HeaderFactory headers, MessageFactory messages, SipProvider provider,
                String host, int port, String transport, String domain) {
        this.addresses = addresses;
        this.headers = headers;
        this.messages = messages;
        this.provider = provider;
        this.host = host;
        this.port = port;
        this.transport = transport;
        this.domain = domain;
    }

    /** The public identity of a number: {@code sip:+447700900001@domain}. */
    SipURI identity(String number) throws ParseException {
        return addresses.createSipURI(number, domain);
    }

    /** A callee address as a request URI: a TEL URI or bare number becomes the public identity. */
    URI target(String address, String number) throws ParseException {
        if (number != null && !address.regionMatches(true, 0, "sip", 0, 3)) {
            return identity(number);
        }
        return addresses.createURI(address);
    }

    ContactHeader contact(String bindingId, UUID deviceId) throws ParseException {
        SipURI uri = addresses.createSipURI(bindingId, host);
        uri.setPort(port);
        uri.setTransportParam(transport);
        ContactHeader contact = headers.createContactHeader(addresses.createAddress(uri));
        if (deviceId != null) {
            ((ParametersHeader) contact).setQuotedParameter("+sip.instance", "<urn:uuid:" + deviceId + ">");
        }
        return contact;
    }

    /** A new out-of-dialog request from a public identity. */
    Request request(String method, URI requestUri, Address from, Address to, String callId, long cseq)
            throws ParseException, InvalidArgumentException {
        CallIdHeader call = callId == null ? provider.getNewCallId() : headers.createCallIdHeader(callId);
        CSeqHeader cseqHeader = headers.createCSeqHeader(cseq, method);
        FromHeader fromHeader = headers.createFromHeader(from, Long.toHexString(Double.doubleToLongBits(Math.random())));
        ToHeader toHeader = headers.createToHeader(to, null);
        ViaHeader via = headers.createViaHeader(host, port, transport, null);
        return messages.createRequest(requestUri, method, call, cseqHeader, fromHeader, toHeader, List.of(via),
                headers.createMaxForwardsHeader(70));
    }

    void sdp(Message message, String sdp) throws ParseException {
        ContentTypeHeader type = headers.createContentTypeHeader("application", "sdp");
        message.setContent(sdp.getBytes(StandardCharsets.UTF_8), type);
    }

    /** A message's body as text, or null. */
    static String body(Message message) {
        byte[] raw = message.getRawContent();
        return raw == null || raw.length == 0 ? null : new String(raw, StandardCharsets.UTF_8);
    }

    /** The E.164 number of a SIP or TEL URI, or null. */
    static String number(URI uri) {
        return uri == null ? null : PhoneNumbers.numberOf(uri.toString()).orElse(null);
    }

    Response response(int code, Request request, String toTag) throws ParseException {
        Response r = messages.createResponse(code, request);
        ToHeader to = (ToHeader) r.getHeader(ToHeader.NAME);
        if (toTag != null && to != null && to.getTag() == null && code != 100) {
            to.setTag(toTag);
        }
        return r;
    }
}
