package vitssl.weights.torch;

import ai.djl.ndarray.types.DataType;
import net.razorvine.pickle.IObjectConstructor;

/**
 * The typed storage classes a {@code torch.save} pickle names in its persistent ids ({@code
 * torch.FloatStorage}, ...): each stands for its element type. The unpickler pushes the class
 * itself, never calls it.
 */
enum StorageType implements IObjectConstructor {
  FloatStorage(DataType.FLOAT32, 4),
  DoubleStorage(DataType.FLOAT64, 8),
  HalfStorage(DataType.FLOAT16, 2),
  BFloat16Storage(DataType.BFLOAT16, 2),
  LongStorage(DataType.INT64, 8),
  IntStorage(DataType.INT32, 4),
  CharStorage(DataType.INT8, 1),
  ByteStorage(DataType.UINT8, 1),
  BoolStorage(DataType.BOOLEAN, 1);

  private final DataType dataType;
  private final int bytes;

  StorageType(DataType dataType, int bytes) {
    this.dataType = dataType;
    this.bytes = bytes;
  }

  DataType dataType() {
    return dataType;
  }

  /** Bytes per element. */
  int bytes() {
    return bytes;
  }

  @Override
  public Object construct(Object[] args) {
    throw new IllegalStateException("torch." + name() + " is a storage type, not called by a checkpoint");
  }
}
