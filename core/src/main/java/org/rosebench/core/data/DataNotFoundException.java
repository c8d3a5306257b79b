package org.rosebench.core.data;

import org.rosebench.core.BadInput;

/** A data file or data root that the user's settings point at does not exist. */
public class DataNotFoundException extends DataException implements BadInput {

    public DataNotFoundException(String message) {
        super(message);
    }
}
