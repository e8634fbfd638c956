namespace Muybridge.Video.Onnx.Sessions;

internal static class OnnxRuntimeInfoInternal
{
    public static IReadOnlyList<string> Available() => Providers.OnnxRuntimeInfo.AvailableProviders();
}
