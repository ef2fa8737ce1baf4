package org.byon.gateway.edge;

import org.apache.catalina.core.StandardHost;
import org.byon.gateway.common.ErrorCode;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * The gateway's edge: the container's error report as {@code ErrorInfo}, the firewall's refusals as 400, the
 * edge filter (URI check, body limit, last-resort error body).
 */
@Configuration(proxyBeanMethods = false)
public class EdgeConfiguration {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> errorInfoValve() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ErrorInfoValve.class.getName());
            }
        });
    }

    /** Tomcat's NIO protocol with the header-completion deadline ({@code byon.limits.header-completion-timeout}). */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> headerDeadline(LimitsProperties limits) {
        return factory -> {
            factory.setProtocol(HeaderDeadlineProtocol.class.getName());
            factory.addConnectorCustomizers(c -> c.setProperty("headerCompletionTimeout",
                    Long.toString(limits.headerCompletionTimeout().toMillis())));
        };
    }

    @Bean
    FilterRegistrationBean<EdgeFilter> edgeFilter(LimitsProperties limits) {
        FilterRegistrationBean<EdgeFilter> r = new FilterRegistrationBean<>(
                new EdgeFilter(limits.maxBodySize().toBytes(), ClientErrorLog.SHARED));
        r.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return r;
    }

    @Bean
    FilterRegistrationBean<PublicOrigin> publicOrigin(HttpProperties http) {
        FilterRegistrationBean<PublicOrigin> r = new FilterRegistrationBean<>(
                new PublicOrigin(http.publicBaseUrl(), http.trustedProxies()));
        r.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
        return r;
    }

    /** Spring Security's firewall (StrictHttpFirewall) refused the request: 400 {@code INVALID_ARGUMENT}. */
    @Bean
    RequestRejectedHandler requestRejectedHandler() {
        return (request, response, e) -> {
            ClientErrorLog.SHARED.clientError(400, request.getMethod(), "refused by the firewall");
            ErrorResponses.write(request, response, ErrorCode.INVALID_ARGUMENT,
                    ErrorMapping.message(ErrorCode.INVALID_ARGUMENT));
        };
    }
}
