package vitssl.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * SwAV's feature queue: for each code view, the detached unit projections of its last {@code
 * length} images, newest first, kept in the loss's long-lived manager and in its checkpoints.
 */
final class SwavQueue {
  private final NDArray[] views;
  private final int length;
  private final NDManager state;
  private long filled;

  SwavQueue(int codeViews, int length, NDManager state) {
    this.views = new NDArray[codeViews];
    this.length = length;
    this.state = state;
  }

  /** Code view {@code i}'s queued projections once the queue is full; null before. */
  NDArray fullOrNull(int i) {
    return views[i] != null && filled >= length ? views[i] : null;
  }

  /** Puts the batch's detached unit projections at the front of view {@code i}'s queue. */
  void push(int i, NDArray unit, int batch) {
    NDArray next;
    try (NDManager local = state.newSubManager()) {
      NDArray fresh = unit.stopGradient();
      fresh.attach(local);
      NDArray previous =
          views[i] != null ? views[i] : local.zeros(new Shape(length, unit.getShape().get(1)));
      NDArray older = previous.get(":" + Math.max(0, length - batch));
      older.attach(local);
      NDArray joined = fresh.concat(older, 0);
      next = batch > length ? joined.get(":" + length).duplicate() : joined;
      next.attach(state);
    }
    if (views[i] != null) {
      views[i].close();
    }
    views[i] = next;
    if (i == 0) {
      filled = Math.min(length, filled + batch);
    }
  }

  /** The count of filled rows, then each code view's array. */
  void save(DataOutputStream out) throws IOException {
    out.writeLong(filled);
    out.writeInt(views.length);
    for (NDArray q : views) {
      out.writeBoolean(q != null);
      if (q != null) {
        byte[] bytes = q.encode();
        out.writeInt(bytes.length);
        out.write(bytes);
      }
    }
  }

  void load(DataInputStream in) throws IOException {
    filled = in.readLong();
    int count = in.readInt();
    if (count != views.length) {
      throw new IOException(
          "checkpoint holds " + count + " SwAV queues, the spec asks for " + views.length);
    }
    for (int i = 0; i < count; i++) {
      if (views[i] != null) {
        views[i].close();
        views[i] = null;
      }
      if (in.readBoolean()) {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        views[i] = NDArray.decode(state, bytes);
      }
    }
  }
}
