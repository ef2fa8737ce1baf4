package org.byon.client.internal;

import java.util.Objects;
import java.util.function.Supplier;
import org.byon.client.TokenSource;

/** A caller-supplied token; the JWT exp claim, if any, gives the expiry. Thread-safe if the supplier is. */
public final class SupplierTokenSource implements TokenSource {
    private final Supplier<String> supplier;

    public SupplierTokenSource(Supplier<String> supplier) {
        this.supplier = Objects.requireNonNull(supplier, "supplier");
    }

    @Override
    public Token token() {
        String value = Objects.requireNonNull(supplier.get(), "the token supplier returned null");
        return new Token(value, Jwt.expiry(value));
    }
}
