package org.byon.gateway.sip;

import java.time.Duration;
import java.time.Instant;
import java.util.ListIterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import javax.sip.ClientTransaction;
import javax.sip.ResponseEvent;
import javax.sip.SipProvider;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import gov.nist.javax.sip.clientauthutils.AuthenticationHelper;
import org.byon.gateway.network.Binding;
import org.byon.gateway.network.NetworkHandler;
import org.byon.gateway.network.NetworkRefusal;
import org.byon.gateway.network.NetworkScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * REGISTER per binding: the public identity as AOR, the binding's own contact with {@code +sip.instance}, the
 * binding's expiry as {@code Expires}, digest authentication on 401/407, and a refresh at 80% of the granted
 * expiry, at the latest after {@code byon.sip.refresh-limit}, until the binding's own expiry (so a binding a
 * restarted core lost comes back, and a core that stopped answering is noticed). A refresh the network refuses,
 * or a 200 that no longer lists the binding's contact, ends the binding ({@link NetworkHandler#bindingEnded}).
 * A refresh nobody answers is tried once more after the next refresh interval (a core restarting takes a few
 * seconds), unless the expiry the registrar granted lapses first; the second unanswered one ends the binding.
 * Thread-safe.
 */
final class SipRegistrar {
    private static final Logger log = LoggerFactory.getLogger(SipRegistrar.class);
    private static final int MAX_CHALLENGES = 2;

    private final SipMessages sip;
    private final SipProvider provider;
    private final AuthenticationHelper auth;
    private final NetworkScheduler scheduler;
    private final Duration timeout;
    private final Duration refreshLimit;
    private final Map<String, Reg> regs = new ConcurrentHashMap<>();
    private volatile NetworkHandler handler = NetworkHandler.NONE;

    /** One binding's REGISTER dialog: one Call-ID, increasing CSeq. */
    private static final class Reg {
        volatile Binding binding;
        final String callId;
        final AtomicLong cseq = new AtomicLong();
        volatile ScheduledFuture<?> refresh;
        volatile boolean ended;
        /** When the registrar's last granted expiry lapses. */
        volatile Instant grantedUntil = Instant.MAX;
        /** Consecutive refreshes nobody answered. */
        volatile int unanswered;

        Reg(Binding binding, String callId) {
            this.binding = binding;
            this.callId = callId;
        }
    }

    SipRegistrar(SipMessages sip, SipProvider provider, AuthenticationHelper auth, NetworkScheduler scheduler,
                 Duration timeout, Duration refreshLimit) {
        this.sip = sip;
        this.provider = provider;
        this.auth = auth;
        this.scheduler = scheduler;
        this.timeout = timeout;
        this.refreshLimit = refreshLimit;
    }

    void setHandler(NetworkHandler handler) {
        this.handler = handler;
    }

    /** The live binding with this id (the user part of its contact), or null. */
    Binding binding(String bindingId) {
        Reg r = bindingId == null ? null : regs.get(bindingId);
        return r == null || r.ended ? null : r.binding;
    }

    void register(Binding binding) {
        Reg reg = regs.computeIfAbsent(binding.id(), id -> new Reg(binding, provider.getNewCallId().getCallId()));
        reg.binding = binding;
        try {
            Response ok = await(reg, seconds(binding.expiresAt()));
            schedule(reg, granted(ok, binding.id()));
        } catch (NetworkRefusal e) {
            forget(reg);
            throw e;
        }
    }

    private void forget(Reg reg) {
        reg.ended = true;
        regs.remove(reg.binding.id(), reg);
        if (reg.refresh != null) {
            reg.refresh.cancel(false);
        }
    }

    void deregister(Binding binding) {
        Reg reg = regs.remove(binding.id());
        if (reg == null) {
            return;
        }
        reg.ended = true;
        if (reg.refresh != null) {
            reg.refresh.cancel(false);
        }
        try {
            send(reg, 0, new CompletableFuture<>());
        } catch (RuntimeException e) {
            log.warn("de-REGISTER of {} not sent: {}", binding.id(), e.getMessage());
        }
    }

    /** De-registers every binding (the gateway stops). */
    void deregisterAll() {
        for (Reg r : regs.values()) {
            deregister(r.binding);
        }
    }

    /** Sends a REGISTER and waits for its final response. @throws NetworkRefusal unless 2xx */
    private Response await(Reg reg, long expires) {
        CompletableFuture<Response> done = new CompletableFuture<>();
        send(reg, expires, done);
        Response r;
        try {
            r = done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new NetworkRefusal(408, "Request Timeout (no answer to REGISTER)", true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NetworkRefusal(408, "interrupted", true);
        } catch (ExecutionException e) {
            throw new NetworkRefusal(503, "REGISTER not sent: " + e.getCause().getMessage(), true);
        }
        if (r == null) {
            throw new NetworkRefusal(408, "Request Timeout (no answer to REGISTER)", true);
        }
        if (r.getStatusCode() / 100 != 2) {
            throw new NetworkRefusal(r.getStatusCode(), r.getReasonPhrase(), false);
        }
        return r;
    }

    private void send(Reg reg, long expires, CompletableFuture<Response> done) {
        Binding b = reg.binding;
        try {
            Address aor = sip.addresses.createAddress(sip.identity(b.phoneNumber()));
            SipURI registrar = sip.addresses.createSipURI(null, sip.domain);
            Request req = sip.request(Request.REGISTER, registrar, aor, aor, reg.callId, reg.cseq.incrementAndGet());
            ContactHeader contact = sip.contact(b.id(), b.deviceId());
            req.addHeader(contact);
            req.addHeader(sip.headers.createExpiresHeader((int) Math.min(Integer.MAX_VALUE, expires)));
            ClientTransaction ct = provider.getNewClientTransaction(req);
            ct.setApplicationData(new Handler(reg, done));
            ct.sendRequest();
        } catch (Exception e) {
            done.completeExceptionally(e);
        }
    }

    /** The expiry the registrar granted our contact (its {@code expires} parameter, else Expires); -1 if absent. */
    private int granted(Response ok, String bindingId) {
        ExpiresHeader expires = (ExpiresHeader) ok.getHeader(ExpiresHeader.NAME);
        ListIterator<?> contacts = ok.getHeaders(ContactHeader.NAME);
        while (contacts.hasNext()) {
            ContactHeader c = (ContactHeader) contacts.next();
            if (c.getAddress().getURI() instanceof SipURI u && bindingId.equals(u.getUser())) {
                int e = c.getExpires();
                return e >= 0 ? e : expires != null ? expires.getExpires() : 3600;
            }
        }
        return -1;
    }

    private void schedule(Reg reg, int granted) {
        if (granted < 0) {
            throw new NetworkRefusal(500, "the registrar's 200 OK does not list the binding", false);
        }
        reg.grantedUntil = Instant.now().plusSeconds(granted);
        reg.unanswered = 0;
        long until = seconds(reg.binding.expiresAt());
        long next = nextRefresh(granted);
        if (granted >= until && next >= until) {
            return; // the network keeps the binding until the registration itself ends (and de-registers it)
        }
        reg.refresh = scheduler.schedule(Duration.ofSeconds(next), () -> refresh(reg));
    }

    private long nextRefresh(long granted) {
        return Math.max(1, Math.min(Math.round(granted * 0.8), refreshLimit.toSeconds()));
    }

    /** Refreshes with the binding's new expiry (an API refresh). @throws NetworkRefusal when refused */
    void refresh(Binding binding) {
        Reg reg = regs.get(binding.id());
        if (reg == null || reg.ended) {
            throw new NetworkRefusal(404, "binding unknown", false);
        }
        reg.binding = binding;
        if (reg.refresh != null) {
            reg.refresh.cancel(false);
        }
        try {
            Response ok = await(reg, seconds(binding.expiresAt()));
            schedule(reg, granted(ok, binding.id()));
        } catch (NetworkRefusal e) { // the caller ends the registration NETWORK_TERMINATED
            forget(reg);
            throw e;
        }
    }

    private void refresh(Reg reg) {
        if (reg.ended || seconds(reg.binding.expiresAt()) <= 0) {
            return;
        }
        try {
            Response ok = await(reg, seconds(reg.binding.expiresAt()));
            schedule(reg, granted(ok, reg.binding.id()));
        } catch (NetworkRefusal e) {
            if (reg.ended) {
                return;
            }
            long left = Duration.between(Instant.now(), reg.grantedUntil).toSeconds();
            long retry = nextRefresh(left);
            if (e.unanswered() && ++reg.unanswered < 2 && retry < left) {
                log.info("REGISTER refresh of {} unanswered ({}): tried again in {} s", reg.binding.id(),
                        e.getMessage(), retry);
                reg.refresh = scheduler.schedule(Duration.ofSeconds(retry), () -> refresh(reg));
                return;
            }
            log.info("REGISTER refresh of {} failed ({}): the binding ended", reg.binding.id(), e.getMessage());
            forget(reg);
            handler.bindingEnded(reg.binding.id());
        }
    }

    private static long seconds(Instant until) {
        return Math.max(0, (Duration.between(Instant.now(), until).toMillis() + 999) / 1000); // rounded up
    }

    /** Completes the waiting REGISTER; answers digest challenges with the subscriber's credentials. */
    private final class Handler implements ResponseHandler {
        private final Reg reg;
        private final CompletableFuture<Response> done;
        private int challenges;

        Handler(Reg reg, CompletableFuture<Response> done) {
            this.reg = reg;
            this.done = done;
        }

        @Override
        public String subscriberNumber() {
            return reg.binding.phoneNumber();
        }

        @Override
        public void response(ResponseEvent event) {
            Response r = event.getResponse();
            int code = r.getStatusCode();
            if (code < 200) {
                return;
            }
            if ((code == 401 || code == 407) && challenges < MAX_CHALLENGES && event.getClientTransaction() != null) {
                challenges++;
                try {
                    ClientTransaction next = auth.handleChallenge(r, event.getClientTransaction(), provider, 5);
                    next.setApplicationData(this);
                    next.sendRequest();
                    return;
                } catch (Exception e) {
                    log.warn("digest challenge for {} not answered: {}", reg.binding.id(), e.getClass().getSimpleName());
                }
            }
            done.complete(r);
        }

        @Override
        public void timeout() {
            done.complete(null);
        }
    }
}
