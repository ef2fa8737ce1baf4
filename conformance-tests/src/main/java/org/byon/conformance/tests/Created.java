package org.byon.conformance.tests;

import org.byon.conformance.config.SuiteConfig;
import org.byon.conformance.engine.TestContext;
import org.byon.conformance.http.Exchange;
import org.byon.openapi.ApiOperation;

/** Cleans up what a probe created when the gateway let it through, with the DELETE byon.yaml pairs with the create. */
final class Created {
    private Created() {
    }

    /**
     * Schedules the DELETE of the resource {@code ex} created, when it is a 2xx answer to a create operation: the
     * id is the response field named as the DELETE's path parameter (e.g. {@code channelId}).
     */
    static void undo(TestContext ctx, SuiteConfig.Subscriber s, ApiOperation op, Exchange ex) {
        if (!ex.is2xx()) {
            return;
        }
        ctx.session().contract().facts().deleteOfCreated(op).ifPresent(delete -> {
            String id = ex.text(delete.pathParameter().orElseThrow());
            if (id != null) {
                ctx.cleanup(() -> ctx.as(s, "DELETE", delete.path(id)).send());
            }
        });
    }
}
