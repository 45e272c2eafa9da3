package bnlab.data;

import bnlab.engine.Dataset;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class LectureDataTest {

    @Test
    void lecture_set_has_five_features_three_named_classes_and_a_few_hundred_examples() {
        Dataset d = LectureData.generate(1);
        assertEquals("lecture", d.name());
        assertEquals(300, d.size());
        assertEquals(5, d.features());
        assertEquals(3, d.classes());
        assertArrayEquals(new String[] {"juice", "table", "premium"}, d.classNames());
    }

    @Test
    void lecture_set_is_the_same_for_the_same_seed() {
        assertArrayEquals(LectureData.generate(5).x(), LectureData.generate(5).x());
        assertArrayEquals(LectureData.generate(5).labels(), LectureData.generate(5).labels());
        assertFalse(java.util.Arrays.equals(LectureData.generate(5).x(), LectureData.generate(6).x()));
    }

    @Test
    void lecture_features_are_roughly_standardized() {
        Dataset d = LectureData.generate(20_000, 0.3, 2);
        for (int f = 0; f < 5; f++) {
            double sum = 0, sq = 0;
            for (int i = 0; i < d.size(); i++) { double v = d.x()[5 * i + f]; sum += v; sq += v * v; }
            double mean = sum / d.size(), sd = Math.sqrt(sq / d.size() - mean * mean);
            assertEquals(0, mean, 0.05, "mean of " + LectureData.FEATURE_NAMES[f]);
            assertEquals(1, sd, 0.05, "sd of " + LectureData.FEATURE_NAMES[f]);
        }
    }

    @Test
    void lecture_classes_are_roughly_thirds() {
        Dataset d = LectureData.generate(30_000, 0.3, 3);
        int[] count = new int[3];
        for (int l : d.labels()) count[l]++;
        for (int c : count) assertEquals(10_000, c, 1_000);
    }

    @Test
    void without_noise_the_labels_follow_the_hidden_rule_in_order_of_the_score() {
        Dataset d = LectureData.generate(2000, 0, 4);
        double[] maxScore = {-1e9, -1e9, -1e9}, minScore = {1e9, 1e9, 1e9};
        for (int i = 0; i < d.size(); i++) {
            float[] x = d.x();
            int o = 5 * i;
            double q = LectureData.hiddenScore(x[o], x[o + 1], x[o + 2], x[o + 3], x[o + 4]);
            int c = d.labels()[i];
            maxScore[c] = Math.max(maxScore[c], q);
            minScore[c] = Math.min(minScore[c], q);
        }
        assertTrue(maxScore[0] <= minScore[1] + 1e-5 && maxScore[1] <= minScore[2] + 1e-5);
    }

    @Test
    void a_linear_rule_cannot_fit_the_lecture_set_but_nearest_neighbours_do_better() {
        // Nearest class mean (a linear classifier) vs 5 nearest neighbours, trained on 1000, judged on 1000 fresh.
        Dataset train = LectureData.generate(1000, 0, 10), test = LectureData.generate(1000, 0, 11);
        double[][] mean = new double[3][5];
        int[] count = new int[3];
        for (int i = 0; i < train.size(); i++) {
            count[train.labels()[i]]++;
            for (int f = 0; f < 5; f++) mean[train.labels()[i]][f] += train.x()[5 * i + f];
        }
        for (int c = 0; c < 3; c++) for (int f = 0; f < 5; f++) mean[c][f] /= count[c];
        int linear = 0, knn = 0;
        for (int i = 0; i < test.size(); i++) {
            int best = 0;
            double bestD = Double.MAX_VALUE;
            for (int c = 0; c < 3; c++) {
                double dd = 0;
                for (int f = 0; f < 5; f++) dd += Math.pow(test.x()[5 * i + f] - mean[c][f], 2);
                if (dd < bestD) { bestD = dd; best = c; }
            }
            if (best == test.labels()[i]) linear++;
            if (knn(train, test.x(), i, 5) == test.labels()[i]) knn++;
        }
        assertTrue(linear > 450 && linear < 850, "nearest mean got " + linear + " of 1000");
        assertTrue(knn > 650, "5 nearest neighbours got " + knn + " of 1000");
    }

    private static int knn(Dataset train, float[] x, int row, int k) {
        double[] best = new double[k];
        int[] bestLabel = new int[k];
        java.util.Arrays.fill(best, Double.MAX_VALUE);
        for (int j = 0; j < train.size(); j++) {
            double dd = 0;
            for (int f = 0; f < 5; f++) dd += Math.pow(x[5 * row + f] - train.x()[5 * j + f], 2);
            for (int s = 0; s < k; s++) if (dd < best[s]) {
                for (int t = k - 1; t > s; t--) { best[t] = best[t - 1]; bestLabel[t] = bestLabel[t - 1]; }
                best[s] = dd; bestLabel[s] = train.labels()[j];
                break;
            }
        }
        int[] votes = new int[3];
        for (int l : bestLabel) votes[l]++;
        return votes[0] >= votes[1] && votes[0] >= votes[2] ? 0 : votes[1] >= votes[2] ? 1 : 2;
    }

    @Test
    void generate_refuses_too_few_examples_and_noise_outside_zero_to_one() {
        assertThrows(IllegalArgumentException.class, () -> LectureData.generate(2, 0.1, 1));
        assertThrows(IllegalArgumentException.class, () -> LectureData.generate(100, 1.5, 1));
    }
}
