package vitssl.tools;

import java.nio.file.Path;
import vitssl.augment.ContactSheetRenderer;
import vitssl.data.Cifar10Data;
import vitssl.data.ImageSource;
import vitssl.dsl.augment.Views;
import vitssl.dsl.data.Cifar10;

/**
 * Writes a contact sheet of CIFAR-10 training images and their two study views, to check the
 * augmentations by eye: {@code --out runs/contact-sheet.png --rows 8 --scale 4 --seed 0}.
 */
public final class ContactSheet {
  private ContactSheet() {}

  public static void main(String[] args) {
    Path out = Path.of("runs/contact-sheet.png");
    int rows = 8;
    int scale = 4;
    long seed = 0;
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--out" -> out = Path.of(required(args[i], value));
        case "--rows" -> rows = Integer.parseInt(required(args[i], value));
        case "--scale" -> scale = Integer.parseInt(required(args[i], value));
        case "--seed" -> seed = Long.parseLong(required(args[i], value));
        default -> throw new IllegalArgumentException(
            "unknown option " + args[i] + ": use --out PATH, --rows N, --scale K, --seed S");
      }
      i++;
    }
    ImageSource train = Cifar10Data.open(Cifar10.cifar10()).train();
    Path written = new ContactSheetRenderer(Views.cifar(32), rows, scale, seed).write(train, out);
    System.out.println("contact sheet: " + written.toAbsolutePath());
  }

  private static String required(String option, String value) {
    if (value == null) {
      throw new IllegalArgumentException(option + " needs a value, e.g. " + option + " 8");
    }
    return value;
  }
}
