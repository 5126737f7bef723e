package vitssl.data;

/** CIFAR-10's official training (50,000) and test (10,000) images, decoded. */
record Cifar10Splits(Cifar10Split train, Cifar10Split test) {}
