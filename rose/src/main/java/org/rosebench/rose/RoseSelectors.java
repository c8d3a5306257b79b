package org.rosebench.rose;

import java.util.ArrayList;
import java.util.List;
import org.rosebench.core.method.MethodParams;
import org.rosebench.core.method.ParamSpec;
import org.rosebench.core.method.SelectorProvider;
import org.rosebench.core.method.UpdateSelector;

/**
 * The three registered ROSE selectors. Defaults: {@code upper} is the base-model SST-2 value of each variant's
 * README table (docs/rose.md §12.2; other task/model values ship as presets), {@code lower} 0, γ 0.5.
 */
public final class RoseSelectors {

    private RoseSelectors() {}

    abstract static class Base implements SelectorProvider {
        private final String name;
        private final RoseVariant variant;
        private final int defaultUpper;
        private final String description;

        Base(String name, RoseVariant variant, int defaultUpper, String description) {
            this.name = name;
            this.variant = variant;
            this.defaultUpper = defaultUpper;
            this.description = description;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String description() {
            return description;
        }

        @Override
        public List<ParamSpec> parameters() {
            List<ParamSpec> p = new ArrayList<>();
            p.add(ParamSpec.integer("upper", defaultUpper, "upper quantile (percent): tensors with saliency above it are frozen"));
            p.add(ParamSpec.integer("lower", 0, "lower quantile (percent): tensors with saliency below it are frozen"));
            if (variant == RoseVariant.ENSEMBLE) {
                p.add(ParamSpec.decimal("gamma", 0.5, "weight of the first-order mask: (1-gamma)*second + gamma*first"));
            }
            p.add(ParamSpec.choice("nan_saliency", NanSaliency.EXCLUDE.id(), "NaN saliency (0/0: a tensor with zero"
                    + " gradient and moment, only under a gradient-masking base method): exclude = freeze it and rank"
                    + " the rest; freeze-all = torch/authors, every tensor frozen", NanSaliency.FREEZE_ALL.id(),
                    NanSaliency.EXCLUDE.id()));
            return p;
        }

        @Override
        public UpdateSelector create(MethodParams params) {
            double gamma = variant == RoseVariant.ENSEMBLE ? params.getDouble("gamma") : 0.5;
            // masks start after the trainer's LR warm-up: the trainer configures AdamW with it, and the selector
            // reads it from that AdamW (docs/rose.md §11), so numWarmupSteps here is unused
            RoseConfig config = new RoseConfig(variant, params.getInt("upper"), params.getInt("lower"), gamma, 0,
                    NanSaliency.parse(params.getString("nan_saliency")));
            return new RoseUpdateSelector(name, config, params.asMap());
        }
    }

    public static final class First extends Base {
        public First() {
            super("rose-first", RoseVariant.FIRST, 60,
                    "ROSE first-order: freeze tensors whose dropout-KL gradient norm is above the upper quantile");
        }
    }

    public static final class Second extends Base {
        public Second() {
            super("rose-second", RoseVariant.SECOND, 30,
                    "ROSE second-order: rank tensors by |0.1*||g||/||m|| - 1| inside the optimiser step");
        }
    }

    public static final class Ensemble extends Base {
        public Ensemble() {
            super("rose-ensemble", RoseVariant.ENSEMBLE, 40, "ROSE ensemble: (1-gamma)*second-order + gamma*first-order mask");
        }
    }
}
