package vitssl.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import org.junit.jupiter.api.Test;

/** Every kind of image javax.imageio hands back becomes the same 8-bit RGB. */
class RgbPixelsTest {
  @Test
  void bgrBytesComeOutAsRgb() {
    BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_3BYTE_BGR);
    image.setRGB(0, 0, 0x102030);
    image.setRGB(1, 0, 0xfe0180);

    assertThat(RgbPixels.of(image)).containsExactly(bytes(0x10, 0x20, 0x30, 0xfe, 0x01, 0x80));
  }

  @Test
  void alphaIsDropped() {
    BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
    image.setRGB(0, 0, 0x80102030);
    image.setRGB(1, 0, 0x00405060);

    assertThat(RgbPixels.of(image)).containsExactly(bytes(0x10, 0x20, 0x30, 0x40, 0x50, 0x60));
  }

  @Test
  void greyIsReplicatedUnchanged() {
    BufferedImage image = new BufferedImage(4, 1, BufferedImage.TYPE_BYTE_GRAY);
    image.getRaster().setSamples(0, 0, 4, 1, 0, new int[] {0, 77, 128, 255});

    assertThat(RgbPixels.of(image))
        .containsExactly(bytes(0, 0, 0, 77, 77, 77, 128, 128, 128, 255, 255, 255));
    // What a naive getRGB would have given: Java's linear grey, brightened on the way to sRGB.
    assertThat(image.getRGB(2, 0) & 0xff).isNotEqualTo(128);
  }

  @Test
  void greyWithAlphaKeepsOnlyTheGrey() {
    ComponentColorModel model =
        new ComponentColorModel(
            ColorSpace.getInstance(ColorSpace.CS_GRAY),
            true,
            false,
            Transparency.TRANSLUCENT,
            DataBuffer.TYPE_BYTE);
    WritableRaster raster = model.createCompatibleWritableRaster(1, 1);
    raster.setPixel(0, 0, new int[] {200, 10});

    assertThat(RgbPixels.of(new BufferedImage(model, raster, false, null)))
        .containsExactly(bytes(200, 200, 200));
  }

  @Test
  void sixteenBitSamplesRoundToEightBits() {
    BufferedImage grey = new BufferedImage(3, 1, BufferedImage.TYPE_USHORT_GRAY);
    grey.getRaster().setSamples(0, 0, 3, 1, 0, new int[] {65535, 128 * 257, 32767});
    assertThat(RgbPixels.of(grey))
        .containsExactly(bytes(255, 255, 255, 128, 128, 128, 127, 127, 127));

    assertThat(RgbPixels.of(sixteenBitPixel(65535, 0, 10 * 257)))
        .containsExactly(bytes(255, 0, 10));
  }

  /** A 1x1 image with 16-bit sRGB samples, as ImageIO decodes a 16-bit PNG. */
  static BufferedImage sixteenBitPixel(int r, int g, int b) {
    ComponentColorModel model =
        new ComponentColorModel(
            ColorSpace.getInstance(ColorSpace.CS_sRGB),
            false,
            false,
            Transparency.OPAQUE,
            DataBuffer.TYPE_USHORT);
    WritableRaster raster = model.createCompatibleWritableRaster(1, 1);
    raster.setPixel(0, 0, new int[] {r, g, b});
    return new BufferedImage(model, raster, false, null);
  }

  @Test
  void toEightBitsRoundsToNearest() {
    for (int bits = 1; bits <= 16; bits++) {
      double max = (1 << bits) - 1;
      for (int v = 0; v <= max; v++) {
        assertThat(RgbPixels.toEightBits(v, bits)).isEqualTo((int) Math.round(v * 255 / max));
      }
    }
  }

  @Test
  void paletteEntriesAreLookedUp() {
    IndexColorModel palette =
        new IndexColorModel(2, 3, bytes(255, 0, 10), bytes(0, 255, 20), bytes(0, 0, 30));
    BufferedImage image = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_BINARY, palette);
    image.getRaster().setSamples(0, 0, 3, 1, 0, new int[] {2, 0, 1});

    assertThat(RgbPixels.of(image)).containsExactly(bytes(10, 20, 30, 255, 0, 0, 0, 255, 0));
  }

  @Test
  void imageKeepsTheSize() {
    RgbImage image = RgbPixels.image(new BufferedImage(5, 3, BufferedImage.TYPE_INT_RGB));

    assertThat(image.width()).isEqualTo(5);
    assertThat(image.height()).isEqualTo(3);
  }

  static byte[] bytes(int... values) {
    byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) values[i];
    }
    return bytes;
  }
}
