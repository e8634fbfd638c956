namespace Muybridge.Video.Onnx.Sessions;

/// <summary>How each <see cref="ExecutionProvider"/> is named by ONNX Runtime and which package brings it.</summary>
public static class OnnxProviderNames
{
    /// <summary>The name ONNX Runtime reports, e.g. CUDAExecutionProvider.</summary>
    public static string NativeName(ExecutionProvider provider) => ProviderRegistration.NativeName(provider);

    /// <summary>The NuGet package (and system libraries) the provider needs.</summary>
    public static string Package(ExecutionProvider provider) => ProviderRegistration.Package(provider);
}
