package org.rosebench.harness.matrix;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.rosebench.core.data.Task;
import org.rosebench.core.train.TrainConfig;
import org.rosebench.harness.matrix.MatrixConfig.AttackEntry;
import org.rosebench.harness.matrix.MatrixConfig.LandscapeEntry;
import org.rosebench.harness.matrix.MatrixConfig.MethodEntry;
import org.rosebench.harness.matrix.MatrixConfig.ModelRef;

/**
 * One unit of work of a matrix, identified by the hash of its key (everything that determines its result).
 *
 * @param id     {@code <kind>-<hash16>}, also its folder name under {@code cells/}
 * @param key    the exact JSON that was hashed (written as {@code cell.json})
 * @param train  the fine-tuning run this cell is (train) or depends on (eval, attack)
 * @param split  evaluation set of an eval cell
 * @param attack attack settings of an attack cell
 * @param landscape settings of a landscape cell
 */
public record Cell(Kind kind, String id, ObjectNode key, TrainSpec train, String split, AttackEntry attack,
        LandscapeEntry landscape) {

    public Cell(Kind kind, String id, ObjectNode key, TrainSpec train, String split, AttackEntry attack) {
        this(kind, id, key, train, split, attack, null);
    }

    public enum Kind {
        TRAIN, EVAL, ATTACK, LANDSCAPE;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * A resolved fine-tuning run: what the train cell executes and what its dependents report.
     *
     * @param key      the train cell's key
     * @param modelSha the model's content hash ({@code ModelContent}), as in the key
     */
    public record TrainSpec(String id, ObjectNode key, ModelRef model, String modelSha, Task task, MethodEntry method,
            String spec, Map<String, String> params, TrainConfig config, Integer trainSample, Integer trainLimit,
            long seed, String preset) {}

    /** One line for listings: {@code train minilm-l6 sst2 ROSE-First seed 42}. */
    public String describe() {
        String base = train.model().name() + " " + train.task().cliName() + " " + train.method().label() + " seed "
                + train.seed();
        return switch (kind) {
            case TRAIN -> "train " + base;
            case EVAL -> "eval " + split + " " + base;
            case ATTACK -> "attack " + attack.recipe() + " " + attack.split() + "[" + attack.offset() + ":"
                    + (attack.offset() + attack.numExamples()) + "] " + base;
            case LANDSCAPE -> landscape.evaluation() + " " + base;
        };
    }
}
