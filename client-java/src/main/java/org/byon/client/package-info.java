/**
 * The BYON (Bring Your Own Number) client facade: {@link org.byon.client.ByonClient} and the few
 * handle and event types it returns. Everything under {@code org.byon.client.internal} (including
 * the client generated from {@code byon.yaml}) is not API and may change without notice.
 */
package org.byon.client;
