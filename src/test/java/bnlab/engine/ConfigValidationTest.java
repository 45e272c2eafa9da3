package bnlab.engine;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class ConfigValidationTest {
    private static void refused(String field, String fragment, Executable e) {
        InvalidConfigException ex = assertThrows(InvalidConfigException.class, e);
        assertEquals(field, ex.field());
        assertTrue(ex.getMessage().contains(fragment), ex.getMessage());
    }

    private static NetworkSpec net(int[] hidden) {
        return NetworkSpec.of(5, hidden, 2, Activation.SIGMOID, BnPlacement.BEFORE_ACTIVATION, Init.GAUSSIAN, 0.1);
    }

    @Test
    void impossible_values_are_refused_naming_the_field_and_the_allowed_range() {
        refused("learningRate", "above 0", () -> TrainSpec.sgd(-0.1, 8, 1));
        refused("learningRate", "above 0", () -> TrainSpec.sgd(Double.NaN, 8, 1));
        refused("layers", "1 to 10", () -> net(new int[0]));
        refused("layers", "between 1 and 4096", () -> net(new int[]{100_000}));
        refused("batchSize", "between 1 and 10000", () -> TrainSpec.sgd(0.1, 0, 1));
        refused("momentum", "between 0 and 0.999", () -> new TrainSpec(0.1, Schedule.CONSTANT, 1.5, 8, 0, 1));
        refused("l2", "between 0 and 1", () -> new TrainSpec(0.1, Schedule.CONSTANT, 0, 8, -1, 1));
        refused("dropout", "between 0 and 0.95", () -> net(new int[]{8}).withDropout(0.99));
        refused("initStd", "above 0", () -> NetworkSpec.of(5, new int[]{8}, 2, Activation.SIGMOID, BnPlacement.NONE, Init.GAUSSIAN, 0));
        refused("decayFactor", "above 0", () -> new Schedule(Schedule.Kind.STEP, 10, 0));
        refused("activation", "allowed: sigmoid, tanh, relu, linear", () -> Activation.parse("swish"));
        refused("bn", "allowed: none, before, after", () -> BnPlacement.parse("middle"));
    }

    @Test
    void batch_size_one_with_batch_normalization_is_refused() {
        Dataset d = TrainingTest.xor(50, 1);
        NetworkSpec spec = NetworkSpec.of(2, new int[]{4}, 2, Activation.TANH, BnPlacement.BEFORE_ACTIVATION, Init.XAVIER, 0);
        refused("batchSize", "at least 2 with batch normalization", () -> new VariantRun(Variant.twin(spec, TrainSpec.sgd(0.1, 1, 1)), d));
    }

    @Test
    void a_network_that_does_not_fit_the_data_is_refused() {
        Dataset d = TrainingTest.xor(50, 1);
        refused("inputs", "2 features", () -> new VariantRun(Variant.twin(net(new int[]{4}), TrainSpec.sgd(0.1, 8, 1)), d));
        NetworkSpec spec = NetworkSpec.of(2, new int[]{4}, 2, Activation.TANH, BnPlacement.NONE, Init.XAVIER, 0);
        refused("batchSize", "training set size 50", () -> new VariantRun(Variant.twin(spec, TrainSpec.sgd(0.1, 64, 1)), d));
    }
}
