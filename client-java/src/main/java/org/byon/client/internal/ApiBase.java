package org.byon.client.internal;

import java.net.URI;
import org.byon.openapi.ByonContract;

/** The contract's base path (the path of byon.yaml's server URL, e.g. {@code /byon/v0.2}), read from the contract. */
public final class ApiBase {

    /** The base path, without a trailing slash. */
    public static final String PATH = ByonContract.load().basePath();

    private ApiBase() {
    }

    /** @return {@code apiRoot} with the base path appended unless it ends with it already */
    public static URI resolve(URI apiRoot) {
        String root = apiRoot.toString();
        while (root.endsWith("/")) {
            root = root.substring(0, root.length() - 1);
        }
        return URI.create(root.endsWith(PATH) ? root : root + PATH);
    }
}
