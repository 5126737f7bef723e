/**
 * A trained backbone outside vitssl and back: its parameters under timm's (ViT) or torchvision's
 * (ResNet) names in safetensors with a JSON sidecar, strict loading, and the spec of weights from
 * elsewhere read off their names and shapes.
 */
package vitssl.weights;
