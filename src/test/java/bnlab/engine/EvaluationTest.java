package bnlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Evaluation in pieces: any piece size gives the same figures, up to the rounding of the summed loss. */
class EvaluationTest {

    @Test
    void pieces_of_any_size_give_the_same_accuracy_and_loss() {
        Dataset train = TrainingTest.xor(300, 3), validation = TrainingTest.xor(1037, 4);
        VariantRun run = new VariantRun(Variant.twin(TrainingTest.small(BnPlacement.BEFORE_ACTIVATION), new TrainSpec(0.1, Schedule.CONSTANT, 0.9, 20, 0, 1)), train);
        for (int s = 0; s < 200; s++) run.step();
        for (Network net : new Network[]{run.trainer("plain").network(), run.trainer("bn").network()}) {
            Evaluation whole = Evaluation.of(net, validation);
            for (int chunk : new int[]{1, 7, 100, 500, 1037, 5000}) {
                Evaluation e = Evaluation.of(net, validation, chunk);
                assertEquals(whole.accuracy(), e.accuracy(), 0, "chunk " + chunk);
                assertEquals(whole.loss(), e.loss(), 1e-6 * Math.abs(whole.loss()), "chunk " + chunk);
            }
            assertEquals(whole, Evaluation.of(net, validation, Evaluation.CHUNK), "the default is pieces of CHUNK");
        }
        assertThrows(IllegalArgumentException.class, () -> Evaluation.of(run.trainer("bn").network(), validation, 0));
    }
}
