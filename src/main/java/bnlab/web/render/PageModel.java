package bnlab.web.render;

import bnlab.web.i18n.Language;
import bnlab.web.i18n.Messages;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.Map;

/** What every page's template needs from the layout: language, language switch, assets, script strings. */
public final class PageModel {
    private PageModel() {}

    /**
     * A fresh, mutable model holding the layout's entries; the page adds its own.
     *
     * @param page the page's name in the header ("lesson", "lab")
     */
    public static Map<String, Object> of(String page, Language language, Assets assets, Messages messages, ObjectMapper json) {
        Map<String, Object> model = new HashMap<>();
        model.put(ThymeleafRenderer.LOCALE, language.locale);
        model.put("lang", language.code());
        model.put("languages", Language.values());
        model.put("assets", assets);
        model.put("page", page);
        model.put("i18nJson", ScriptJson.of(json, messages.forScripts(language)));
        return model;
    }
}
