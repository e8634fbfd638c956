using Microsoft.ML.OnnxRuntime;

namespace Muybridge.Video.Onnx.Providers;

/// <summary>What the loaded ONNX Runtime native library can do on this machine.</summary>
public static class OnnxRuntimeInfo
{
    /// <summary>Execution providers compiled into the loaded native library (e.g. CPUExecutionProvider, CUDAExecutionProvider).</summary>
    /// <exception cref="DllNotFoundException">No native ONNX Runtime package is referenced by the application.</exception>
    public static IReadOnlyList<string> AvailableProviders()
    {
        try
        {
            return OrtEnv.Instance().GetAvailableProviders();
        }
        catch (TypeInitializationException e) when (e.InnerException is DllNotFoundException missing)
        {
            throw new DllNotFoundException(
                "The ONNX Runtime native library is not loaded. Reference exactly one native package in your application: Microsoft.ML.OnnxRuntime (CPU) or Microsoft.ML.OnnxRuntime.Gpu (CUDA).", missing);
        }
    }
}
