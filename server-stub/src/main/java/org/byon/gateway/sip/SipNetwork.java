package org.byon.gateway.sip;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.header.CSeqHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import gov.nist.javax.sip.SipStackExt;
import gov.nist.javax.sip.clientauthutils.AuthenticationHelper;
import gov.nist.javax.sip.clientauthutils.UserCredentials;
import org.byon.gateway.network.Binding;
import org.byon.gateway.network.ImsNetwork;
import org.byon.gateway.network.NetworkHandler;
import org.byon.gateway.network.NetworkScheduler;
import org.byon.gateway.network.OutgoingDialog;
import org.byon.gateway.network.OutgoingObserver;
import org.byon.gateway.network.Origination;
import org.byon.gateway.network.SubscriberDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SIP adapter of the IMS port ({@code byon.network.mode=sip}) on JAIN-SIP (the NIST reference
 * implementation): one stack and listening point; REGISTER per binding ({@link SipRegistrar}), outgoing calls
 * ({@link SipOutgoingCall}), incoming INVITEs to the bindings' contacts ({@link SipIncomingRequests}). Every
 * request goes to the outbound proxy (the P-CSCF). The stack delivers messages in order on one thread; whatever
 * reaches the gateway's calls runs per Call-ID in that order on {@link SerialDispatch}, while the answers that
 * only complete a waiting REGISTER or re-INVITE are handled at once (so a request waiting for its answer under
 * a call's lock never waits behind that call's queue). Messages are never logged whole (they carry digest
 * responses); only their first line and Call-ID are. Thread-safe.
 */
public final class SipNetwork implements ImsNetwork, SipListener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SipNetwork.class);

    private final SipSettings settings;
    private final SubscriberDirectory directory;
    private final NetworkScheduler scheduler;
    private final SipStack stack;
    private final SipProvider provider;
    private final SipMessages sip;
    private final SipRegistrar registrar;
    private final SipIncomingRequests incoming;
    private final int port;
    private final AuthenticationHelper auth;
    private final SerialDispatch dispatch = new SerialDispatch(4);
    private volatile NetworkHandler handler = NetworkHandler.NONE;

    public SipNetwork(SipSettings settings, SubscriberDirectory directory, NetworkScheduler scheduler) {
        this.settings = settings;
        this.directory = directory;
        this.scheduler = scheduler;
        String transport = settings.transport().toLowerCase(java.util.Locale.ROOT);
        try {
            port = settings.localPort() > 0 ? settings.localPort() : freePort(settings.localHost(), transport);
            SipFactory factory = SipFactory.getInstance();
            factory.setPathName("gov.nist");
            Properties p = new Properties();
            p.setProperty("javax.sip.STACK_NAME", "byon-gateway-" + port);
            p.setProperty("javax.sip.OUTBOUND_PROXY", settings.proxy() + "/" + transport);
            p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "false"); // in order; see SerialDispatch
            // one thread reads the UDP datagrams (the stack's default is 8): a 180 and the 200 right behind it
            // reach their transaction in the order they arrived, never the 200 first (which drops the 180)
            p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "1");
            p.setProperty("gov.nist.javax.sip.STACK_LOGGER", SipStackLogger.class.getName());
            p.setProperty("gov.nist.javax.sip.SERVER_LOGGER", SipMessageLogger.class.getName());
            p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "DEBUG");
            p.setProperty("gov.nist.javax.sip.LOG_MESSAGE_CONTENT", "false");
            p.setProperty("gov.nist.javax.sip.CACHE_CLIENT_CONNECTIONS", "true");
            stack = factory.createSipStack(p);
            ListeningPoint lp = stack.createListeningPoint(settings.localHost(), port, transport);
            provider = stack.createSipProvider(lp);
            sip = new SipMessages(factory.createAddressFactory(), factory.createHeaderFactory(),
                    factory.createMessageFactory(), provider, settings.localHost(), port, transport, settings.domain());
            auth = ((SipStackExt) stack).getAuthenticationHelper(this::credentials, sip.headers);
            registrar = new SipRegistrar(sip, provider, auth, scheduler, settings.requestTimeout(),
                    settings.refreshLimit());
            incoming = new SipIncomingRequests(sip, provider, registrar, directory, scheduler,
                    settings.requestTimeout().toMillis(), () -> handler);
            provider.addSipListener(this);
            stack.start();
        } catch (Exception e) {
            throw new IllegalStateException("the SIP stack did not start on " + settings.localHost() + ":"
                    + settings.localPort() + "/" + transport + ": " + e.getMessage(), e);
        }
        log.info("SIP adapter on {}:{}/{}, outbound proxy {}, domain {}", settings.localHost(), port, transport,
                settings.proxy(), settings.domain());
    }

    /** The SIP port the gateway listens on. */
    public int port() {
        return port;
    }

    private UserCredentials credentials(ClientTransaction challenged, String realm) {
        Object data = challenged.getApplicationData();
        String number = data instanceof ResponseHandler h ? h.subscriberNumber() : null;
        String subscriber = number == null ? null : directory.byNumber(number).map(s -> s.name()).orElse(null);
        SipSettings.Credential c = subscriber == null ? null : settings.credentials().get(subscriber);
        String user = c != null && c.username() != null ? c.username() : number;
        String password = c == null ? "" : c.password();
        return new UserCredentials() {
            @Override
            public String getUserName() {
                return user;
            }

            @Override
            public String getPassword() {
                return password;
            }

            @Override
            public String getSipDomain() {
                return realm;
            }
        };
    }

    private static int freePort(String host, String transport) throws IOException {
        InetAddress a = InetAddress.getByName(host);
        if ("tcp".equals(transport)) {
            try (ServerSocket s = new ServerSocket(0, 1, a)) {
                return s.getLocalPort();
            }
        }
        try (DatagramSocket s = new DatagramSocket(0, a)) {
            return s.getLocalPort();
        }
    }

    // ================================================================ the port

    @Override
    public void setHandler(NetworkHandler handler) {
        this.handler = handler == null ? NetworkHandler.NONE : handler;
        registrar.setHandler(this.handler);
    }

    @Override
    public void register(Binding binding) {
        registrar.register(binding);
    }

    @Override
    public void refresh(Binding binding) {
        registrar.refresh(binding);
    }

    @Override
    public void deregister(Binding binding) {
        registrar.deregister(binding);
    }

    @Override
    public OutgoingDialog originate(Origination o, OutgoingObserver observer) {
        Binding caller = registrar.binding(o.bindingId());
        String subscriberNumber = caller != null ? caller.phoneNumber()
                : directory.byNumber(o.callerNumber()).map(s -> s.phoneNumber()).orElse(null);
        SipOutgoingCall call = new SipOutgoingCall(sip, provider, observer, settings.requestTimeout().toMillis(),
                auth, subscriberNumber);
        call.start(o, o.bindingId(), scheduler, settings.inviteTimeout());
        return call;
    }

    @Override
    public void occupied(String phoneNumber, boolean inCall) {
        if (inCall) {
            directory.callStarted(phoneNumber);
        } else {
            directory.callEnded(phoneNumber);
        }
    }

    // ================================================================ JAIN-SIP listener

    @Override
    public void processRequest(RequestEvent event) {
        Request r = event.getRequest();
        javax.sip.header.CallIdHeader id = (javax.sip.header.CallIdHeader) r.getHeader(javax.sip.header.CallIdHeader.NAME);
        dispatch.submit(id == null ? "" : id.getCallId(), () -> {
            try {
                incoming.process(event);
            } catch (RuntimeException e) {
                log.warn("SIP {} not handled: {}", r.getMethod(), e.toString());
            }
        });
    }

    @Override
    public void processResponse(ResponseEvent event) {
        Response r = event.getResponse();
        ClientTransaction ct = event.getClientTransaction();
        Object data = ct == null ? null : ct.getApplicationData();
        if (data instanceof SipOutgoingCall call) {
            dispatch.submit(ct.getDialog() == null ? "" : ct.getDialog().getCallId().getCallId(),
                    () -> call.response(event));
            return;
        }
        if (data instanceof ResponseHandler h) {
            h.response(event); // completes a waiting REGISTER / re-INVITE, or nothing
            return;
        }
        Dialog d = event.getDialog();
        CSeqHeader cseq = (CSeqHeader) r.getHeader(CSeqHeader.NAME);
        if (r.getStatusCode() / 100 == 2 && cseq != null && Request.INVITE.equals(cseq.getMethod()) && d != null) {
            try { // a 2xx without its transaction: a retransmission (re-ACK) or a late fork (ACK, then BYE)
                d.sendAck(d.createAck(cseq.getSeqNumber()));
                if (!(d.getApplicationData() instanceof SipOutgoingCall)) {
                    SipDialogs.bye(provider, d);
                }
            } catch (Exception e) {
                log.debug("late 2xx not acknowledged: {}", e.getMessage());
            }
        }
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        if (event.isServerTransaction()) {
            return;
        }
        Object data = event.getClientTransaction().getApplicationData();
        if (data instanceof SipOutgoingCall call) {
            dispatch.submit(event.getClientTransaction().getDialog() == null ? ""
                    : event.getClientTransaction().getDialog().getCallId().getCallId(), call::timeout);
        } else if (data instanceof ResponseHandler h) {
            h.timeout();
        }
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        log.info("SIP transport error towards {}:{}", event.getHost(), event.getPort());
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
        // nothing to release: the calls and registrations hold their own state
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
        // idem
    }

    @Override
    public void close() {
        registrar.deregisterAll();
        stack.stop();
        dispatch.close();
    }
}
