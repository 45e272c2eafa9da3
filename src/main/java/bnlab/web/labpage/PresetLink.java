package bnlab.web.labpage;

import bnlab.experiments.Preset;
import bnlab.experiments.Presets;
import bnlab.experiments.RunFields;
import java.util.List;

/**
 * A preset as a link into the lab: the run's URL encoding ({@link RunFields#toQuery}) plus the lab's view of
 * it (speed, the watched neuron counted from 1, the iteration it stops at). Its texts are the messages
 * {@code lab.link.KEY.title} and {@code lab.link.KEY.text}.
 *
 * @param key    the preset's key
 * @param href   the lab's address with the preset
 * @param length the iteration at which it stops by itself
 */
public record PresetLink(String key, String href, long length) {

    public static PresetLink of(Preset p) {
        return new PresetLink(p.key(), "/lab?" + query(p), p.length());
    }

    /** The lab's URL query of a preset. */
    public static String query(Preset p) {
        return RunFields.toQuery(p.run()) + "&speed=" + p.speed() + "&watchLayer=" + (p.watchLayer() + 1)
                + "&watchNeuron=" + (p.watchNeuron() + 1) + "&stopAt=" + p.length();
    }

    public static List<PresetLink> of(List<Preset> presets) { return presets.stream().map(PresetLink::of).toList(); }

    /** The lab's row of set-ups. */
    public static final List<PresetLink> ALL = of(Presets.ALL);
    /** The lesson's section 2. */
    public static final List<PresetLink> PROBLEM = of(Presets.PROBLEM);
    /** The lesson's section 6. */
    public static final List<PresetLink> EFFECTS = of(Presets.EFFECTS);
    /** The lesson's section 7. */
    public static final List<PresetLink> KNOWN_TODAY = of(Presets.KNOWN_TODAY);
}
