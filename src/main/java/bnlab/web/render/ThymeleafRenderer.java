package bnlab.web.render;

import bnlab.web.i18n.Messages;
import io.javalin.http.Context;
import io.javalin.rendering.FileRenderer;
import java.util.Locale;
import java.util.Map;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

/**
 * Renders templates/NAME.html with Thymeleaf. Javalin 7 has no Thymeleaf module, so this is
 * the small adapter: a WebContext built from the servlet request makes @{...} links work,
 * and the model must carry the request's locale under {@link #LOCALE}.
 */
public final class ThymeleafRenderer implements FileRenderer {
    public static final String LOCALE = "locale";

    private final TemplateEngine engine = new TemplateEngine();

    public ThymeleafRenderer(Messages messages, boolean cacheTemplates) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(cacheTemplates);
        engine.setTemplateResolver(resolver);
        engine.setMessageResolver(new BundleMessageResolver(messages));
    }

    @Override
    public String render(String template, Map<String, ?> model, Context ctx) {
        Object l = model.get(LOCALE);
        Locale locale = l instanceof Locale given ? given : Locale.ENGLISH;
        var exchange = JakartaServletWebApplication
                .buildApplication(ctx.req().getServletContext())
                .buildExchange(ctx.req(), ctx.res());
        WebContext context = new WebContext(exchange, locale);
        model.forEach(context::setVariable);
        return engine.process(template, context);
    }
}
