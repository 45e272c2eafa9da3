package bnlab.experiments;

import bnlab.data.LectureData;
import bnlab.data.MnistLike;
import bnlab.data.Splits;
import bnlab.data.TwoDShape;
import bnlab.engine.Dataset;
import bnlab.engine.InvalidConfigException;
import java.io.IOException;
import java.nio.file.Path;

/** Turns a {@link RunConfig}'s data set fields into training and validation data. */
public final class Datasets {
    private Datasets() {}

    /**
     * @param fashionDir a directory with the full Fashion-MNIST (or MNIST) files, or null for the default search
     * @param csv        the uploaded CSV data set when the config names "csv", else ignored
     */
    public static Dataset.Split load(RunConfig c, Path fashionDir, Dataset csv) throws IOException {
        return switch (c.dataset()) {
            case LectureData.NAME -> Splits.split(LectureData.generate(c.points(), c.noise(), c.seed()), c.validationFraction(), c.seed());
            case RunConfig.FASHION_MNIST -> MnistLike.load(fashionDir, MnistLike.ALL, c.seed()).split();
            case RunConfig.CSV -> {
                if (csv == null) throw new InvalidConfigException("dataset", "'csv' needs an uploaded CSV file",
                        InvalidConfigException.Rule.CSV_NEEDED);
                yield Splits.split(csv, c.validationFraction(), c.seed());
            }
            default -> Splits.split(TwoDShape.byName(c.dataset()).generate(c.points(), c.noise(), c.seed()),
                    c.validationFraction(), c.seed());
        };
    }
}
