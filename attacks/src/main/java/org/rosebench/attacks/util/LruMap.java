package org.rosebench.attacks.util;

import java.util.LinkedHashMap;
import java.util.Map;

/** A map in access order that drops its least recently used entry past {@code capacity}. */
public final class LruMap<K, V> extends LinkedHashMap<K, V> {

    private static final long serialVersionUID = 1L;
    private final int capacity;

    public LruMap(int capacity) {
        super(16, 0.75f, true);
        this.capacity = capacity;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > capacity;
    }
}
