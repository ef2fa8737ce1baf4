/**
 * Implementation of the {@code org.byon.client} facade: not API, may change without notice. The
 * generated client lives in {@code org.byon.client.internal.openapi} and is used only from here.
 */
package org.byon.client.internal;
