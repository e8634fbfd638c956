namespace Muybridge.Video.Onnx.Tensors;

/// <summary>A rectangle of pixels inside a frame.</summary>
internal readonly record struct PixelRect(int X, int Y, int Width, int Height);
