package org.rosebench.core.util;

import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Java-side element loops spread over libtorch's intra-op thread count, so they use the cores a run was given and
 * no more: the calling thread and daemon helpers take work items from one counter until none is left. Items must
 * be independent; which thread runs an item then changes no result.
 */
public final class IntraOpThreads {

    private static Pool pool;

    private IntraOpThreads() {}

    /** Runs {@code body(i)} for i in [0, items), over at most libtorch's thread count; returns when all are done. */
    public static void forEach(int items, IntConsumer body) {
        int threads = Math.min(JniUtils.getNumThreads(), items);
        AtomicInteger next = new AtomicInteger();
        Runnable drain = () -> {
            for (int i = next.getAndIncrement(); i < items; i = next.getAndIncrement()) {
                body.accept(i);
            }
        };
        if (threads <= 1) {
            drain.run();
            return;
        }
        ExecutorService helpers = helpers(threads - 1);
        List<Future<?>> running = new ArrayList<>(threads - 1);
        for (int t = 1; t < threads; t++) {
            running.add(helpers.submit(drain));
        }
        RuntimeException failure = null;
        try {
            drain.run();
        } catch (RuntimeException e) {
            failure = e;
        }
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for helper threads", e);
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Daemon helper threads, sized to the intra-op thread count minus the calling thread. */
    private static synchronized ExecutorService helpers(int size) {
        if (pool == null || pool.size != size) {
            if (pool != null) {
                pool.executor.shutdown();
            }
            pool = new Pool(size, Executors.newFixedThreadPool(size, r -> {
                Thread t = new Thread(r, "rose-intra-op");
                t.setDaemon(true);
                return t;
            }));
        }
        return pool.executor;
    }

    private record Pool(int size, ExecutorService executor) {}
}
