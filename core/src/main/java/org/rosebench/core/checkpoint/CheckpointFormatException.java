package org.rosebench.core.checkpoint;

import java.io.IOException;
import org.rosebench.core.BadInput;

/** A checkpoint file whose content is malformed; the message starts with the file and names the tensor or block. */
public class CheckpointFormatException extends IOException implements BadInput {

    public CheckpointFormatException(String message) {
        super(message);
    }

    public CheckpointFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
