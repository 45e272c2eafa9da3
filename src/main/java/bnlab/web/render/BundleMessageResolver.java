package bnlab.web.render;

import bnlab.web.i18n.Language;
import bnlab.web.i18n.Messages;
import org.thymeleaf.context.ITemplateContext;
import org.thymeleaf.messageresolver.AbstractMessageResolver;

/** Lets #{key} in templates read the app's UTF-8 bundles (not Thymeleaf's per-template files). */
final class BundleMessageResolver extends AbstractMessageResolver {
    private final Messages messages;

    BundleMessageResolver(Messages messages) {
        this.messages = messages;
        setName("bnlab-bundles");
    }

    @Override
    public String resolveMessage(ITemplateContext context, Class<?> origin, String key, Object[] args) {
        return messages.find(Language.of(context.getLocale()), key, args);
    }

    @Override
    public String createAbsentMessageRepresentation(ITemplateContext context, Class<?> origin,
                                                    String key, Object[] args) {
        return "??" + key + "_" + Language.of(context.getLocale()).code() + "??";
    }
}
