namespace Muybridge.Video.Onnx.Catalog;

/// <summary>One cached file's state, with the hash actually measured (null when missing).</summary>
public sealed record ModelFileStatus(ModelFile File, string Path, ModelFileState State, string? ActualSha256);
