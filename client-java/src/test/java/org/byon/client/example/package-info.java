/** A runnable example of the facade against the reference gateway: {@link org.byon.client.example.CallExample}. */
package org.byon.client.example;
