namespace Muybridge.Video.Onnx.Catalog;

/// <summary>
/// One file of a model. <see cref="Source"/> is an <c>https</c> address, an <c>npm:</c> package reference
/// (<c>npm:package@version#resource-key</c>, for models shipped as chunked npm packages), or null where no official
/// download exists and the user brings the file. <see cref="Sha256"/> is null where no hash is published; such a file is
/// only accepted when the caller allows unverified files.
/// </summary>
public sealed record ModelFile(string FileName, string? Source, string? Sha256, long? Bytes = null);
