package org.byon.gateway.web;

import java.lang.reflect.Type;

import org.byon.gateway.common.GatewayProperties;
import org.byon.gateway.web.model.CreateWebhookNotificationChannel;
import org.byon.gateway.web.model.WebhookChannelData;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * Test setting {@code byon.webhook.allow-insecure-urls=true}: byon.yaml's pattern only admits https
 * {@code notificationUrl}s, so a plain-http test receiver would fail bean validation before the SSRF guard
 * could allow it. With the setting on, an {@code http://} URL is validated as its https twin and the original
 * is handed to the controller in a request attribute. Without the setting this advice changes nothing.
 */
@ControllerAdvice
public class InsecureWebhookUrlAdvice extends RequestBodyAdviceAdapter {
    static final String ORIGINAL_URL = InsecureWebhookUrlAdvice.class.getName() + ".url";
    private final boolean allowInsecure;

    public InsecureWebhookUrlAdvice(GatewayProperties props) {
        this.allowInsecure = props.webhook().allowInsecureUrls();
    }

    @Override
    public boolean supports(MethodParameter parameter, Type targetType,
                            Class<? extends HttpMessageConverter<?>> converterType) {
        return allowInsecure;
    }

    @Override
    public Object afterBodyRead(Object body, HttpInputMessage inputMessage, MethodParameter parameter,
                                Type targetType, Class<? extends HttpMessageConverter<?>> converterType) {
        if (body instanceof CreateWebhookNotificationChannel webhook) {
            WebhookChannelData data = webhook.getChannelData();
            String url = data == null || data.getNotificationUrl() == null ? null : data.getNotificationUrl();
            if (url != null && url.regionMatches(true, 0, "http://", 0, 7)) {
                RequestContextHolder.currentRequestAttributes().setAttribute(ORIGINAL_URL, url,
                        RequestAttributes.SCOPE_REQUEST);
                data.setNotificationUrl("https://" + url.substring(7));
            }
        }
        return body;
    }

    /** The URL the client sent. */
    static String originalUrl(String validated) {
        Object original = RequestContextHolder.currentRequestAttributes().getAttribute(ORIGINAL_URL,
                RequestAttributes.SCOPE_REQUEST);
        return original instanceof String s ? s : validated;
    }
}
