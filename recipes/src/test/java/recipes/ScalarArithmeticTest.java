package recipes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import vitssl.dsl.Experiment;
import vitssl.engine.Scalars;
import vitssl.runner.cost.StepCost;

/**
 * No class of the project calls DJL's array-with-a-{@code Number} arithmetic ({@code
 * x.mul(0.5f)} and the like): on the PyTorch engine the constant's memory is freed by the JVM
 * while autograd may still read it in the backward pass (see {@link Scalars}). The check reads the
 * compiled classes of every module, so it also catches calls made through helper methods.
 */
class ScalarArithmeticTest {
  private static final Set<String> ARRAY_TYPES =
      Set.of(
          "ai/djl/ndarray/NDArray",
          "ai/djl/pytorch/engine/PtNDArray",
          "ai/djl/ndarray/NDArrays",
          "ai/djl/ndarray/internal/NDArrayEx",
          "ai/djl/pytorch/engine/PtNDArrayEx");
  private static final Set<String> ARITHMETIC =
      Set.of(
          "add", "sub", "mul", "div", "mod", "pow", "maximum", "minimum", "addi", "subi", "muli",
          "divi", "modi", "powi", "rsub", "rdiv", "rpow", "rsubi", "rdivi", "rpowi", "rmod",
          "rmodi");

  @Test
  void noModuleCallsNumberArithmeticOnArrays() throws Exception {
    List<String> calls = new ArrayList<>();
    int classes = 0;
    for (Class<?> anchor : List.of(Experiment.class, Scalars.class, StepCost.class, MocoV3Cifar10.class)) {
      for (byte[] bytes : classFiles(anchor)) {
        classes++;
        new ClassReader(bytes).accept(new CallFinder(calls), 0);
      }
    }
    assertThat(classes).as("classes read").isGreaterThan(100);
    assertThat(calls)
        .as("calls of NDArray arithmetic with a Number argument; use vitssl.engine.Scalars")
        .isEmpty();
  }

  @Test
  void theCheckSeesSuchACall() throws IOException {
    List<String> calls = new ArrayList<>();
    try (InputStream in = Offender.class.getResourceAsStream("ScalarArithmeticTest$Offender.class")) {
      new ClassReader(in).accept(new CallFinder(calls), 0);
    }
    assertThat(calls).singleElement().asString().contains("Offender", "half", "mul");
  }

  @Test
  void theCheckSeesStaticHelpersAndMethodReferences() throws IOException {
    List<String> calls = new ArrayList<>();
    try (InputStream in =
        Offender.class.getResourceAsStream("ScalarArithmeticTest$IndirectOffender.class")) {
      new ClassReader(in).accept(new CallFinder(calls), 0);
    }
    assertThat(calls).hasSize(2).anyMatch(c -> c.contains("NDArrays.add")).anyMatch(c -> c.contains("NDArray.div"));
  }

  /** What the check must reject. */
  static final class Offender {
    static ai.djl.ndarray.NDArray half(ai.djl.ndarray.NDArray x) {
      return x.mul(0.5f);
    }
  }

  /** The same, through a static helper and through a method reference. */
  static final class IndirectOffender {
    static ai.djl.ndarray.NDArray shifted(ai.djl.ndarray.NDArray x) {
      return ai.djl.ndarray.NDArrays.add(x, 1);
    }

    static java.util.function.BiFunction<ai.djl.ndarray.NDArray, Number, ai.djl.ndarray.NDArray> divide() {
      return ai.djl.ndarray.NDArray::div;
    }
  }

  private static List<byte[]> classFiles(Class<?> anchor) throws IOException, URISyntaxException {
    Path location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<byte[]> out = new ArrayList<>();
    if (Files.isDirectory(location)) {
      read(location, out);
    } else {
      try (FileSystem jar = FileSystems.newFileSystem(location)) {
        read(jar.getPath("/"), out);
      }
    }
    return out;
  }

  private static void read(Path root, List<byte[]> out) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        out.add(Files.readAllBytes(file));
      }
    }
  }

  private static final class CallFinder extends ClassVisitor {
    private final List<String> calls;
    private String className;

    CallFinder(List<String> calls) {
      super(Opcodes.ASM9);
      this.calls = calls;
    }

    @Override
    public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
      className = name;
    }

    @Override
    public MethodVisitor visitMethod(int access, String method, String descriptor, String signature, String[] exceptions) {
      return new MethodVisitor(Opcodes.ASM9) {
        private int line;

        @Override
        public void visitLineNumber(int number, Label start) {
          line = number;
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String desc, boolean itf) {
          check(owner, name, desc);
        }

        /** Method references ({@code NDArray::mul}) reach the method through a handle. */
        @Override
        public void visitInvokeDynamicInsn(String name, String desc, Handle bootstrap, Object... arguments) {
          for (Object argument : arguments) {
            if (argument instanceof Handle handle) {
              check(handle.getOwner(), handle.getName(), handle.getDesc());
            }
          }
        }

        private void check(String owner, String name, String desc) {
          if (!ARRAY_TYPES.contains(owner) || !desc.startsWith("(")) {
            return;
          }
          boolean numberArgument = desc.substring(0, desc.indexOf(')')).contains("Ljava/lang/Number;");
          if ((ARITHMETIC.contains(name) && numberArgument) || name.equals("scaleGradient")) {
            calls.add(className + "." + method + " line " + line + ": " + owner + "." + name + desc);
          }
        }
      };
    }
  }
}
