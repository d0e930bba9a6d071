package dev.wlat.cli.job;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting for a worker's result, its failure rethrown as it was thrown there. */
final class Futures {

  private Futures() {}

  /** {@return what {@code f} computed}; its unchecked exception or error is rethrown unchanged. */
  static <T> T get(Future<T> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    }
  }
}
