namespace Muybridge.Video.Onnx.Catalog;

/// <summary>Bytes of one file so far, and the total when the server says.</summary>
public readonly record struct DownloadProgress(string FileName, long Bytes, long? TotalBytes);
